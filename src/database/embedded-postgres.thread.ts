import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/**
 * The embedded engine's own thread (a worker_threads Worker started by EmbeddedPostgres): PGlite and
 * its pglite-socket server run here, so the WebAssembly engine never holds the API's event loop. The
 * API process reaches it only through the pg wire protocol on a loopback port, as it would a server.
 *
 * Messages: this thread posts `{ type: 'ready', port }` once it listens, or `{ type: 'error', message,
 * stack }` if it cannot start; it answers `{ type: 'stop' }` by closing the server and PGlite (which
 * flushes the data directory) and posting `{ type: 'stopped' }`.
 */
export interface EmbeddedThreadData {
  dir: string;
  maxConnections: number;
}

export type EmbeddedThreadMessage =
  { type: 'ready'; port: number } | { type: 'error'; message: string; stack?: string } | { type: 'stopped'; error?: string };

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('embedded-postgres.thread runs only as a worker thread');
  const { dir, maxConnections } = workerData as EmbeddedThreadData;
  let db: PGlite | undefined;
  let server: PGLiteSocketServer | undefined;
  const post = (m: EmbeddedThreadMessage) => port.postMessage(m);
  port.on('message', (m: { type?: string }) => {
    if (m?.type !== 'stop') return;
    void (async () => {
      const errors: string[] = [];
      await server?.stop().catch((err: unknown) => errors.push(`server: ${String(err)}`));
      await db?.close().catch((err: unknown) => errors.push(`pglite: ${String(err)}`));
      post({ type: 'stopped', ...(errors.length ? { error: errors.join('; ') } : {}) });
      port.close(); // nothing else keeps this thread alive: it ends
    })();
  });
  try {
    db = await PGlite.create({ dataDir: dir });
    server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections });
    keepProtocolSequencesTogether(server, db);
    await server.start();
    post({ type: 'ready', port: Number(server.getServerConn().split(':').pop()) });
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    post({ type: 'error', message: e.message, stack: e.stack });
    await db?.close().catch(() => undefined);
    port.close();
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
export function keepProtocolSequencesTogether(server: PGLiteSocketServer, db: PGlite) {
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

if (parentPort) void main();
