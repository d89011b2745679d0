import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `Idempotency-Key` on job creation (same semantics as runs: the first job with a key wins, a retry
 * with the same body is answered with that job, another body is 409 IDEMPOTENCY_KEY_REUSED).
 *
 * - `idempotency_key`: set in the transaction that queues the job (never while it is `receiving`),
 *   so UNIQUE (tenant, idempotency_key) is what settles concurrent retries: the second commit waits
 *   for the first and fails, and that request answers with the winner instead.
 * - `body_hash`: SHA-256 of the rows as read, computed while the body streams in.
 * Jobs without a key keep NULL (UNIQUE ignores NULLs).
 */
export class JobsIdempotency1764150010700 implements MigrationInterface {
  name = 'JobsIdempotency1764150010700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE jobs ADD COLUMN idempotency_key text, ADD COLUMN body_hash text`);
    await q.query(`ALTER TABLE jobs ADD CONSTRAINT jobs_tenant_idempotency_key_key UNIQUE (tenant, idempotency_key)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE jobs DROP CONSTRAINT jobs_tenant_idempotency_key_key`);
    await q.query(`ALTER TABLE jobs DROP COLUMN idempotency_key, DROP COLUMN body_hash`);
  }
}
