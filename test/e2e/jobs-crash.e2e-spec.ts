import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { ensureBuilt, type ServerProcess, startServer } from '../utils/server-process';
import { createTestApp, type TestApp } from '../utils/test-app';

const ADMIN = 'test-admin-key-0123456789abcdef-0123';
const ROWS = 20000;
const BAD_EVERY = 101; // rows 101, 202, ... fail validation

/** Short queue timings so the killed worker's chunk is redelivered within seconds. */
const QUEUE_ENV = { JOBS_CHUNK_SIZE: '500', JOBS_CHUNK_TIMEOUT_SECONDS: '3', JOBS_MAINTENANCE_INTERVAL_SECONDS: '1' };

function row(i: number) {
  return {
    name: `crash-${i}`,
    project: 'crash-test',
    startedAt: new Date(Date.UTC(2025, i % 12, 1 + (i % 28))).toISOString(),
    request: {
      hardware: { ref: i % 2 ? 'nvidia-h100-sxm5-80gb' : 'nvidia-a100-sxm4-80gb', count: 1 + (i % 8) },
      hours: i % BAD_EVERY === 0 ? 'n/a' : 1 + (i % 40),
      location: { zone: ['FR', 'DE', 'PL'][i % 3] },
    },
  };
}

async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Exactly once under crashes: two `node dist/main.js --role=worker` processes share a 20,000-row job;
 * one is SIGKILLed mid-job (its open chunk transaction dies with it, its queue message expires and is
 * redelivered to the other). Runs on both engines: with the embedded engine the workers reach PGlite
 * through the test run's pglite-socket, as the API process would serve it. The in-process variant
 * (chunk redelivery driven by hand) is in jobs.e2e-spec.ts.
 */
describe('Jobs: exactly once when a worker process is killed mid-job', () => {
  let t: TestApp;
  let db: Client;
  const workers: ServerProcess[] = [];
  const tenant = `jobs-crash-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    ensureBuilt();
    t = await createTestApp({ BOOTSTRAP_ADMIN_KEY: ADMIN, JOBS_INPROCESS_WORKER: 'false', ...QUEUE_ENV });
    db = new Client({ connectionString: process.env.TEST_DATABASE_URL });
    await db.connect();
  }, 180000);

  afterAll(async () => {
    for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
    await db?.end();
    await t?.close();
  });

  it('every input row ends as exactly one run or one error; counters and status agree', async () => {
    const env = {
      DATABASE_URL: process.env.TEST_DATABASE_URL,
      MIGRATIONS_RUN: 'false',
      SEED_ON_START: 'false',
      JOBS_WORKER_CONCURRENCY: '2',
      ...QUEUE_ENV,
    };
    for (let i = 0; i < 2; i++) workers.push(startServer(env, 0, ['--role=worker']));
    for (const w of workers)
      await waitFor(
        'worker start',
        async () =>
          w.output().includes('consuming job chunks') || (w.child.exitCode !== null && Promise.reject(new Error(w.output()))),
        30000,
      );

    const key = await t.http
      .post('/v1/api-keys')
      .set({ authorization: `Bearer ${ADMIN}` })
      .send({ name: 'crash', tenant, scopes: ['read', 'write'] })
      .expect(201);
    const auth = { authorization: `Bearer ${key.body.key}` };
    const body = Array.from({ length: ROWS }, (_, i) => JSON.stringify(row(i + 1))).join('\n');
    const res = await t.http.post('/v1/jobs').set(auth).set('content-type', 'application/x-ndjson').send(body).expect(202);
    const jobId = res.body.id as string;
    expect(res.body.total).toBe(ROWS);

    // Kill one worker while chunks are being processed (each worker holds up to two open chunk transactions).
    await waitFor(
      'progress',
      async () => {
        const j = (await t.http.get(`/v1/jobs/${jobId}`).set(auth).expect(200)).body;
        return j.processed >= 1500 && j.processed < ROWS - 3000;
      },
      120000,
    );
    workers[0].child.kill('SIGKILL');
    expect((await workers[0].exited).signal).toBe('SIGKILL');

    const job = await waitFor(
      'the job to finish',
      async () => {
        const j = (await t.http.get(`/v1/jobs/${jobId}`).set(auth).expect(200)).body;
        expect(j.processed).toBe(j.succeeded + j.failed);
        return ['succeeded', 'partial', 'failed'].includes(j.status) ? j : null;
      },
      240000,
    );

    const expectedFailed = Math.floor(ROWS / BAD_EVERY);
    expect(job).toMatchObject({
      status: 'partial',
      total: ROWS,
      processed: ROWS,
      failed: expectedFailed,
      succeeded: ROWS - expectedFailed,
    });

    const runs = await db.query(
      `SELECT count(*)::int AS n, count(DISTINCT source_row)::int AS distinct_rows FROM runs WHERE job_id = $1`,
      [jobId],
    );
    expect(runs.rows[0]).toEqual({ n: job.succeeded, distinct_rows: job.succeeded });
    const errors = await db.query(`SELECT count(*)::int AS n FROM job_errors WHERE job_id = $1`, [jobId]);
    expect(errors.rows[0].n).toBe(job.failed);
    // every input row 1..ROWS is a run or an error, never both, never neither
    const coverage = await db.query(
      `SELECT count(*) FILTER (WHERE r.source_row IS NOT NULL AND e.row_number IS NOT NULL)::int AS both_,
              count(*) FILTER (WHERE r.source_row IS NULL AND e.row_number IS NULL)::int AS neither
       FROM generate_series(1, $2::int) AS g(n)
       LEFT JOIN runs r ON r.job_id = $1 AND r.source_row = g.n
       LEFT JOIN job_errors e ON e.job_id = $1 AND e.row_number = g.n`,
      [jobId, ROWS],
    );
    expect(coverage.rows[0]).toEqual({ both_: 0, neither: 0 });
    const wrongRows = await db.query(`SELECT count(*)::int AS n FROM job_errors WHERE job_id = $1 AND row_number % $2 <> 0`, [
      jobId,
      BAD_EVERY,
    ]);
    expect(wrongRows.rows[0].n).toBe(0);
    // the killed worker's chunk(s) were redelivered (expired, then retried by the survivor)
    const retried = await db.query(
      `SELECT count(*)::int AS n FROM (SELECT retry_count, data FROM pgboss.job UNION ALL SELECT retry_count, data FROM pgboss.archive) j
       WHERE j.data->>'jobId' = $1 AND j.retry_count > 0`,
      [jobId],
    );
    expect(retried.rows[0].n).toBeGreaterThan(0);

    // the surviving worker stops cleanly on SIGTERM
    workers[1].child.kill('SIGTERM');
    expect((await workers[1].exited).code).toBe(0);
  }, 400000);
});
