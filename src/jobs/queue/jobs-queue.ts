import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EventEmitter } from 'node:events';
import { Pool, type PoolConfig } from 'pg';
import PgBoss from 'pg-boss';
import { DataSource, type QueryRunner } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../common/config/app.config';
import { isDatabaseUnavailable } from '../../common/errors/db-errors';
import type { ChunkMessage } from '../jobs.types';

/**
 * Smallest chunk the 1% rule makes: 50 rows take about 25 ms at the 2,192 rows/s a worker sustained
 * end to end (bench/jobs.bench.mjs, issue 15), so smaller chunks would only add queue and commit
 * overhead without making progress visibly smoother.
 */
export const MIN_CHUNK_ROWS = 50;

/**
 * Rows per chunk of a job of `total` rows. Progress moves once per committed chunk, so a chunk is at
 * most 1% of the job (issue 15: progress at least every 1%), at most JOBS_CHUNK_SIZE (one transaction's
 * worth) and at least MIN_CHUNK_ROWS (or JOBS_CHUNK_SIZE when that is smaller): a small job moves in
 * steps of well under a second instead.
 */
export function chunkRows(total: number, maxChunk: number): number {
  return Math.max(1, Math.min(maxChunk, Math.max(MIN_CHUNK_ROWS, Math.ceil(total / 100))));
}

/** The pg-boss queue of job chunks (one message = rows [from, to) of a job). */
export const CHUNK_QUEUE = 'run_job_chunks';
/** Where pg-boss moves a chunk that failed every delivery; its handler turns the rows into row errors. */
export const DEAD_CHUNK_QUEUE = 'run_job_chunks_dead';

/** A pg-boss `db` that runs on a TypeORM query runner, so messages commit with the caller's transaction. */
export function queryRunnerDb(qr: QueryRunner): PgBoss.Db {
  return {
    executeSql: async (text: string, values: unknown[]) => {
      const rows = await qr.query(text, values);
      return { rows: Array.isArray(rows) ? rows : [] };
    },
  };
}

/**
 * The queue's own connection pool, given to pg-boss as its `db`. pg-boss completes and fails a chunk
 * without awaiting the promise (manager.js: `this.complete(...)` in the worker loop), so one failed
 * query while the database restarts is an unhandled rejection, which ends the process. Here every
 * query that meets a transient connection error is retried with backoff (up to `retryWindowMs`, a
 * second at most between attempts), so completions, failures and fetches simply wait for the database
 * to come back; the pool's own errors (an idle connection cut by the server) are logged, never thrown.
 */
export class ResilientQueueDb extends EventEmitter implements PgBoss.Db {
  private readonly pool: Pool;
  private stopping = false;

  constructor(
    config: PoolConfig,
    private readonly retryWindowMs: number,
    private readonly log: (err: unknown, msg: string) => void,
  ) {
    super();
    this.pool = new Pool(config);
    this.pool.on('error', (err) => this.log(err, 'job queue connection lost (idle); it reconnects on next use'));
  }

  async executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> {
    const started = Date.now();
    let warned = false;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.runStatement(text, values);
      } catch (err) {
        // Two processes starting at once both run pg-boss's createQueue (DDL on its partitioned table): PostgreSQL
        // may pick one as a deadlock victim. Each statement here stands alone, so running it again is safe.
        if (isDeadlock(err) && attempt < 5) {
          await new Promise((r) => setTimeout(r, 50 + Math.floor(Math.random() * 200)));
          continue;
        }
        const window = this.stopping ? Math.min(this.retryWindowMs, 2000) : this.retryWindowMs;
        if (!isDatabaseUnavailable(err) || Date.now() - started > window) throw err;
        if (!warned) this.log(err, 'job queue: the database is unreachable; retrying');
        warned = true;
        await new Promise((r) => setTimeout(r, Math.min(1000, 100 * 2 ** attempt)));
      }
    }
  }

  /**
   * One statement on its own pooled connection. pg-boss sends some statements as one text with BEGIN ... COMMIT;
   * when such a text fails midway the session stays in an aborted transaction, so it is rolled back before the
   * connection goes back to the pool (a connection that is gone is discarded instead).
   */
  private async runStatement(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    // pg-pool takes its own 'error' listener off a client while it is checked out, and pg emits 'error' when the server
    // ends the session (57P01 on a fast shutdown, then the socket closes): with no listener that is an uncaught exception
    // and the process exits. While this statement holds the client, such an error marks it broken instead.
    const onError = (err: Error) => {
      broken ??= err;
    };
    client.on('error', onError);
    try {
      return await client.query(text, values as unknown[]);
    } catch (err) {
      if (isDatabaseUnavailable(err)) broken ??= err as Error;
      else if (!broken)
        await client.query('ROLLBACK').catch((e: Error) => {
          broken ??= e;
        });
      throw err;
    } finally {
      client.release(broken);
      client.removeListener('error', onError);
    }
  }

  /** Shortens the retries (shutdown must not wait a minute for a database that is gone). */
  beginStop(): void {
    this.stopping = true;
  }

  async close(): Promise<void> {
    this.stopping = true;
    await this.pool.end();
  }
}

/** deadlock_detected (40P01) or serialization_failure (40001): the statement was rolled back and may run again. */
function isDeadlock(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '40P01' || code === '40001';
}

