import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ForwardedMetric } from '../jobs.metrics';

export interface JobsThreadData {
  databaseUrl: string;
}

export type JobsThreadMessage =
  | { type: 'ready' }
  | { type: 'error'; message: string; stack?: string }
  | { type: 'metric'; metric: ForwardedMetric }
  | { type: 'stopped'; error?: string };

export interface JobsWorkerThread {
  /** Wakes the thread's idle queue workers (after an intake queued chunks). */
  nudge(): void;
  /** Lets active chunks finish (or hands them back to the queue), then ends the thread. */
  stop(): Promise<void>;
}

/** Whether this build can run the worker in a thread (the compiled dist/; the TypeScript sources cannot). */
export function jobsWorkerThreadAvailable(): boolean {
  return existsSync(THREAD_FILE);
}

const THREAD_FILE = join(__dirname, 'jobs-worker.thread.js');

/**
 * Starts the API process's jobs worker in a worker thread (jobs-worker.thread.ts): its own event loop
 * and heap, so the chunks' CPU work and garbage never delay the API's requests. Resolves once it
 * consumes the queue; rejects with the thread's error if it cannot start.
 */
export async function startJobsWorkerThread(opts: {
  databaseUrl: string;
  onMetric: (m: ForwardedMetric) => void;
  onUnexpectedExit: (reason: string) => void;
}): Promise<JobsWorkerThread> {
  const thread = new Worker(THREAD_FILE, { workerData: { databaseUrl: opts.databaseUrl } satisfies JobsThreadData });
  let stopping = false;
  let stopError: string | undefined;
  thread.on('message', (m: JobsThreadMessage) => {
    if (m.type === 'metric') opts.onMetric(m.metric);
    else if (m.type === 'stopped') stopError = m.error;
  });
  await new Promise<void>((ok, fail) => {
    const onMessage = (m: JobsThreadMessage) => {
      if (m.type === 'ready') ok();
      else if (m.type === 'error') fail(new Error(`The jobs worker thread did not start: ${m.message}`));
    };
    thread.on('message', onMessage);
    thread.once('error', (err) => fail(new Error(`The jobs worker thread failed to start: ${err.message}`, { cause: err })));
    thread.once('exit', (code) => fail(new Error(`The jobs worker thread exited (code ${code}) before it was ready`)));
  }).catch(async (err: unknown) => {
    await thread.terminate();
    throw err;
  });
  const lost = (reason: string) => {
    if (stopping) return;
    stopping = true;
    opts.onUnexpectedExit(reason);
  };
  thread.on('error', (err) => lost(`the jobs worker thread failed: ${err.stack ?? err.message}`));
  thread.on('exit', (code) => lost(`the jobs worker thread exited (code ${code})`));
  return {
    nudge: () => thread.postMessage({ type: 'nudge' }),
    stop: async () => {
      if (stopping) return;
      stopping = true;
      const exited = new Promise<void>((ok) => thread.once('exit', () => ok()));
      thread.postMessage({ type: 'stop' });
      await exited;
      if (stopError) throw new Error(`the jobs worker thread stopped with an error: ${stopError}`);
    },
  };
}
