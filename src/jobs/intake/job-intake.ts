import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash, type Hash } from 'node:crypto';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import { DataSource, type QueryRunner } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../common/config/app.config';
import { CommonError, CommonErrorCode } from '../../common/errors/common.errors';
import { idempotencyKeyReused, JobRowErrorCode, JobsError, JobsErrorCode } from '../jobs.errors';
import type { JobFormat } from '../jobs.types';
import { JobsQueue } from '../queue/jobs-queue';
import { parseCsv } from './csv.parser';
import { parseJsonRuns } from './json-runs.parser';
import { parseNdjson } from './ndjson.parser';
import { CopyRowWriter, DiscardRowWriter, InsertRowWriter, type RowWriter } from './row-writers';
import type { RowParser, StagedRow } from './staged-row';

export const PARSERS: Record<JobFormat, RowParser> = { json: parseJsonRuns, ndjson: parseNdjson, csv: parseCsv };

export interface IntakeCommand {
  tenant: string;
  keyId: string | null;
  format: JobFormat;
  /** The raw body, read incrementally; or rows already in memory (GraphQL createJob). */
  body: AsyncIterable<Buffer> | { rows: StagedRow[] };
  /** A validated Idempotency-Key (see assertIdempotencyKey), or null. */
  idempotencyKey?: string | null;
}

export interface IntakeResult {
  id: string;
  total: number;
  /** True when an earlier job with the same Idempotency-Key and body answered (nothing new was stored). */
  replayed: boolean;
}

/** The job that holds an Idempotency-Key: what a retry is compared with and answered by. */
interface KeyedJob {
  id: string;
  total: number;
  bodyHash: string | null;
}

/** Thrown inside the queueing transaction when a concurrent request with the same key committed first. */
class KeyTaken extends Error {}

const KEY_CONSTRAINT = 'jobs_tenant_idempotency_key_key';

function isKeyConflict(err: unknown): boolean {
  const e = err as { code?: unknown; constraint?: unknown; driverError?: { code?: unknown; constraint?: unknown } };
  const code = e?.code ?? e?.driverError?.code;
  const constraint = e?.constraint ?? e?.driverError?.constraint;
  return code === '23505' && constraint === KEY_CONSTRAINT;
}

/**
 * SHA-256 of a body's rows as the parser reads them, fed batch by batch while the body streams in
 * (never the whole body in memory). A row counts as its JSON text as stored (so whitespace between
 * tokens, blank lines and NDJSON versus `{ "runs": [...] }` do not matter) or, for a row that could
 * not be read, its error; one row per line (stored JSON text never holds a raw newline).
 */
export class RowsHash {
  private readonly hash: Hash = createHash('sha256');

  add(rows: StagedRow[]): void {
    for (const r of rows)
      this.hash.update(
        r.payload === null
          ? `\u0000${r.errorCode}\u0000${r.errorMessage}\n`
          : r.externalId
            ? `${r.payload}\u0000${r.externalId}\n` // rows without an externalId hash as they did before it existed
            : `${r.payload}\n`,
      );
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}

/** Counts body bytes and stops at JOBS_MAX_BODY_BYTES (the global BODY_LIMIT_BYTES does not apply to streamed routes). */
async function* limitBytes(source: AsyncIterable<Buffer | string>, max: number): AsyncGenerator<Buffer> {
  let seen = 0;
  for await (const chunk of source) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    seen += b.length;
    if (seen > max)
      throw new CommonError(CommonErrorCode.PAYLOAD_TOO_LARGE, `The job body is larger than ${max} bytes (JOBS_MAX_BODY_BYTES).`);
    yield b;
  }
}

/**
 * Streams a job's body into job_rows and queues it:
 *
 * 1. insert the job (status `receiving`: invisible to the API) and commit;
 * 2. parse the body incrementally and write the rows in batches (COPY on a PostgreSQL server,
 *    multi-row INSERTs on the embedded engine), never holding the body in memory;
 * 3. in one transaction, set total and status `queued` and enqueue the chunk messages (pg-boss on
 *    the same connection): the job becomes visible exactly when its rows and messages are durable.
 *
 * A body that fails as a whole (malformed, too many rows, too large, client gone) deletes the job and
 * its rows. A process killed mid-intake leaves a `receiving` job nobody was told about; the worker
 * sweeps those after an hour.
 */
