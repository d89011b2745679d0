import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Keys are found by their hash (unique), no longer by their prefix; the prefix shown in lists is 8
 * characters (it was 15: most of a short bootstrap key). A `platform` scope for the admins of the
 * whole service (reference data, every tenant's keys); `admin` is now a tenant's admin.
 */
export class ApiKeyHashLookup1764150000600 implements MigrationInterface {
  name = 'ApiKeyHashLookup1764150000600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE api_keys DROP CONSTRAINT IF EXISTS api_keys_prefix_key`);
    await q.query(`CREATE UNIQUE INDEX api_keys_key_hash_idx ON api_keys (key_hash)`);
    await q.query(`UPDATE api_keys SET prefix = left(prefix, 8)`);
    await q.query(`ALTER TABLE api_keys DROP CONSTRAINT IF EXISTS api_keys_scopes_check`);
    await q.query(
      `ALTER TABLE api_keys ADD CONSTRAINT api_keys_scopes_check CHECK (scopes <@ ARRAY['read', 'write', 'admin', 'platform']::text[] AND cardinality(scopes) > 0)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM api_keys WHERE 'platform' = ANY(scopes) AND name <> 'bootstrap admin'`);
    await q.query(`UPDATE api_keys SET scopes = array_remove(scopes, 'platform')`);
    await q.query(`ALTER TABLE api_keys DROP CONSTRAINT IF EXISTS api_keys_scopes_check`);
    await q.query(
      `ALTER TABLE api_keys ADD CONSTRAINT api_keys_scopes_check CHECK (scopes <@ ARRAY['read', 'write', 'admin']::text[] AND cardinality(scopes) > 0)`,
    );
    await q.query(`DROP INDEX api_keys_key_hash_idx`);
    // the 15-character prefixes are gone and 8-character ones may repeat: prefix stays non-unique
  }
}
