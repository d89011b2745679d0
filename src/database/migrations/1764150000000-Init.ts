import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1764150000000 implements MigrationInterface {
  name = 'Init1764150000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE data_versions (
        id text PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('seed', 'admin')),
        description text NOT NULL,
        details jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX data_versions_created_at_idx ON data_versions (created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE data_versions`);
  }
}
