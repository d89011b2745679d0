import 'reflect-metadata';
import { parentPort, workerData } from 'node:worker_threads';
import { NestFactory } from '@nestjs/core';
import { validateEnv } from '../../common/config/app.config';
import { createRootLogger, PinoNestLogger } from '../../common/logging/logger';
import { JobsMetrics } from '../jobs.metrics';
import { JobsWorkerModule } from '../jobs.module';
import { JobsWorker } from './jobs-worker';
import type { JobsThreadData, JobsThreadMessage } from './jobs-worker-thread';

/**
 * The API's jobs worker in a thread of its own (started by startJobsWorkerThread): the same queue
 * worker as `--role=worker`, so a chunk's validation, estimation and writes never hold the API's
 * event loop. It answers `nudge` (new chunks were queued) and `stop` (finish or hand back the active
 * chunks, then end); its metrics go to the API's registry as messages.
 */
async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('jobs-worker.thread runs only as a worker thread');
  const { databaseUrl } = workerData as JobsThreadData;
  const config = validateEnv(process.env);
  const logger = createRootLogger(config.LOG_LEVEL, config.LOG_FORMAT).child({ thread: 'jobs-worker' });
  const post = (m: JobsThreadMessage) => port.postMessage(m);
  process.on('unhandledRejection', (reason) => {
    const e = reason as { message?: unknown; code?: unknown; stack?: unknown } | null;
    logger.error(
      { err: { message: e?.message ?? String(reason), code: e?.code, stack: e?.stack } },
      'unhandled promise rejection (the jobs worker goes on)',
    );
  });
  const ctx = await NestFactory.createApplicationContext(JobsWorkerModule.forRoot({ config, databaseUrl }), {
    logger: new PinoNestLogger(logger),
  });
  ctx.get(JobsMetrics).forwardTo((m) => post({ type: 'metric', metric: m }));
  await ctx.init();
  const worker = ctx.get(JobsWorker);
  port.on('message', (m: { type?: string }) => {
    if (m?.type === 'nudge') worker.nudge();
    else if (m?.type === 'stop')
      void ctx.close().then(
        () => {
          post({ type: 'stopped' });
          port.close();
        },
        (err: Error) => {
          post({ type: 'stopped', error: err.message });
          port.close();
        },
      );
  });
  post({ type: 'ready' });
}

if (parentPort)
  main().catch((err: Error) => {
    parentPort?.postMessage({ type: 'error', message: err.message, stack: err.stack } satisfies JobsThreadMessage);
    parentPort?.close();
  });
