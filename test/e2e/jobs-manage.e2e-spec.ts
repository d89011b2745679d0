import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { EstimatesService } from '../../src/estimates/estimates.service';
import { ChunkProcessor } from '../../src/jobs/worker/chunk-processor';
import { createTestApp, type TestApp } from '../utils/test-app';

const ADMIN = 'test-admin-key-0123456789abcdef-0123';
const admin = { authorization: `Bearer ${ADMIN}` };
const suffix = randomBytes(4).toString('hex');

/** A RunCreate with overridable defaults. */
function runRow(overrides: Record<string, unknown> = {}) {
  return {
    name: 'managed run',
    project: 'manage',
    tags: ['import'],
    startedAt: '2025-03-01T08:00:00Z',
    endedAt: '2025-03-01T20:00:00Z',
    request: { hardware: { ref: 'nvidia-h100-sxm5-80gb', count: 8 }, hours: 12, location: { zone: 'FR' } },
    ...overrides,
  };
}

const ndjson = (rows: unknown[]) => rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n';
const rows = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => runRow({ name: `${prefix}-${i + 1}` }));

interface Job {
  id: string;
  status: string;
  total: number;
  processed: number;
  succeeded: number;
  failed: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

async function keyFor(t: TestApp, tenant: string, scopes: string[]) {
  const res = await t.http
    .post('/v1/api-keys')
    .set(admin)
    .send({ name: `jobs-manage-${scopes.join('-')}`, tenant, scopes })
    .expect(201);
  return { authorization: `Bearer ${res.body.key}` };
}

describe('Jobs people can manage (REST and GraphQL)', () => {
  let t: TestApp;
  let db: Client;
  const tenantA = `jm-a-${suffix}`;
  const tenantB = `jm-b-${suffix}`;
  let a: Record<string, string>;
  let b: Record<string, string>;

  function submit(headers: Record<string, string>, contentType: string, body: string) {
    return t.http.post('/v1/jobs').set(headers).set('content-type', contentType).send(body);
  }

  async function waitDone(id: string, headers = a, timeoutMs = 45000): Promise<Job> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const job = (await t.http.get(`/v1/jobs/${id}`).set(headers).expect(200)).body as Job;
      if (['succeeded', 'partial', 'failed', 'cancelled'].includes(job.status)) return job;
      if (Date.now() > deadline) throw new Error(`job ${id} not done: ${JSON.stringify(job)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async function count(sql: string, params: unknown[]): Promise<number> {
    const res = await db.query<{ n: string }>(sql, params);
    return Number(res.rows[0].n);
  }

  beforeAll(async () => {
    t = await createTestApp({
      BOOTSTRAP_ADMIN_KEY: ADMIN,
      JOBS_MAX_ROWS: '500',
      JOBS_CHUNK_SIZE: '4',
      GRAPHQL_REQUEST_BUDGET_MS: '30000', // the embedded engine serves concurrent createJob retries one by one
    });
    db = new Client({ connectionString: process.env.TEST_DATABASE_URL });
    await db.connect();
    a = await keyFor(t, tenantA, ['read', 'write']);
    b = await keyFor(t, tenantB, ['read', 'write']);
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  describe('Idempotency-Key on POST /v1/jobs and createJob', () => {
    it('concurrent posts with the same key and body create ONE job and one set of runs; all answer it', async () => {
      const body = ndjson(rows(40, 'race'));
      const key = `race-${suffix}`;
      const answers = await Promise.all(
        Array.from({ length: 4 }, () => submit(a, 'application/x-ndjson', body).set('Idempotency-Key', key)),
      );
      for (const res of answers)
        expect([res.status, res.body]).toEqual([202, { id: answers[0].body.id, status: 'queued', total: 40 }]);
      expect(answers.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(3);
      const id = answers[0].body.id as string;
      expect(await count(`SELECT count(*) AS n FROM jobs WHERE tenant = $1 AND idempotency_key = $2`, [tenantA, key])).toBe(1);
      expect(await count(`SELECT count(*) AS n FROM jobs WHERE tenant = $1`, [tenantA])).toBe(1); // the losers' staged jobs are gone
      const job = await waitDone(id);
      expect(job).toMatchObject({ status: 'succeeded', total: 40, succeeded: 40 });
      expect(await count(`SELECT count(*) AS n FROM runs WHERE tenant = $1`, [tenantA])).toBe(40);
      expect(await count(`SELECT count(DISTINCT source_row) AS n FROM runs WHERE job_id = $1`, [id])).toBe(40);
    });

    it('a later retry with the same rows (other whitespace, NDJSON or JSON) answers the first job and stores nothing', async () => {
      const data = rows(3, 'retry');
      const key = `retry-${suffix}`;
      const first = await submit(a, 'application/x-ndjson', ndjson(data)).set('Idempotency-Key', key).expect(202);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      const jobsBefore = await count(`SELECT count(*) AS n FROM jobs WHERE tenant = $1`, [tenantA]);
      const spaced = data.map((r) => JSON.stringify(r, null, 0).replace(/,/g, ', ')).join('\n\n') + '\n';
      const again = await submit(a, 'application/x-ndjson', spaced).set('Idempotency-Key', key).expect(202);
      expect(again.body).toEqual(first.body);
      expect(again.headers['idempotent-replayed']).toBe('true');
      const asJson = await submit(a, 'application/json', JSON.stringify({ runs: data }))
        .set('Idempotency-Key', key)
        .expect(202);
      expect(asJson.body).toEqual(first.body);
      expect(await count(`SELECT count(*) AS n FROM jobs WHERE tenant = $1`, [tenantA])).toBe(jobsBefore);
      await waitDone(first.body.id);
      // a replay after the job finished still answers it (keys live as long as the job)
      const late = await submit(a, 'application/x-ndjson', ndjson(data)).set('Idempotency-Key', key).expect(202);
      expect([late.body.id, late.headers['idempotent-replayed']]).toEqual([first.body.id, 'true']);
      expect(await count(`SELECT count(*) AS n FROM runs WHERE job_id = $1`, [first.body.id])).toBe(3);
    });

    it('the same key with other rows is 409 IDEMPOTENCY_KEY_REUSED naming the job; nothing is stored', async () => {
      const key = `reused-${suffix}`;
      const first = await submit(a, 'application/x-ndjson', ndjson(rows(2, 'reuse')))
        .set('Idempotency-Key', key)
        .expect(202);
      const jobsBefore = await count(`SELECT count(*) AS n FROM jobs WHERE tenant = $1`, [tenantA]);
      const other = await submit(a, 'application/x-ndjson', ndjson(rows(3, 'reuse'))).set('Idempotency-Key', key);
      expect([other.status, other.body.error.code, other.body.error.details]).toEqual([
        409,
        'IDEMPOTENCY_KEY_REUSED',
        [{ idempotencyKey: key, jobId: first.body.id }],
      ]);
      const csv = await submit(a, 'text/csv', 'name,hardware,count,hours,zone\nreuse-1,nvidia-h100-sxm5-80gb,8,12,FR\n').set(
        'Idempotency-Key',
        key,
      );
      expect([csv.status, csv.body.error.code]).toEqual([409, 'IDEMPOTENCY_KEY_REUSED']);
      expect(await count(`SELECT count(*) AS n FROM jobs WHERE tenant = $1`, [tenantA])).toBe(jobsBefore);
      await waitDone(first.body.id);
    });

    it('keys are per tenant; a malformed key is 400 VALIDATION_FAILED before the body is read', async () => {
      const key = `shared-${suffix}`;
      const mine = await submit(a, 'application/x-ndjson', ndjson(rows(1, 'tenant')))
        .set('Idempotency-Key', key)
        .expect(202);
      const theirs = await submit(b, 'application/x-ndjson', ndjson(rows(1, 'tenant')))
        .set('Idempotency-Key', key)
        .expect(202);
      expect(theirs.body.id).not.toBe(mine.body.id);
      expect(theirs.headers['idempotent-replayed']).toBeUndefined();
      for (const bad of ['x'.repeat(256), 'has space']) {
        const res = await submit(a, 'application/x-ndjson', ndjson(rows(1, 'bad'))).set('Idempotency-Key', bad);
        expect([res.status, res.body.error.code, res.body.error.details[0].path]).toEqual([
          400,
          'VALIDATION_FAILED',
          'Idempotency-Key',
        ]);
      }
      await waitDone(mine.body.id);
      await waitDone(theirs.body.id, b);
    });

    it('GraphQL createJob(idempotencyKey:): concurrent retries return one job; other rows are IDEMPOTENCY_KEY_REUSED', async () => {
      const key = `gql-${suffix}`;
      const mutation = `mutation($i: JobInput!, $k: String) { createJob(input: $i, idempotencyKey: $k) { id total } }`;
      const data = rows(6, 'gql');
      const answers = await Promise.all(
        [1, 2, 3].map(() => t.gql<{ createJob: Job }>(mutation, { i: { runs: data }, k: key }, a)),
      );
      for (const res of answers) expect(res.errors).toBeUndefined();
      const ids = new Set(answers.map((r) => r.data!.createJob.id));
      expect(ids.size).toBe(1);
      const id = answers[0].data!.createJob.id;
      expect(await count(`SELECT count(*) AS n FROM jobs WHERE tenant = $1 AND idempotency_key = $2`, [tenantA, key])).toBe(1);
      const other = await t.gql(mutation, { i: { runs: rows(2, 'gql') }, k: key }, a);
      expect(other.errors?.[0].extensions).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', status: 409 });
      const badKey = await t.gql(mutation, { i: { runs: data }, k: '' }, a);
      expect(badKey.errors?.[0].extensions.code).toBe('VALIDATION_FAILED');
      await waitDone(id);
      expect(await count(`SELECT count(*) AS n FROM runs WHERE job_id = $1`, [id])).toBe(6);
    });
  });

  it('/metrics: rows processed and failed, chunk and job durations, queue depth', async () => {
    const sample = async () => {
      const text = (await t.http.get('/metrics').expect(200)).text;
      const value = (name: string) => {
        const line = text.split('\n').find((l) => l.startsWith(`${name} `));
        return line === undefined ? NaN : Number(line.slice(name.length + 1));
      };
      return { text, value };
    };
    const before = await sample();
    const bad = runRow({ request: { hardware: { ref: 'nvidia-h100-sxm5-80gb', count: 0 }, hours: 1, location: { zone: 'FR' } } });
    const res = await submit(a, 'application/x-ndjson', ndjson([...rows(4, 'metrics'), bad, bad])).expect(202);
    await waitDone(res.body.id);
    const after = await sample();
    expect(after.value('jobs_rows_processed_total') - (before.value('jobs_rows_processed_total') || 0)).toBe(6);
    expect(after.value('jobs_rows_failed_total') - (before.value('jobs_rows_failed_total') || 0)).toBe(2);
    expect(
      after.value('jobs_duration_seconds_count{status="partial"}') -
        (before.value('jobs_duration_seconds_count{status="partial"}') || 0),
    ).toBe(1);
    expect(after.value('jobs_chunk_duration_seconds_count{outcome="processed"}')).toBeGreaterThanOrEqual(2); // 6 rows, chunks of 4
    for (const gauge of ['jobs_queue_chunks{state="waiting"}', 'jobs_queue_chunks{state="active"}', 'jobs_queue_rows']) {
      expect(after.value(gauge)).toBeGreaterThanOrEqual(0);
    }
    expect(after.text).toContain('# TYPE jobs_chunk_duration_seconds histogram');
    expect(after.text).toContain('http_requests_total'); // the HTTP metrics are still there
  });

  describe('GET /v1/jobs and GraphQL jobs: keyset pages, newest first, by status and creation time, per tenant', () => {
    const tenantL = `jm-l-${suffix}`;
    let l: Record<string, string>;
    const ids: string[] = []; // oldest first
    const bad = runRow({ request: { hardware: { ref: 'nvidia-h100-sxm5-80gb', count: 0 }, hours: 1, location: { zone: 'FR' } } });

    beforeAll(async () => {
      l = await keyFor(t, tenantL, ['read', 'write']);
      // 5 jobs: succeeded, failed, partial, succeeded, failed; created a day apart (set below)
      const bodies = [[runRow()], [bad], [runRow(), bad], [runRow()], [bad, bad]];
      for (const body of bodies) {
        const res = await submit(l, 'application/x-ndjson', ndjson(body)).expect(202);
        ids.push(res.body.id);
        await waitDone(res.body.id, l);
      }
      for (let i = 0; i < ids.length; i++) {
        await db.query(`UPDATE jobs SET created_at = $2 WHERE id = $1`, [ids[i], `2026-01-0${i + 1}T12:00:00.000Z`]);
      }
    });

    it('pages through every job newest first with nextCursor; nothing repeated or skipped', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res: { body: { items: Job[]; nextCursor: string | null } } = await t.http
          .get('/v1/jobs')
          .query(cursor ? { limit: 2, cursor } : { limit: 2 })
          .set(l)
          .expect(200);
        expect(res.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...res.body.items.map((j: Job) => j.id));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual([...ids].reverse());
      const first = (await t.http.get('/v1/jobs').query({ limit: 1 }).set(l).expect(200)).body;
      expect(first.items[0]).toEqual({
        id: ids[4],
        status: 'failed',
        total: 2,
        processed: 2,
        succeeded: 0,
        failed: 2,
        createdAt: '2026-01-05T12:00:00.000Z',
        startedAt: expect.any(String),
        finishedAt: expect.any(String),
      });
      expect(first.nextCursor).toEqual(expect.any(String));
    });

    it('filters by status (one or several) and by the creation time range [from, to)', async () => {
      const list = async (query: Record<string, string | number>) =>
        (await t.http.get('/v1/jobs').query(query).set(l).expect(200)).body.items.map((j: Job) => j.id);
      expect(await list({ status: 'failed' })).toEqual([ids[4], ids[1]]);
      expect(await list({ status: 'succeeded,partial' })).toEqual([ids[3], ids[2], ids[0]]);
      expect(await list({ status: 'running' })).toEqual([]);
      expect(await list({ from: '2026-01-02T12:00:00Z', to: '2026-01-04T12:00:00Z' })).toEqual([ids[2], ids[1]]);
      expect(await list({ status: 'failed', from: '2026-01-03T00:00:00Z', limit: 1 })).toEqual([ids[4]]);
    });

    it('shows only the caller tenant; bad arguments are 400 VALIDATION_FAILED with the field path', async () => {
      const others = (await t.http.get('/v1/jobs').query({ limit: 500 }).set(b).expect(200)).body.items.map((j: Job) => j.id);
      expect(others.filter((id: string) => ids.includes(id))).toEqual([]);
      const cases: [Record<string, string>, string][] = [
        [{ status: 'done' }, 'status'],
        [{ status: 'queued,,running' }, 'status'],
        [{ from: 'yesterday' }, 'from'],
        [{ from: '2026-01-03T00:00:00Z', to: '2026-01-02T00:00:00Z' }, 'to'],
        [{ limit: '0' }, 'limit'],
        [{ cursor: 'bm90LWEtY3Vyc29y' }, 'cursor'],
        [{ colour: 'red' }, 'colour'],
      ];
      for (const [query, path] of cases) {
        const res = await t.http.get('/v1/jobs').query(query).set(l);
        expect([res.status, res.body.error.code, res.body.error.details.map((d: { path: string }) => d.path)]).toEqual([
          400,
          'VALIDATION_FAILED',
          [path],
        ]);
      }
      const noKey = await t.http.get('/v1/jobs');
      expect(noKey.status).toBe(401);
    });

    it('GraphQL jobs(status, from, to, limit, cursor) answers the same pages', async () => {
      const query = `query($s: String, $f: String, $to: String, $n: Int, $c: String) {
        jobs(status: $s, from: $f, to: $to, limit: $n, cursor: $c) { items { id status total processed succeeded failed createdAt } nextCursor } }`;
      const page1 = await t.gql<{ jobs: { items: Job[]; nextCursor: string | null } }>(query, { n: 3 }, l);
      expect(page1.errors).toBeUndefined();
      expect(page1.data!.jobs.items.map((j) => j.id)).toEqual([ids[4], ids[3], ids[2]]);
      const page2 = await t.gql<{ jobs: { items: Job[]; nextCursor: string | null } }>(
        query,
        { n: 3, c: page1.data!.jobs.nextCursor },
        l,
      );
      expect(page2.data!.jobs).toEqual({
        items: [expect.objectContaining({ id: ids[1] }), expect.objectContaining({ id: ids[0] })],
        nextCursor: null,
      });
      const failed = await t.gql<{ jobs: { items: Job[] } }>(
        query,
        { s: 'failed', f: '2026-01-01T00:00:00Z', to: '2026-01-03T00:00:00Z' },
        l,
      );
      expect(failed.data!.jobs.items.map((j) => j.id)).toEqual([ids[1]]);
      const badStatus = await t.gql(query, { s: 'done' }, l);
      expect(badStatus.errors?.[0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'status' }] });
    });
  });
});

describe('Cancel: POST /v1/jobs/{id}/cancel and GraphQL cancelJob (no worker; chunks driven by hand)', () => {
  let t: TestApp;
  let db: Client;
  let w: Record<string, string>;
  let r: Record<string, string>;
  let other: Record<string, string>;
  let processor: ChunkProcessor;
  const tenant = `jm-c-${suffix}`;

  beforeAll(async () => {
    t = await createTestApp({ BOOTSTRAP_ADMIN_KEY: ADMIN, JOBS_INPROCESS_WORKER: 'false', JOBS_CHUNK_SIZE: '2' });
    db = new Client({ connectionString: process.env.TEST_DATABASE_URL });
    await db.connect();
    w = await keyFor(t, tenant, ['read', 'write']);
    r = await keyFor(t, tenant, ['read']);
    other = await keyFor(t, `jm-c-other-${suffix}`, ['read', 'write']);
    processor = t.app.get(ChunkProcessor);
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  const submit = async (n: number) =>
    (
      await t.http
        .post('/v1/jobs')
        .set(w)
        .set('content-type', 'application/x-ndjson')
        .send(ndjson(rows(n, 'cancel')))
        .expect(202)
    ).body.id as string;
  const count = async (sql: string, params: unknown[]) => Number((await db.query<{ n: string }>(sql, params)).rows[0].n);

  it('stops further chunks: stored runs stay, the status says cancelled with the counts; a second cancel answers the same', async () => {
    const id = await submit(10);
    expect(await processor.process({ jobId: id, from: 1, to: 3 })).toEqual({ claimed: 2, succeeded: 2, failed: 0 });
    const res = await t.http.post(`/v1/jobs/${id}/cancel`).set(w).expect(200);
    expect(res.body).toMatchObject({ id, status: 'cancelled', total: 10, processed: 2, succeeded: 2, failed: 0, errors: [] });
    expect(res.body.finishedAt).toEqual(expect.any(String));
    // the chunks still in the queue run nothing and drop their staged rows
    for (let from = 3; from <= 10; from += 2) {
      expect(await processor.process({ jobId: id, from, to: from + 2 })).toEqual({ claimed: 0, succeeded: 0, failed: 0 });
    }
    expect(await processor.fail({ jobId: id, from: 9, to: 11 }, 'dead')).toEqual({ claimed: 0, succeeded: 0, failed: 0 });
    expect(await count(`SELECT count(*) AS n FROM job_rows WHERE job_id = $1`, [id])).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM runs WHERE job_id = $1`, [id])).toBe(2);
    const again = await t.http.post(`/v1/jobs/${id}/cancel`).set(w).expect(200);
    expect(again.body).toEqual({ ...res.body });
    const gql = await t.gql<{ cancelJob: Job }>(
      `mutation($id: ID!) { cancelJob(id: $id) { id status total processed succeeded } }`,
      { id },
      w,
    );
    expect(gql.data?.cancelJob).toEqual({ id, status: 'cancelled', total: 10, processed: 2, succeeded: 2 });
    const listed = await t.http.get('/v1/jobs').query({ status: 'cancelled' }).set(r).expect(200);
    expect(listed.body.items.map((j: Job) => j.id)).toContain(id);
  });

  it('a chunk computed while the cancel commits stores nothing (its transaction rolls back)', async () => {
    const id = await submit(4);
    const estimates = (processor as unknown as { estimates: EstimatesService }).estimates;
    const prepare = estimates.prepare.bind(estimates);
    const spy = jest
      .spyOn(estimates, 'prepare')
      .mockImplementationOnce(async (...args: Parameters<EstimatesService['prepare']>) => {
        // the worker has read the job (queued) and its rows; the cancel lands before it writes
        await t.http.post(`/v1/jobs/${id}/cancel`).set(w).expect(200);
        return prepare(...args);
      });
    try {
      expect(await processor.process({ jobId: id, from: 1, to: 3 })).toEqual({ claimed: 0, succeeded: 0, failed: 0 });
    } finally {
      spy.mockRestore();
    }
    expect(await count(`SELECT count(*) AS n FROM runs WHERE job_id = $1`, [id])).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM job_rows WHERE job_id = $1 AND row_number < 3`, [id])).toBe(0);
    const job = (await t.http.get(`/v1/jobs/${id}`).set(r).expect(200)).body as Job;
    expect(job).toMatchObject({ status: 'cancelled', total: 4, processed: 0, succeeded: 0, failed: 0 });
  });

  it('a finished job is 409 JOB_ALREADY_FINISHED on both transports; unknown, foreign, malformed ids and read-only keys are refused', async () => {
    const id = await submit(2);
    expect(await processor.process({ jobId: id, from: 1, to: 3 })).toMatchObject({ claimed: 2 });
    const res = await t.http.post(`/v1/jobs/${id}/cancel`).set(w);
    expect([res.status, res.body.error.code, res.body.error.details]).toEqual([
      409,
      'JOB_ALREADY_FINISHED',
      [{ jobId: id, status: 'succeeded' }],
    ]);
    const gql = await t.gql(`mutation($id: ID!) { cancelJob(id: $id) { id } }`, { id }, w);
    expect(gql.errors?.[0].extensions).toMatchObject({ code: 'JOB_ALREADY_FINISHED', status: 409 });
    expect((await t.http.get(`/v1/jobs/${id}`).set(r).expect(200)).body.status).toBe('succeeded');

    const queued = await submit(2);
    const foreign = await t.http.post(`/v1/jobs/${queued}/cancel`).set(other);
    expect([foreign.status, foreign.body.error.code]).toEqual([404, 'JOB_NOT_FOUND']);
    const readOnly = await t.http.post(`/v1/jobs/${queued}/cancel`).set(r);
    expect([readOnly.status, readOnly.body.error.code]).toEqual([403, 'FORBIDDEN']);
    const missing = await t.http.post(`/v1/jobs/00000000-0000-4000-8000-000000000000/cancel`).set(w);
    expect([missing.status, missing.body.error.code]).toEqual([404, 'JOB_NOT_FOUND']);
    const malformed = await t.http.post(`/v1/jobs/not-a-uuid/cancel`).set(w);
    expect([malformed.status, malformed.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    // a queued job that never started: cancelled with nothing processed
    const cancelled = await t.http.post(`/v1/jobs/${queued}/cancel`).set(w).expect(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', total: 2, processed: 0, startedAt: null });
  });
});
