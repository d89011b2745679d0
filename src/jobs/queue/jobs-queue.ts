import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import PgBoss from 'pg-boss';
import { DataSource, type QueryRunner } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../common/config/app.config';
import type { ChunkMessage } from '../jobs.types';

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
    const boss = new PgBoss({
      connectionString: url,
      max: this.config.JOBS_QUEUE_POOL_SIZE,
      application_name: 'ai-emissions-api:jobs',
      schedule: false, // no cron jobs
      supervise: true, // expire lost chunks, archive finished ones
      maintenanceIntervalSeconds: this.config.JOBS_MAINTENANCE_INTERVAL_SECONDS,
      archiveCompletedAfterSeconds: 3600,
      deleteAfterDays: 7,
    });
    boss.on('error', (err) => this.logger.error({ msg: 'job queue error', err }));
    await boss.start();
    await boss.createQueue(DEAD_CHUNK_QUEUE, { name: DEAD_CHUNK_QUEUE, retryLimit: this.config.JOBS_CHUNK_RETRY_LIMIT, retryDelay: 1, retryBackoff: true });
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
    const size = this.config.JOBS_CHUNK_SIZE;
    const { retryLimit, retryDelay, retryBackoff, expireInSeconds, deadLetter } = this.messageOptions();
    const messages: PgBoss.JobInsert<ChunkMessage>[] = [];
    for (let from = 1; from <= total; from += size) {
      messages.push({ name: CHUNK_QUEUE, data: { jobId, from, to: Math.min(from + size, total + 1) }, retryLimit, retryDelay, retryBackoff, expireInSeconds, deadLetter });
    }
    for (let i = 0; i < messages.length; i += 1000) await boss.insert(messages.slice(i, i + 1000), { db: queryRunnerDb(qr) });
    return messages.length;
  }

  async stop(timeoutMs: number): Promise<void> {
    const starting = this.starting;
    if (!starting) return;
    this.starting = undefined;
    this.boss = undefined;
    const boss = await starting.catch(() => undefined);
    await boss?.stop({ graceful: true, wait: true, close: true, timeout: Math.max(1000, timeoutMs) });
  }
}
