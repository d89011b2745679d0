import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import { DataSource, type QueryRunner } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../common/config/app.config';
import { CommonError, CommonErrorCode } from '../../common/errors/common.errors';
import { JobsError, JobsErrorCode } from '../jobs.errors';
import type { JobFormat } from '../jobs.types';
import { JobsQueue } from '../queue/jobs-queue';
import { parseCsv } from './csv.parser';
import { parseJsonRuns } from './json-runs.parser';
import { parseNdjson } from './ndjson.parser';
import { CopyRowWriter, InsertRowWriter, type RowWriter } from './row-writers';
import type { RowParser, StagedRow } from './staged-row';

export const PARSERS: Record<JobFormat, RowParser> = { json: parseJsonRuns, ndjson: parseNdjson, csv: parseCsv };

export interface IntakeCommand {
  tenant: string;
  keyId: string | null;
  format: JobFormat;
  /** The raw body, read incrementally; or rows already in memory (GraphQL createJob). */
  body: AsyncIterable<Buffer> | { rows: StagedRow[] };
}

export interface IntakeResult {
  id: string;
  total: number;
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
      const total = await this.stage(cmd, writer);
      writer = undefined;
      await this.commitQueued(qr, id, total);
      return { id, total };
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

  private async stage(cmd: IntakeCommand, writer: RowWriter): Promise<number> {
    const max = this.config.JOBS_MAX_ROWS;
    let total = 0;
    const take = async (rows: StagedRow[]) => {
      if (total + rows.length > max) {
        throw new JobsError(
          JobsErrorCode.JOB_TOO_MANY_ROWS,
          `A job holds at most ${max} rows (JOBS_MAX_ROWS); split the upload.`,
          [{ maxRows: max }],
        );
      }
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
    return total;
  }

  private async commitQueued(qr: QueryRunner, id: string, total: number): Promise<void> {
    await qr.startTransaction();
    try {
      await qr.query(`UPDATE jobs SET status = 'queued', total = $2, queued_at = now() WHERE id = $1`, [id, total]);
      await this.queue.enqueueChunks(qr, id, total);
      await qr.commitTransaction();
    } catch (err) {
      await qr.rollbackTransaction().catch(() => undefined);
      throw err;
    }
  }
}
