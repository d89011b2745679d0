import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A row's optional `externalId` (NDJSON/JSON field, CSV column): staged in job_rows beside the
 * RunCreate, and kept in job_errors so a row error names the caller's id. Unique within a job: the
 * intake turns every later row holding an earlier row's id into a DUPLICATE_EXTERNAL_ID error before
 * the job is queued (one window query over the staged rows, so no index is needed). Nullable: rows
 * without one, and rows staged before this migration, have none.
 */
export class JobsExternalIds1764150016900 implements MigrationInterface {
  name = 'JobsExternalIds1764150016900';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE job_rows ADD COLUMN external_id text`);
    await q.query(`ALTER TABLE job_errors ADD COLUMN external_id text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE job_errors DROP COLUMN external_id`);
    await q.query(`ALTER TABLE job_rows DROP COLUMN external_id`);
  }
}
