import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A key's own rate limit: per minute, in requests or in cost units (docs/security.md "Rate limits").
 * Both null: the service default (KEY_RATE_LIMIT_PER_MINUTE, in requests); 0 per minute: no limit for this key.
 */
export class ApiKeyRateLimit1764150014000 implements MigrationInterface {
  name = 'ApiKeyRateLimit1764150014000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE api_keys ADD COLUMN rate_limit_per_minute integer NULL, ADD COLUMN rate_limit_unit text NULL`);
    await q.query(
      `ALTER TABLE api_keys ADD CONSTRAINT api_keys_rate_limit_check CHECK (
         (rate_limit_per_minute IS NULL AND rate_limit_unit IS NULL)
         OR (rate_limit_per_minute >= 0 AND rate_limit_unit IN ('requests', 'cost')))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE api_keys DROP CONSTRAINT api_keys_rate_limit_check`);
    await q.query(`ALTER TABLE api_keys DROP COLUMN rate_limit_unit, DROP COLUMN rate_limit_per_minute`);
  }
}
