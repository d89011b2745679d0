import { Client } from 'pg';
import { PrivatePostgres, privatePostgresAvailable } from '../utils/private-postgres';
import { ensureBuilt, freePort, type ServerProcess, startServer, waitReady } from '../utils/server-process';

const ADMIN = 'test-admin-key-0123456789abcdef-restart';
const ROWS = 12000;
const BAD_EVERY = 97; // rows 97, 194, ... fail validation
const QUEUE_ENV = { JOBS_CHUNK_SIZE: '250', JOBS_CHUNK_TIMEOUT_SECONDS: '5', JOBS_MAINTENANCE_INTERVAL_SECONDS: '1' };

function row(i: number) {
  return {
    name: `restart-${i}`,
    project: 'restart-test',
    request: {
      hardware: { ref: i % 2 ? 'nvidia-h100-sxm5-80gb' : 'nvidia-a100-sxm4-80gb', count: 1 + (i % 8) },
      hours: i % BAD_EVERY === 0 ? 'n/a' : 1 + (i % 40),
      location: { zone: ['FR', 'DE', 'PL'][i % 3] },
    },
  };
}

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs: number,
  output?: () => string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe().catch(() => null);
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${output ? `\n${output().slice(-4000)}` : ''}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * The database restarts mid-job (a fast shutdown terminates every session: 57P01, then ECONNREFUSED
 * until it is back). The API and two worker processes stay up, reconnect, and the job completes with
 * every row counted once: the queue's completions and failures that hit the closed connection are
 * retried or redelivered, never an unhandled rejection. Needs a PostgreSQL server of its own
 * (initdb + pg_ctl of PostgreSQL 15, PG_BIN_DIR to override), never the shared one, whichever engine the run tests.
 */
describe('Jobs: a database restart mid-job', () => {
  const pg = new PrivatePostgres();
  const procs: ServerProcess[] = [];
  let api: ServerProcess;

  beforeAll(async () => {
    ensureBuilt();
    if (!privatePostgresAvailable)
      throw new Error('this test starts its own PostgreSQL server: install PostgreSQL 15 or set PG_BIN_DIR');
    await pg.init();
    pg.start();
    const port = await freePort();
    api = startServer(
      {
        DATABASE_URL: pg.url,
        BOOTSTRAP_ADMIN_KEY: ADMIN,
        JOBS_INPROCESS_WORKER: 'false',
        RATE_LIMIT_PER_MINUTE: '0',
        ...QUEUE_ENV,
      },
      port,
    );
    procs.push(api);
    await waitReady(api, 120000);
  }, 600000);

  afterAll(async () => {
    for (const p of procs) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    pg.destroy();
  });

  it('workers and the API go on after the restart; the job completes with exact counts', async () => {
    const env = {
      DATABASE_URL: pg.url,
      MIGRATIONS_RUN: 'false',
      SEED_ON_START: 'false',
      JOBS_WORKER_CONCURRENCY: '2',
      ...QUEUE_ENV,
    };
    const workers = [startServer(env, 0, ['--role=worker']), startServer(env, 0, ['--role=worker'])];
    procs.push(...workers);
    for (const w of workers)
      await waitFor('worker start', async () => w.output().includes('consuming job chunks'), 60000, w.output);

    const base = `http://127.0.0.1:${api.port}`;
    const admin = { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' };
    const keyRes = await fetch(`${base}/v1/api-keys`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({ name: 'restart', tenant: 'restart', scopes: ['read', 'write'] }),
    });
    expect(keyRes.status).toBe(201);
    const auth = { authorization: `Bearer ${((await keyRes.json()) as { key: string }).key}` };
    const body = Array.from({ length: ROWS }, (_, i) => JSON.stringify(row(i + 1))).join('\n');
    const created = await fetch(`${base}/v1/jobs`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/x-ndjson' },
      body,
    });
    expect(created.status).toBe(202);
    const jobId = ((await created.json()) as { id: string }).id;
    const getJob = async () => {
      const r = await fetch(`${base}/v1/jobs/${jobId}`, { headers: auth });
      return r.status === 200
        ? ((await r.json()) as Record<string, unknown> & { processed: number; succeeded: number; failed: number; status: string })
        : null;
    };

    await waitFor(
      'progress',
      async () => {
        const j = await getJob();
        return j && j.processed >= 1000 && j.processed < ROWS - 4000;
      },
      120000,
    );
    pg.stop();
    const downSince = Date.now();
    // While the database is down: 503 SERVICE_UNAVAILABLE with Retry-After on both transports, and no address in the health details.
    const down = await fetch(`${base}/v1/jobs/${jobId}`, { headers: auth });
    expect({
      status: down.status,
      retryAfter: down.headers.get('retry-after'),
      code: ((await down.json()) as { error: { code: string } }).error.code,
    }).toEqual({ status: 503, retryAfter: '5', code: 'SERVICE_UNAVAILABLE' });
    const gql = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ job(id: "${jobId}") { id } }` }),
    });
    const gqlBody = (await gql.json()) as { errors: { extensions: { code: string } }[] };
    expect({ status: gql.status, retryAfter: gql.headers.get('retry-after'), code: gqlBody.errors[0].extensions.code }).toEqual({
      status: 503,
      retryAfter: '5',
      code: 'SERVICE_UNAVAILABLE',
    });
    const health = await fetch(`${base}/health/ready`);
    const healthText = await health.text();
    expect(health.status).toBe(503);
    expect(healthText).not.toContain('127.0.0.1');
    expect(healthText).not.toContain(String(pg.port));
    await new Promise((r) => setTimeout(r, Math.max(0, 3000 - (Date.now() - downSince)))); // down long enough for every process to hit the closed connections
    pg.start();

    const job = await waitFor(
      'the job to finish',
      async () => {
        const j = await getJob();
        return j && ['succeeded', 'partial', 'failed'].includes(j.status) ? j : null;
      },
      240000,
      () => workers.map((w) => w.output()).join('\n'),
    );
    for (const p of procs)
      expect({
        exitCode: p.child.exitCode,
        signal: p.child.signalCode,
        ...(p.child.exitCode === null && p.child.signalCode === null ? {} : { output: p.output().slice(-6000) }),
      }).toEqual({ exitCode: null, signal: null });

    const expectedFailed = Math.floor(ROWS / BAD_EVERY);
    expect(job).toMatchObject({
      status: 'partial',
      total: ROWS,
      processed: ROWS,
      failed: expectedFailed,
      succeeded: ROWS - expectedFailed,
    });
    const db = new Client({ connectionString: pg.url });
    await db.connect();
    try {
      const runs = await db.query(
        `SELECT count(*)::int AS n, count(DISTINCT source_row)::int AS distinct_rows FROM runs WHERE job_id = $1`,
        [jobId],
      );
      expect(runs.rows[0]).toEqual({ n: ROWS - expectedFailed, distinct_rows: ROWS - expectedFailed });
      const errors = await db.query(
        `SELECT count(*)::int AS n, count(*) FILTER (WHERE code = 'CHUNK_FAILED')::int AS chunk_failed FROM job_errors WHERE job_id = $1`,
        [jobId],
      );
      expect(errors.rows[0]).toEqual({ n: expectedFailed, chunk_failed: 0 });
    } finally {
      await db.end();
    }
    // still serving after the restart, and each stops cleanly
    expect((await fetch(`${base}/health/ready`)).status).toBe(200);
    for (const p of procs) p.child.kill('SIGTERM');
    for (const p of procs) expect((await p.exited).code).toBe(0);
  }, 420000);
});