/** How long a queue query keeps retrying a database that is down before it gives up (the chunk is then redelivered). */
const QUEUE_RETRY_WINDOW_MS = 120_000;

/**
 * pg-boss 10 (the release for Node 20) on the service's own database, in schema `pgboss`. Started
 * lazily by whoever needs it first (the intake to enqueue, the worker to consume), stopped on
 * shutdown. Delivery is at least once: a chunk whose worker dies is failed by the queue's
 * maintenance after JOBS_CHUNK_TIMEOUT_SECONDS and delivered again; the chunk processor makes
 * redelivery harmless.
 */
@Injectable()
export class JobsQueue {
  private readonly logger = new Logger(JobsQueue.name);
  private starting?: Promise<PgBoss>;
  private boss?: PgBoss;
  private db?: ResilientQueueDb;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly ds: DataSource,
  ) {}

  start(): Promise<PgBoss> {
    if (!this.starting) {
      const starting = this.open();
      this.starting = starting;
      starting.catch(() => {
        if (this.starting === starting) this.starting = undefined; // let the next caller try again
      });
    }
    return this.starting;
  }

  private async open(): Promise<PgBoss> {
    const url = (this.ds.options as { url?: string }).url;
    if (!url) throw new Error('the jobs queue needs the database URL');
    const db = new ResilientQueueDb(
      {
        connectionString: url,
        max: this.config.JOBS_QUEUE_POOL_SIZE,
        application_name: 'ai-emissions-api:jobs',
        connectionTimeoutMillis: 10000,
      },
      QUEUE_RETRY_WINDOW_MS,
      (err, msg) => this.logger.warn({ msg, err: redactErr(err) }),
    );
    this.db = db;
    const boss = new PgBoss({
      db,
      schedule: false, // no cron jobs
      supervise: true, // expire lost chunks, archive finished ones
      maintenanceIntervalSeconds: this.config.JOBS_MAINTENANCE_INTERVAL_SECONDS,
      archiveCompletedAfterSeconds: 3600,
      deleteAfterDays: 7,
    });
    // Errors of the queue's own loops (fetch, maintenance, monitoring): logged; each loop goes on by itself.
    boss.on('error', (err) => this.logger.error({ msg: 'job queue error', err: redactErr(err) }));
    try {
      await boss.start();
    } catch (err) {
      await db.close().catch(() => undefined);
      throw err;
    }
    await boss.createQueue(DEAD_CHUNK_QUEUE, {
      name: DEAD_CHUNK_QUEUE,
      retryLimit: this.config.JOBS_CHUNK_RETRY_LIMIT,
      retryDelay: 1,
      retryBackoff: true,
    });
    await boss.createQueue(CHUNK_QUEUE, this.messageOptions());
    await boss.updateQueue(CHUNK_QUEUE, this.messageOptions()); // a queue made by an older release gets the dead letter too
    this.boss = boss;
    return boss;
  }

  private messageOptions() {
    return {
      name: CHUNK_QUEUE,
      retryLimit: this.config.JOBS_CHUNK_RETRY_LIMIT,
      retryDelay: 1,
      retryBackoff: true,
      expireInSeconds: this.config.JOBS_CHUNK_TIMEOUT_SECONDS,
      deadLetter: DEAD_CHUNK_QUEUE,
    };
  }

  /** Enqueues one message per chunk of a job's rows 1..total, inside the caller's transaction. */
  async enqueueChunks(qr: QueryRunner, jobId: string, total: number): Promise<number> {
    const boss = await this.start();
    const size = chunkRows(total, this.config.JOBS_CHUNK_SIZE);
    const { retryLimit, retryDelay, retryBackoff, expireInSeconds, deadLetter } = this.messageOptions();
    const messages: PgBoss.JobInsert<ChunkMessage>[] = [];
    for (let from = 1; from <= total; from += size) {
      messages.push({
        name: CHUNK_QUEUE,
        data: { jobId, from, to: Math.min(from + size, total + 1) },
        retryLimit,
        retryDelay,
        retryBackoff,
        expireInSeconds,
        deadLetter,
      });
    }
    for (let i = 0; i < messages.length; i += 1000) await boss.insert(messages.slice(i, i + 1000), { db: queryRunnerDb(qr) });
    return messages.length;
  }

  async stop(timeoutMs: number): Promise<void> {
    const starting = this.starting;
    if (!starting) return;
    this.starting = undefined;
    this.boss = undefined;
    const db = this.db;
    this.db = undefined;
    const boss = await starting.catch(() => undefined);
    db?.beginStop();
    try {
      await boss?.stop({ graceful: true, wait: true, close: true, timeout: Math.max(1000, timeoutMs) });
    } catch (err) {
      this.logger.warn({
        msg: 'job queue stopped with an error (active chunks are redelivered after their timeout)',
        err: redactErr(err),
      });
    } finally {
      await db?.close().catch(() => undefined);
    }
  }
}

/** A queue error as logged: code and message, never the failed query's parameters (chunk payloads). */
function redactErr(err: unknown): unknown {
  if (!(err instanceof Error) && (typeof err !== 'object' || err === null)) return err;
  const e = err as { message?: unknown; code?: unknown; stack?: unknown; queue?: unknown; worker?: unknown };
  return { message: e.message, code: e.code, queue: e.queue, worker: e.worker, stack: e.stack };
}
