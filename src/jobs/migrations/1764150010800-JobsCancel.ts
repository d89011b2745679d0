import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Status `cancelled` (POST /v1/jobs/{id}/cancel): a queued or running job stops taking chunks. Its
 * runs and errors so far stay, the counters keep what was done (processed < total) and finished_at
 * says when it was cancelled. Chunks delivered afterwards drop their staged rows; a chunk that was
 * being computed when the cancel committed rolls back (its counter update finds the job cancelled).
 */
export class JobsCancel1764150010800 implements MigrationInterface {
  name = 'JobsCancel1764150010800';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE jobs DROP CONSTRAINT jobs_status_check`);
    await q.query(
      `ALTER TABLE jobs ADD CONSTRAINT jobs_status_check
         CHECK (status IN ('receiving', 'queued', 'running', 'succeeded', 'failed', 'partial', 'cancelled'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE jobs SET status = 'partial' WHERE status = 'cancelled'`);
    await q.query(`ALTER TABLE jobs DROP CONSTRAINT jobs_status_check`);
    await q.query(
      `ALTER TABLE jobs ADD CONSTRAINT jobs_status_check
         CHECK (status IN ('receiving', 'queued', 'running', 'succeeded', 'failed', 'partial'))`,
    );
  }
}
