import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { CHUNK_QUEUE } from './queue/jobs-queue';

/** A counter increment or histogram observation made in the jobs worker thread, for the API's registry. */
export type ForwardedMetric =
  | { name: 'rowsProcessed' | 'rowsFailed'; value: number }
  | { name: 'chunkDuration' | 'jobDuration'; labels: Record<string, string>; value: number };

/**
 * The jobs' Prometheus metrics, served by GET /metrics of the API (app.factory.ts adds this registry).
 * Counters and histograms count what this process's worker did; the queue gauges are read from the
 * database at scrape time, so they cover every worker process. Names follow Prometheus' naming
 * conventions (https://prometheus.io/docs/practices/naming/: base units, `_total` counters).
 */
@Injectable()
export class JobsMetrics {
  private readonly logger = new Logger(JobsMetrics.name);
  readonly registry = new Registry();

  readonly rowsProcessed = new Counter({
    name: 'jobs_rows_processed_total',
    help: 'Job rows processed by this process (each became a run or a row error).',
    registers: [this.registry],
  });
  readonly rowsFailed = new Counter({
    name: 'jobs_rows_failed_total',
    help: 'Job rows that became a row error (invalid, not estimable, or in a chunk that failed every delivery).',
    registers: [this.registry],
  });
  readonly chunkDuration = new Histogram({
    name: 'jobs_chunk_duration_seconds',
    help: 'Time to process one chunk (read, estimate, one write transaction), by outcome.',
    labelNames: ['outcome'] as const,
    // a chunk is 50 to JOBS_CHUNK_SIZE (2,000) rows at about 2,000 rows/s: tens of ms to a few seconds
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  readonly jobDuration = new Histogram({
    name: 'jobs_duration_seconds',
    help: 'Time from acceptance (202) to the end of a job, by final status.',
    labelNames: ['status'] as const,
    // from a one-row job (well under a second) to a 1,000,000-row job (minutes)
    buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600, 14400],
    registers: [this.registry],
  });

  constructor(@InjectDataSource() private readonly ds: DataSource) {
    // collect() runs with `this` bound to its gauge: the database read is captured here
    const read = <T>(sql: string, params: unknown[]) => this.read<T>(sql, params);
    new Gauge({
      name: 'jobs_queue_chunks',
      help: 'Chunk messages in the job queue: waiting (created or retry) and active (being processed), all workers.',
      labelNames: ['state'] as const,
      registers: [this.registry],
      async collect() {
        const rows = await read<{ waiting: string; active: string }>(
          `SELECT count(*) FILTER (WHERE state IN ('created', 'retry')) AS waiting, count(*) FILTER (WHERE state = 'active') AS active
           FROM pgboss.job WHERE name = $1`,
          [CHUNK_QUEUE],
        );
        if (!rows) return;
        this.set({ state: 'waiting' }, Number(rows[0]?.waiting ?? 0));
        this.set({ state: 'active' }, Number(rows[0]?.active ?? 0));
      },
    });
    new Gauge({
      name: 'jobs_queue_rows',
      help: 'Rows of queued and running jobs not processed yet, all workers.',
      registers: [this.registry],
      async collect() {
        const rows = await read<{ n: string }>(
          `SELECT coalesce(sum(total - processed), 0) AS n FROM jobs WHERE status IN ('queued', 'running')`,
          [],
        );
        if (rows) this.set(Number(rows[0]?.n ?? 0));
      },
    });
  }

  /**
   * In the API's jobs worker thread (worker/jobs-worker.thread.ts): what the worker counts and times
   * is sent to the API's registry (which /metrics serves) instead of this thread's own.
   */
  forwardTo(send: (m: ForwardedMetric) => void): void {
    const counter = (name: 'rowsProcessed' | 'rowsFailed') => (value?: number) => send({ name, value: value ?? 1 });
    const histogram =
      (name: 'chunkDuration' | 'jobDuration') =>
      (labels: Record<string, string>, value: number): void =>
        send({ name, labels, value });
    const timer = (name: 'chunkDuration' | 'jobDuration') => (labels?: Record<string, string>) => {
      const start = process.hrtime.bigint();
      return (more?: Record<string, string>) => {
        const value = Number(process.hrtime.bigint() - start) / 1e9;
        send({ name, labels: { ...labels, ...more }, value });
        return value;
      };
    };
    Object.assign(this.rowsProcessed, { inc: counter('rowsProcessed') });
    Object.assign(this.rowsFailed, { inc: counter('rowsFailed') });
    Object.assign(this.chunkDuration, { observe: histogram('chunkDuration'), startTimer: timer('chunkDuration') });
    Object.assign(this.jobDuration, { observe: histogram('jobDuration'), startTimer: timer('jobDuration') });
  }

  /** In the API: a metric sent by its jobs worker thread (see forwardTo). */
  apply(m: ForwardedMetric): void {
    if (m.name === 'rowsProcessed' || m.name === 'rowsFailed') this[m.name].inc(m.value);
    else if (m.name === 'chunkDuration') this.chunkDuration.observe(m.labels as { outcome: string }, m.value);
    else if (m.name === 'jobDuration') this.jobDuration.observe(m.labels as { status: string }, m.value);
  }

  /** A scrape must not fail with the database (or the queue's schema, before the queue first starts): keep the last value. */
  private async read<T>(sql: string, params: unknown[]): Promise<T[] | null> {
    try {
      return (await this.ds.query(sql, params)) as T[];
    } catch (err) {
      this.logger.debug({ msg: 'jobs metrics: queue depth not readable', err: (err as Error).message });
      return null;
    }
  }
}
