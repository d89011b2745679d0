import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type PgBoss from 'pg-boss';
import { APP_CONFIG, type AppConfig } from '../../common/config/app.config';
import type { ChunkMessage } from '../jobs.types';
import { JobsRepository } from '../jobs.repository';
import { CHUNK_QUEUE, DEAD_CHUNK_QUEUE, JobsQueue } from '../queue/jobs-queue';
import { ChunkProcessor } from './chunk-processor';

/** Whether this process consumes the queue: the worker role always, the API unless JOBS_INPROCESS_WORKER=false. */
export const JOBS_WORKER_ENABLED = Symbol('JOBS_WORKER_ENABLED');

/** An intake still `receiving` after this long was abandoned (a 1,000,000-row body takes about a minute). */
const STALE_INTAKE_SECONDS = 3600;

/**
 * Consumes chunk messages with JOBS_WORKER_CONCURRENCY pg-boss workers. After a chunk, the worker is
 * told to fetch again at once (pg-boss would otherwise wait out its polling interval between
 * chunks); an idle worker polls every half second. A failing chunk throws, so pg-boss retries it.
 */
@Injectable()
export class JobsWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(JobsWorker.name);
  private readonly workerIds: string[] = [];
  private boss?: PgBoss;
  private sweeper?: NodeJS.Timeout;
  private relay?: () => void;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(JOBS_WORKER_ENABLED) private readonly enabled: boolean,
    private readonly queue: JobsQueue,
    private readonly processor: ChunkProcessor,
    private readonly repo: JobsRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.enabled) return;
    const boss = await this.queue.start();
    this.boss = boss;
    for (let i = 0; i < this.config.JOBS_WORKER_CONCURRENCY; i++) {
      let id = '';
      id = await boss.work<ChunkMessage>(CHUNK_QUEUE, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => {
        const result = await this.processor.process(job.data);
        this.logger.debug({ msg: 'chunk done', jobId: job.data.jobId, from: job.data.from, ...result });
        boss.notifyWorker(id); // more chunks are likely waiting: fetch again without the polling pause
      });
      this.workerIds.push(id);
    }
    // Chunks that failed every delivery: their remaining rows become CHUNK_FAILED errors, so the job ends.
    await boss.work<ChunkMessage>(DEAD_CHUNK_QUEUE, { batchSize: 1, pollingIntervalSeconds: 2 }, async ([job]) => {
      const result = await this.processor.fail(job.data, 'retries exhausted (see the service logs for the cause)');
      if (result.claimed)
        this.logger.error({
          msg: 'chunk failed on every delivery; its rows are CHUNK_FAILED errors',
          jobId: job.data.jobId,
          from: job.data.from,
          to: job.data.to,
          ...result,
        });
    });
    const sweep = () =>
      void this.repo.deleteStaleIntakes(STALE_INTAKE_SECONDS).then(
        (n) => n && this.logger.warn(`deleted ${n} job intake(s) abandoned mid-body`),
        (err) => this.logger.warn({ msg: 'stale intake sweep failed', err }),
      );
    sweep();
    this.sweeper = setInterval(sweep, 10 * 60 * 1000).unref();
    this.logger.log(`jobs worker consuming ${CHUNK_QUEUE} with concurrency ${this.config.JOBS_WORKER_CONCURRENCY}`);
  }

  /** Wakes this process's idle workers (after an intake committed new chunks), and the jobs worker thread's. */
  nudge(): void {
    for (const id of this.workerIds) this.boss?.notifyWorker(id);
    this.relay?.();
  }

  /** The API with its worker in a thread (main.ts): nudges go to that thread too. */
  relayNudgesTo(relay: () => void): void {
    this.relay = relay;
  }

  /** Before the database pool closes: active chunks finish (or are failed back to the queue). */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    await this.queue.stop(Math.min(this.config.SHUTDOWN_TIMEOUT_MS, 30000));
  }
}
