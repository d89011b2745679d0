import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EmbeddedThreadData, EmbeddedThreadMessage } from './embedded-postgres.thread';

/**
 * The embedded default database: PGlite (the PostgreSQL engine compiled to WebAssembly), persisted
 * under DATA_DIR and served on a loopback port by pglite-socket, so the app reaches it through the
 * same `pg` driver, migrations and SQL as a real server. PGlite and its socket server run in a worker
 * thread of this process (embedded-postgres.thread.ts): the engine's work (a job's COPY, a report's
 * scan) never holds the API's event loop, which only speaks the wire protocol to it. Queries are
 * serialised (PGlite is single-session); `maxConnections` must be at least the pool size (STACK.md).
 */
export class EmbeddedPostgres {
  private thread?: Worker;
  private lockFile?: string;
  private stopping = false;
  url = '';

  /**
   * @param onUnexpectedExit called if the engine's thread ends while the database is in use (a crash
   *   of the engine): the caller decides (the service exits, as it would have with the engine in-process).
   */
  constructor(
    private readonly dataDir: string,
    private readonly maxConnections: number,
    private readonly onUnexpectedExit?: (reason: string) => void,
  ) {}

  async start(): Promise<string> {
    const dir = resolve(this.dataDir, 'pglite');
    mkdirSync(dir, { recursive: true });
    this.lockFile = join(resolve(this.dataDir), 'embedded.pid');
    this.takeLock(this.lockFile);
    const data: EmbeddedThreadData = { dir, maxConnections: this.maxConnections + 10 };
    const thread = startThread(data);
    this.thread = thread;
    let port: number;
    try {
      port = await new Promise<number>((ok, fail) => {
        thread.on('message', (m: EmbeddedThreadMessage) => {
          if (m.type === 'ready') ok(m.port);
          else if (m.type === 'error') {
            const err = new Error(`The embedded database (PGlite in ${dir}) did not start: ${m.message}`);
            if (m.stack) err.stack = `${err.message}\n  caused by: ${m.stack}`;
            fail(err);
          }
        });
        thread.once('error', (err) => fail(new Error(`The embedded database thread failed: ${err.message}`, { cause: err })));
        thread.once('exit', (code) => fail(new Error(`The embedded database thread exited (code ${code}) before it was ready`)));
      });
    } catch (err) {
      await thread.terminate().catch(() => undefined);
      this.thread = undefined;
      this.releaseLock();
      throw err;
    }
    thread.on('error', (err) => this.lost(`the embedded database thread failed: ${err.stack ?? err.message}`));
    thread.on('exit', (code) => this.lost(`the embedded database thread exited (code ${code})`));
    this.url = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
    return this.url;
  }

  /** Closes the socket server and PGlite (flushing the data directory), ends the thread, drops the lock. */
  async stop(): Promise<void> {
    const thread = this.thread;
    this.thread = undefined;
    this.stopping = true;
    if (thread) {
      const exited = new Promise<void>((ok) => thread.once('exit', () => ok()));
      thread.on('message', (m: EmbeddedThreadMessage) => {
        if (m.type === 'stopped' && m.error) process.stderr.write(`embedded database: closing reported ${m.error}\n`);
      });
      thread.postMessage({ type: 'stop' });
      // The thread ends on its own once PGlite is closed and flushed; a stuck one is ended after a while.
      const timer = setTimeout(() => void thread.terminate(), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    }
    this.releaseLock();
  }

  private lost(reason: string) {
    if (this.stopping) return;
    this.stopping = true;
    this.thread = undefined;
    this.releaseLock();
    if (this.onUnexpectedExit) this.onUnexpectedExit(reason);
    else process.stderr.write(`${reason}\n`);
  }

  private releaseLock() {
    if (this.lockFile) rmSync(this.lockFile, { force: true });
  }

  /** Two processes must never open the same PGlite directory: it would corrupt it. */
  private takeLock(file: string) {
    try {
      const pid = Number(readFileSync(file, 'utf8'));
      if (pid && pid !== process.pid && isAlive(pid)) {
        throw new Error(
          `The embedded database in ${this.dataDir} is in use by process ${pid}. ` +
            'Stop it, choose another DATA_DIR, or set DATABASE_URL to share a PostgreSQL server.',
        );
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    writeFileSync(file, String(process.pid));
  }
}

/** How long a stop waits for PGlite to close before the thread is ended (closing flushes a few MB at most). */
const STOP_TIMEOUT_MS = 20000;

/**
 * The thread runs the compiled embedded-postgres.thread.js next to this file (dist/, `npm start`). Run
 * from the TypeScript sources (the tests), the thread compiles its .ts file with tsx, a dev dependency.
 */
function startThread(data: EmbeddedThreadData): Worker {
  const js = join(__dirname, 'embedded-postgres.thread.js');
  if (existsSync(js)) return new Worker(js, { workerData: data });
  const ts = join(__dirname, 'embedded-postgres.thread.ts');
  const bootstrap = `require(${JSON.stringify(require.resolve('tsx/cjs/api'))}).register(); require(${JSON.stringify(ts)});`;
  return new Worker(bootstrap, { eval: true, workerData: data });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
