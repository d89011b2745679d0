import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/**
 * The embedded default database: PGlite (the PostgreSQL engine compiled to WebAssembly), persisted
 * under DATA_DIR and served in-process on a loopback port by pglite-socket, so the app reaches it
 * through the same `pg` driver, migrations and SQL as a real server. Queries are serialised (PGlite is
 * single-session); `maxConnections` must be at least the pool size (STACK.md).
 */
export class EmbeddedPostgres {
  private db?: PGlite;
  private server?: PGLiteSocketServer;
  private lockFile?: string;
  url = '';

  constructor(
    private readonly dataDir: string,
    private readonly maxConnections: number,
  ) {}

  async start(): Promise<string> {
    const dir = resolve(this.dataDir, 'pglite');
    mkdirSync(dir, { recursive: true });
    this.lockFile = join(resolve(this.dataDir), 'embedded.pid');
    this.takeLock(this.lockFile);
    this.db = await PGlite.create({ dataDir: dir });
    this.server = new PGLiteSocketServer({ db: this.db, host: '127.0.0.1', port: 0, maxConnections: this.maxConnections + 10 });
    keepProtocolSequencesTogether(this.server, this.db);
    await this.server.start();
    const port = this.server.getServerConn().split(':').pop();
    this.url = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
    return this.url;
  }

  async stop(): Promise<void> {
    await this.server?.stop().catch(() => undefined);
    await this.db?.close().catch(() => undefined);
    this.server = undefined;
    this.db = undefined;
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

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * pglite-socket queues protocol messages one at a time from every connection and, outside a
 * transaction, takes them first come first served. PGlite is a single session, so the extended-query
 * messages of two connections (Parse, Bind, Execute, ... Sync) interleave: one connection's Bind
 * lands on the other's unnamed statement ("bind message supplies 3 parameters, but prepared
 * statement \"\" requires 2", or, when the counts match, the wrong statement runs). It happened as
 * soon as a background poller (the jobs queue) and requests ran at once. The queue already keeps to
 * one connection while it is in a transaction; this makes it also keep to the connection whose
 * message sequence is not finished (its last message was not Sync, a simple Query or Terminate).
 */
function keepProtocolSequencesTogether(server: PGLiteSocketServer, db: PGlite) {
  const queue = (server as unknown as { queryQueue?: { db: unknown } }).queryQueue;
  if (!queue || typeof queue !== 'object' || !('db' in queue)) return; // pglite-socket internals changed: leave it as is
  let midSequence = false;
  const SYNC = 0x53; // 'S'
  const QUERY = 0x51; // 'Q'
  const TERMINATE = 0x58; // 'X'
  queue.db = {
    isInTransaction: () => db.isInTransaction() || midSequence,
    runExclusive: <T>(fn: () => Promise<T>) => db.runExclusive(fn),
    execProtocolRawStream: (message: Uint8Array, opts: Parameters<PGlite['execProtocolRawStream']>[1]) => {
      const type = message[0];
      // Startup and SSL/cancel requests begin with a length (first byte 0): they end nothing and start nothing.
      if (type !== 0) midSequence = !(type === SYNC || type === QUERY || type === TERMINATE);
      return db.execProtocolRawStream(message, opts);
    },
    // Only called to roll back a disconnected client's transaction: its sequence ends with it.
    exec: (sql: string) => {
      midSequence = false;
      return db.isInTransaction() ? db.exec(sql) : Promise.resolve([]);
    },
  };
}