@Injectable()
export class JobIntake {
  private readonly logger = new Logger(JobIntake.name);
  private bulkLoad?: Promise<'copy' | 'insert'>;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queue: JobsQueue,
  ) {}

  /** COPY on a PostgreSQL server; INSERTs on the embedded engine (PGlite reports itself in version()). */
  private method(): Promise<'copy' | 'insert'> {
    const configured = this.config.JOBS_BULK_LOAD;
    if (configured !== 'auto') return Promise.resolve(configured);
    this.bulkLoad ??= this.ds
      .query(`SELECT version() AS v`)
      .then((rows: { v: string }[]) => (/pglite|emscripten/i.test(rows[0]?.v ?? '') ? 'insert' : 'copy'));
    return this.bulkLoad;
  }

  async ingest(cmd: IntakeCommand): Promise<IntakeResult> {
    // The queue must be up before rows are staged: enqueueing is the last step of the intake.
    await this.queue.start();
    const key = cmd.idempotencyKey ?? null;
    if (key) {
      // A retry of a job that is already queued: read (and hash) the body without storing it.
      const existing = await this.findKeyed(cmd.tenant, key);
      if (existing) return this.replay(existing, (await this.stage(cmd, new DiscardRowWriter())).hash, key);
    }
    try {
      return await this.stageAndQueue(cmd, key);
    } catch (err) {
      if (!(err instanceof KeyTaken) || !key) throw err;
      // A concurrent request with the same key queued its job first (ours is deleted): answer with that job.
      const winner = await this.findKeyed(cmd.tenant, key);
      if (!winner) throw new Error('the job holding this Idempotency-Key vanished', { cause: err });
      return this.replay(winner, err.message, key);
    }
  }

  private async stageAndQueue(cmd: IntakeCommand, key: string | null): Promise<IntakeResult> {
    const inserted: { id: string }[] = await this.ds.query(
      `INSERT INTO jobs (tenant, key_id, format) VALUES ($1, $2, $3) RETURNING id`,
      [cmd.tenant, cmd.keyId, cmd.format],
    );
    const id = inserted[0].id;
    const qr = this.ds.createQueryRunner();
    let writer: RowWriter | undefined;
    try {
      const client = (await qr.connect()) as PoolClient;
      writer =
        'rows' in cmd.body || (await this.method()) === 'insert' ? new InsertRowWriter(qr, id) : new CopyRowWriter(client, id);
      const { total, hash, externalIds } = await this.stage(cmd, writer);
      writer = undefined;
      await this.commitQueued(qr, id, total, key, hash, externalIds);
      return { id, total, replayed: false };
    } catch (err) {
      await writer?.abort(err as Error).catch(() => undefined);
      await qr.release();
      await this.ds
        .query(`DELETE FROM jobs WHERE id = $1`, [id])
        .catch((e) => this.logger.warn({ msg: 'could not delete a failed intake', err: e, jobId: id }));
      throw err;
    } finally {
      if (!qr.isReleased) await qr.release();
    }
  }

  private async findKeyed(tenant: string, key: string): Promise<KeyedJob | null> {
    const rows: { id: string; total: number; body_hash: string | null }[] = await this.ds.query(
      `SELECT id, total, body_hash FROM jobs WHERE tenant = $1 AND idempotency_key = $2`,
      [tenant, key],
    );
    return rows[0] ? { id: rows[0].id, total: Number(rows[0].total), bodyHash: rows[0].body_hash } : null;
  }

  /** The same key and rows answer the first job; the same key with other rows is 409 IDEMPOTENCY_KEY_REUSED. */
  private replay(existing: KeyedJob, hash: string, key: string): IntakeResult {
    if (existing.bodyHash !== hash) throw idempotencyKeyReused(key, existing.id);
    return { id: existing.id, total: existing.total, replayed: true };
  }

  private async stage(cmd: IntakeCommand, writer: RowWriter): Promise<{ total: number; hash: string; externalIds: boolean }> {
    const max = this.config.JOBS_MAX_ROWS;
    const hash = new RowsHash();
    let total = 0;
    let externalIds = false;
    const take = async (rows: StagedRow[]) => {
      if (total + rows.length > max) {
        throw new JobsError(
          JobsErrorCode.JOB_TOO_MANY_ROWS,
          `A job holds at most ${max} rows (JOBS_MAX_ROWS); split the upload.`,
          [{ maxRows: max }],
        );
      }
      hash.add(rows);
      externalIds ||= rows.some((r) => r.externalId);
      await writer.write(rows, total + 1);
      total += rows.length;
    };
    if ('rows' in cmd.body) {
      await take(cmd.body.rows);
    } else {
      for await (const rows of PARSERS[cmd.format](limitBytes(cmd.body, this.config.JOBS_MAX_BODY_BYTES))) await take(rows);
    }
    if (total === 0) throw new JobsError(JobsErrorCode.JOB_EMPTY, 'The job has no rows.');
    await writer.finish();
    return { total, hash: hash.digest(), externalIds };
  }

  /**
   * Makes the job visible: total, status `queued`, its Idempotency-Key and body hash, and its chunk
   * messages, in one transaction (after marking rows whose externalId an earlier row holds). With a key, UNIQUE (tenant, idempotency_key) makes a concurrent
   * request with the same key wait here for the first commit and then fail (KeyTaken, carrying our
   * body hash): exactly one job per key, whatever the timing.
   */
  private async commitQueued(
    qr: QueryRunner,
    id: string,
    total: number,
    key: string | null,
    hash: string,
    externalIds: boolean,
  ): Promise<void> {
    await qr.startTransaction();
    try {
      if (externalIds) await markDuplicateExternalIds(qr, id);
      await qr.query(
        `UPDATE jobs SET status = 'queued', total = $2, queued_at = now(), idempotency_key = $3, body_hash = $4 WHERE id = $1`,
        [id, total, key, key ? hash : null],
      );
      await this.queue.enqueueChunks(qr, id, total);
      await qr.commitTransaction();
    } catch (err) {
      await qr.rollbackTransaction().catch(() => undefined);
      if (isKeyConflict(err)) throw new KeyTaken(hash);
      throw err;
    }
  }
}

/**
 * An externalId is unique within a job: the first row (by row number) that holds it keeps it, and
 * each later row with the same id becomes a DUPLICATE_EXTERNAL_ID row error (it keeps its externalId,
 * so the error says which id). One set-based statement over the staged rows, however many there are.
 */
async function markDuplicateExternalIds(qr: QueryRunner, jobId: string): Promise<void> {
  await qr.query(
    `UPDATE job_rows r
     SET payload = NULL, error_code = $2,
         error_message = format('externalId %s is already used by row %s of this job', to_json(d.external_id)::text, d.first_row)
     FROM (
       SELECT row_number, external_id, first_value(row_number) OVER (PARTITION BY external_id ORDER BY row_number) AS first_row
       FROM job_rows WHERE job_id = $1 AND external_id IS NOT NULL
     ) d
     WHERE r.job_id = $1 AND r.row_number = d.row_number AND d.row_number <> d.first_row`,
    [jobId, JobRowErrorCode.DUPLICATE_EXTERNAL_ID],
  );
}
