import 'reflect-metadata';
import { installFastAsyncResourceBind } from './common/runtime/async-resource-bind';
import { NestFactory } from '@nestjs/core';
import { createApp } from './app.factory';
import { type AppConfig, ConfigError, validateEnv } from './common/config/app.config';
import { createRootLogger, PinoNestLogger } from './common/logging/logger';
import { JobsWorkerModule } from './jobs/jobs.module';
import { JobsMetrics } from './jobs/jobs.metrics';
import { JobsWorker } from './jobs/worker/jobs-worker';
import { type JobsWorkerThread, jobsWorkerThreadAvailable, startJobsWorkerThread } from './jobs/worker/jobs-worker-thread';
import { EmbeddedPostgres } from './database/embedded-postgres';
import { prepareDatabase } from './database/prepare';
import { seeders } from './database/seeds';

installFastAsyncResourceBind();

async function main() {
  let config;
  try {
    config = validateEnv(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
  const roleArg = process.argv.find((a) => a.startsWith('--role='))?.slice('--role='.length);
  const role = roleArg ?? config.ROLE;
  const logger = createRootLogger(config.LOG_LEVEL, config.LOG_FORMAT);
  // A rejection nobody awaited (a library's fire-and-forget query while the database restarts) is
  // logged, not fatal: Node's default would end the process and every request and chunk in it.
  process.on('unhandledRejection', (reason) => {
    const e = reason as { message?: unknown; code?: unknown; stack?: unknown } | null;
    logger.error(
      { err: { message: e?.message ?? String(reason), code: e?.code, stack: e?.stack } },
      'unhandled promise rejection (the process goes on)',
    );
  });

  let embedded: EmbeddedPostgres | undefined;
  let databaseUrl = config.DATABASE_URL;
  if (!databaseUrl) {
    // The engine runs in its own thread; if that thread dies the data is unreachable, so the process
    // ends (as it did when a crash of the engine took the whole process) and a supervisor restarts it.
    // connections: the API's pool and queue pool, and as many again for its jobs worker thread
    const connections = 2 * (config.DB_POOL_SIZE + config.JOBS_QUEUE_POOL_SIZE);
    embedded = new EmbeddedPostgres(config.DATA_DIR, connections, (reason) => {
      logger.fatal({ reason }, 'embedded database stopped unexpectedly; exiting');
      logger.flush?.();
      process.exit(1);
    });
    databaseUrl = await embedded.start();
    logger.info(
      { dataDir: config.DATA_DIR, url: databaseUrl },
      'embedded PostgreSQL (PGlite) started; set DATABASE_URL to use a server',
    );
  }
  await prepareDatabase(databaseUrl, {
    migrate: config.MIGRATIONS_RUN,
    seeders: config.SEED_ON_START ? seeders : [],
    log: (msg) => logger.info(msg),
  });

  if (role === 'worker') {
    // The queue worker alone (no HTTP): consumes job chunks until SIGTERM, then lets active chunks
    // finish (or hands them back to the queue) within SHUTDOWN_TIMEOUT_MS and exits 0.
    const worker = await NestFactory.createApplicationContext(JobsWorkerModule.forRoot({ config, databaseUrl }), {
      logger: new PinoNestLogger(logger),
    });
    await worker.init();
    logger.info('worker started; consuming job chunks');
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, 'worker stopping');
      setTimeout(() => process.exit(1), config.SHUTDOWN_TIMEOUT_MS + 5000).unref();
      await worker.close();
      await embedded?.stop();
      logger.flush?.();
      process.exit(0);
    };
    process.once('SIGTERM', () => void stop('SIGTERM'));
    process.once('SIGINT', () => void stop('SIGINT'));
    return;
  }

  // The API's own jobs worker runs in a thread of this process (its own event loop and heap), so a
  // job's chunks do not delay requests; the app itself then consumes no chunks.
  const threadWanted = config.JOBS_WORKER_THREAD === 'auto' ? Boolean(embedded) : config.JOBS_WORKER_THREAD === 'true';
  const workerThread = config.JOBS_INPROCESS_WORKER && threadWanted && jobsWorkerThreadAvailable();
  const appConfig = workerThread
    ? Object.freeze(
        Object.assign(Object.create(Object.getPrototypeOf(config) as object) as AppConfig, config, {
          JOBS_INPROCESS_WORKER: false,
        }),
      )
    : config;
  const app = await createApp({ config: appConfig, databaseUrl, logger });
  let jobsThread: JobsWorkerThread | undefined;
  if (workerThread) {
    const metrics = app.get(JobsMetrics);
    jobsThread = await startJobsWorkerThread({
      databaseUrl,
      onMetric: (m) => metrics.apply(m),
      onUnexpectedExit: (reason) => {
        logger.fatal({ reason }, 'jobs worker thread stopped unexpectedly; exiting');
        logger.flush?.();
        process.exit(1);
      },
    });
    app.get(JobsWorker).relayNudgesTo(() => jobsThread?.nudge());
    logger.info('jobs worker started in its own thread');
  }
  await app.listen({ port: config.PORT, host: config.HOST });
  logger.info({ port: config.PORT, graphql: '/graphql', docs: '/docs' }, 'ai-emissions-api listening');

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    const timer = setTimeout(() => {
      logger.error('shutdown timed out; exiting');
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS).unref();
    try {
      // stops accepting, waits for in-flight requests, closes the database pool; meanwhile the jobs
      // worker thread finishes (or hands back) its active chunks
      await Promise.all([app.close(), jobsThread?.stop()]);
      await embedded?.stop();
    } finally {
      clearTimeout(timer);
      logger.info('shutdown complete');
      logger.flush?.();
      process.exit(0);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err) => {
  process.stderr.write(`fatal: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
