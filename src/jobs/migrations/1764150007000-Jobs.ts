import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bulk calculation jobs.
 *
 * - `jobs`: one row per accepted upload, tenant-scoped, with its counters. `status` is `receiving`
 *   while the body is streamed in (invisible to the API), `queued` once every row is durably staged
 *   and the chunk messages are enqueued (same transaction), then `running` and finally
 *   `succeeded` | `partial` | `failed`.
 * - `job_rows`: the staging table the intake streams into (COPY on a server, multi-row INSERTs on the
 *   embedded engine). A row that could not be parsed is staged with its error instead of a payload,
 *   so every input row keeps its number. A chunk transaction DELETEs its rows (... RETURNING): the
 *   delete is the claim, so a row is processed by exactly one committed transaction, however often
 *   its chunk is redelivered; a killed worker's transaction rolls back and the rows come back.
 * - `job_errors`: the per-row outcome for rows that did not become a run; one per row at most.
 *   `runs` has UNIQUE (job_id, source_row) (runs migration): one run per input row at most.
 */
export class Jobs1764150007000 implements MigrationInterface {
  name = 'Jobs1764150007000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE jobs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant text NOT NULL,
        key_id text,
        format text NOT NULL,
        status text NOT NULL DEFAULT 'receiving',
        total integer NOT NULL DEFAULT 0,
        processed integer NOT NULL DEFAULT 0,
        succeeded integer NOT NULL DEFAULT 0,
        failed integer NOT NULL DEFAULT 0,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        queued_at timestamptz(3),
        started_at timestamptz(3),
        finished_at timestamptz(3),
        CONSTRAINT jobs_status_check CHECK (status IN ('receiving', 'queued', 'running', 'succeeded', 'failed', 'partial')),
        CONSTRAINT jobs_format_check CHECK (format IN ('json', 'ndjson', 'csv')),
        CONSTRAINT jobs_counters_check CHECK (processed = succeeded + failed AND processed <= total)
      )`);
    await q.query(`CREATE INDEX jobs_tenant_created_idx ON jobs (tenant, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX jobs_receiving_idx ON jobs (created_at) WHERE status = 'receiving'`);
    await q.query(`
      CREATE TABLE job_rows (
        job_id uuid NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
        row_number integer NOT NULL,
        payload jsonb,
        error_code text,
        error_message text,
        PRIMARY KEY (job_id, row_number),
        CONSTRAINT job_rows_payload_or_error CHECK ((payload IS NULL) <> (error_code IS NULL))
      )`);
    await q.query(`
      CREATE TABLE job_errors (
        job_id uuid NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
        row_number integer NOT NULL,
        code text NOT NULL,
        message text NOT NULL,
        details jsonb NOT NULL DEFAULT '[]',
        PRIMARY KEY (job_id, row_number)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE job_errors`);
    await q.query(`DROP TABLE job_rows`);
    await q.query(`DROP TABLE jobs`);
  }
}
