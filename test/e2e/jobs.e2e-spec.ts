import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { ChunkProcessor } from '../../src/jobs/worker/chunk-processor';
import { createTestApp, type TestApp } from '../utils/test-app';

const ADMIN = 'test-admin-key-0123456789abcdef-0123';
const admin = { authorization: `Bearer ${ADMIN}` };
const suffix = randomBytes(4).toString('hex');

/** A RunCreate with overridable defaults (STYLE 23). */
function runRow(overrides: Record<string, unknown> = {}) {
  return {
    name: 'imported run',
    project: 'history',
    team: 'research',
    model: 'llama-3-8b',
    tags: ['import'],
    startedAt: '2025-03-01T08:00:00Z',
    endedAt: '2025-03-01T20:00:00Z',
    request: { hardware: { ref: 'nvidia-h100-sxm5-80gb', count: 8 }, hours: 12, location: { zone: 'FR' } },
    ...overrides,
  };
}

const ndjson = (rows: unknown[]) => rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n';

const JOB_FIELDS =
  'id status total processed succeeded failed createdAt startedAt finishedAt errors { row code message details }';

interface Job {
  id: string;
  status: string;
  total: number;
  processed: number;
  succeeded: number;
  failed: number;
  startedAt: string | null;
  finishedAt: string | null;
  errors: { row: number; code: string; message: string }[];
}

async function keyFor(t: TestApp, tenant: string, scopes: string[]) {
  const res = await t.http
    .post('/v1/api-keys')
    .set(admin)
    .send({ name: `jobs-${scopes.join('-')}`, tenant, scopes })
    .expect(201);
  return { authorization: `Bearer ${res.body.key}` };
}

async function dbClient(): Promise<Client> {
  const c = new Client({ connectionString: process.env.TEST_DATABASE_URL });
  await c.connect();
  return c;
}

describe('Jobs with the in-process worker (REST and GraphQL)', () => {
  let t: TestApp;
  let db: Client;
  let writerA: Record<string, string>;
  let readerA: Record<string, string>;
  let writerB: Record<string, string>;
  const tenantA = `jobs-a-${suffix}`;
  const tenantB = `jobs-b-${suffix}`;

  function submit(headers: Record<string, string>, contentType: string, body: string) {
    return t.http.post('/v1/jobs').set(headers).set('content-type', contentType).send(body);
  }

  async function waitDone(id: string, headers = readerA, timeoutMs = 45000): Promise<Job> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const res = await t.http.get(`/v1/jobs/${id}`).set(headers).expect(200);
      const job = res.body as Job;
      expect(job.processed).toBe(job.succeeded + job.failed);
      expect(job.processed).toBeLessThanOrEqual(job.total);
      if (['succeeded', 'partial', 'failed'].includes(job.status)) return job;
      if (Date.now() > deadline) throw new Error(`job ${id} not done: ${JSON.stringify(job)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  beforeAll(async () => {
    t = await createTestApp({
      BOOTSTRAP_ADMIN_KEY: ADMIN,
      JOBS_MAX_ROWS: '50',
      JOBS_MAX_BODY_BYTES: String(64 * 1024),
      JOBS_CHUNK_SIZE: '4',
    });
    db = await dbClient();
    writerA = await keyFor(t, tenantA, ['write']);
    readerA = await keyFor(t, tenantA, ['read']);
    writerB = await keyFor(t, tenantB, ['read', 'write']);
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  it('NDJSON: every line becomes a run (with jobId and the tenant) or an error with its row number; blank lines are not rows', async () => {
    const body = ndjson([
      runRow({ name: 'ok-1' }),
      'this is not json',
      runRow({
        name: 'bad-hours',
        request: { hardware: { ref: 'nvidia-h100-sxm5-80gb', count: 8 }, hours: 'twelve', location: { zone: 'FR' } },
      }),
      '',
      runRow({
        name: 'unknown-hw',
        request: { hardware: { ref: 'no-such-accelerator-9000', count: 1 }, hours: 1, location: { zone: 'FR' } },
      }),
      '[1, 2]',
      runRow({ name: 'ok-6', tags: ['a', 'a', 'b'] }),
      `${JSON.stringify(runRow({ name: 'ok-7-crlf' }))}\r`,
      runRow({ name: 'ended-before-started', startedAt: '2025-03-02T00:00:00Z', endedAt: '2025-03-01T00:00:00Z' }),
    ]);
    const res = await submit(writerA, 'application/x-ndjson', body).expect(202);
    expect(res.body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), status: 'queued', total: 8 });
    const job = await waitDone(res.body.id);
    expect(job).toMatchObject({
      status: 'partial',
      total: 8,
      processed: 8,
      succeeded: 3,
      failed: 5,
      startedAt: expect.any(String),
      finishedAt: expect.any(String),
    });
    expect(job.errors.map((e) => [e.row, e.code])).toEqual([
      [2, 'MALFORMED_ROW'],
      [3, 'VALIDATION_FAILED'],
      [4, 'HARDWARE_NOT_FOUND'],
      [5, 'MALFORMED_ROW'],
      [8, 'VALIDATION_FAILED'],
    ]);
    expect(job.errors[1].message).toMatch(/request\.hours/);

    const runs = await db.query(`SELECT id, source_row, name, tenant, tags FROM runs WHERE job_id = $1 ORDER BY source_row`, [
      job.id,
    ]);
    expect(runs.rows.map((r) => [r.source_row, r.name])).toEqual([
      [1, 'ok-1'],
      [6, 'ok-6'],
      [7, 'ok-7-crlf'],
    ]);
    expect(runs.rows.every((r) => r.tenant === tenantA)).toBe(true);
    expect(runs.rows[1].tags).toEqual(['a', 'b']);
    const run = await t.http.get(`/v1/runs/${runs.rows[0].id}`).set(readerA).expect(200);
    expect(run.body).toMatchObject({ jobId: job.id, name: 'ok-1', estimate: { co2eKg: expect.any(Number) } });
    const staged = await db.query(`SELECT count(*)::int AS n FROM job_rows WHERE job_id = $1`, [job.id]);
    expect(staged.rows[0].n).toBe(0); // every staged row was claimed by its chunk
  });

  it('JSON { runs: [...] }: streamed element by element; an element that is not a valid object is an error for that row', async () => {
    const body = `{ "runs": [ ${JSON.stringify(runRow({ name: 'j1' }))}, {"name": tru}, 42, ${JSON.stringify(runRow({ name: 'j4', request: { energyKwh: 100, location: { gPerKwh: 50 } } }))} ] }`;
    const res = await submit(writerA, 'application/json', body).expect(202);
    expect(res.body.total).toBe(4);
    const job = await waitDone(res.body.id);
    expect(job).toMatchObject({ status: 'partial', succeeded: 2, failed: 2 });
    expect(job.errors.map((e) => [e.row, e.code])).toEqual([
      [2, 'MALFORMED_ROW'],
      [3, 'MALFORMED_ROW'],
    ]);
  });

  it('CSV: documented columns (case and dots ignored, tags separated by ;); a record with the wrong field count or a bad number is an error for that row', async () => {
    const csv = [
      'name,project,team,model,tags,startedAt,hardware,Hardware.Count,hours,zone,pue',
      'c1,history,research,llama,nightly;import,2025-01-05T00:00:00Z,nvidia-a100-sxm4-80gb,16,10,DE,1.2',
      'c2,history,research,llama,,2025-01-06T00:00:00Z,nvidia-a100-sxm4-80gb,16,ten,DE,',
      'c3,history,research',
      '"c4, quoted",history,research,llama,,,nvidia-h100-sxm5-80gb,8,1,FR,',
    ].join('\r\n');
    const res = await submit(writerA, 'text/csv', csv).expect(202);
    expect(res.body.total).toBe(4);
    const job = await waitDone(res.body.id);
    expect(job).toMatchObject({ status: 'partial', succeeded: 2, failed: 2 });
    expect(job.errors.map((e) => [e.row, e.code])).toEqual([
      [2, 'VALIDATION_FAILED'],
      [3, 'MALFORMED_ROW'],
    ]);
    const runs = await db.query(`SELECT name, tags, request FROM runs WHERE job_id = $1 ORDER BY source_row`, [job.id]);
    expect(runs.rows[0]).toMatchObject({
      name: 'c1',
      tags: ['nightly', 'import'],
      request: { hardware: { ref: 'nvidia-a100-sxm4-80gb', count: 16 }, hours: 10, location: { zone: 'DE' }, pue: 1.2 },
    });
    expect(runs.rows[1].name).toBe('c4, quoted');
  });

  it("CodeCarbon's emissions.csv imports as measured-energy runs: every row resolved or given a coded error", async () => {
    const csv = readFileSync(join(__dirname, '..', 'fixtures', 'codecarbon', 'emissions.csv'), 'utf8');
    const res = await submit(writerA, 'text/csv', csv).expect(202);
    expect(res.body.total).toBe(7);
    const job = await waitDone(res.body.id);
    expect(job).toMatchObject({ status: 'partial', succeeded: 4, failed: 3 });
    expect(job.errors.map((e) => [e.row, e.code])).toEqual([
      [4, 'HARDWARE_NOT_FOUND'],
      [5, 'ZONE_NOT_FOUND'],
      [7, 'VALIDATION_FAILED'],
    ]);
    const runs = await db.query(
      `SELECT id, source_row, name, project, tags, started_at, ended_at, request, run_texts_unpack(estimate_packed::jsonb) AS estimate FROM runs WHERE job_id = $1 ORDER BY source_row`,
      [job.id],
    );
    expect(runs.rows.map((r) => r.source_row)).toEqual([1, 2, 3, 6]);
    const [fr, gcp, cpu, sweden] = runs.rows;
    // 8 x H100 in France: energy as measured, the country from ISO alpha-3, the run at its own time
    expect(fr).toMatchObject({
      name: 'codecarbon 6f1b2c7e-1f52-4a8e-9a59-2d1c4b7e0a11',
      project: 'llm-finetune',
      tags: ['codecarbon'],
    });
    expect(fr.request).toEqual({
      energyKwh: 50.0687,
      location: { zone: 'FRA' },
      hardware: { ref: 'NVIDIA H100 80GB HBM3', count: 8 },
    });
    expect(fr.ended_at.toISOString()).toBe('2025-06-02T10:15:42.000Z');
    expect(fr.started_at.getTime()).toBe(Date.parse('2025-06-02T10:15:42Z') - 36000520);
    expect(fr.estimate.method).toBe('energy');
    expect(fr.estimate.factors.intensity.zone).toBe('FR');
    expect(fr.estimate.factors.hardware.id).toBe('nvidia-h100-sxm5-80gb');
    // CodeCarbon's energy excludes the data centre: the service's PUE applies, and the factors state it
    expect(fr.estimate.factors.pue.value).toBeGreaterThan(1);
    expect(fr.estimate.energyKwh).toBeCloseTo(50.0687 * fr.estimate.factors.pue.value, 6);
    expect(fr.estimate.warnings.join(' ')).toContain("zone 'FRA' read as the ISO 3166-1 alpha-3 code of FR");
    expect(gcp.request.location).toEqual({ provider: 'gcp', region: 'europe-west1' });
    expect(cpu.request.hardware).toBeUndefined();
    expect(cpu.estimate.factors.intensity.zone).toBe('US');
    // written with pue 1.2: the measured energy already includes the overhead
    expect(sweden.request.pue).toBe(1);
    expect(sweden.estimate.energyKwh).toBeCloseTo(0.4014, 9);
    // CodeCarbon's own figures are kept with each run, and the run answers the difference against its estimate
    const frRun = (await t.http.get(`/v1/runs/${fr.id}`).set(readerA).expect(200)).body;
    expect(frRun.reported).toEqual({
      source: 'codecarbon',
      co2eKg: 45.21,
      energyKwh: 50.0687,
      deltaCo2eKg: frRun.estimate.co2eKg - 45.21,
      co2eRatio: frRun.estimate.co2eKg / 45.21,
      deltaEnergyKwh: frRun.estimate.energyKwh - 50.0687,
    });
    // CodeCarbon priced France at its own factor; the service's (with PUE and embodied) differs, and says by how much
    expect(frRun.reported.deltaCo2eKg).not.toBe(0);
  });

  it('ends `succeeded` when no row fails and `failed` when every row fails; the rollups see bulk-inserted runs', async () => {
    const project = `rollup-${suffix}`;
    const ok = await submit(
      writerA,
      'application/x-ndjson',
      ndjson(Array.from({ length: 10 }, (_, i) => runRow({ name: `r${i}`, project }))),
    ).expect(202);
    expect(await waitDone(ok.body.id)).toMatchObject({ status: 'succeeded', succeeded: 10, failed: 0, errors: [] });
    const report = await t.http.get(`/v1/reports/emissions?groupBy=project&project=${project}`).set(readerA).expect(200);
    expect(report.body.totals.runs).toBe(10);
    const bad = await submit(writerA, 'application/x-ndjson', ndjson(['nope', '{}'])).expect(202);
    expect(await waitDone(bad.body.id)).toMatchObject({ status: 'failed', succeeded: 0, failed: 2 });
  });

  it('pages all errors with GET /v1/jobs/{id}/errors and GraphQL jobErrors', async () => {
    const res = await submit(writerA, 'application/x-ndjson', ndjson(['x1', runRow(), 'x3', 'x4', 'x5'])).expect(202);
    await waitDone(res.body.id);
    const rows: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { row: number }[]; nextCursor: string | null } } = await t.http
        .get(`/v1/jobs/${res.body.id}/errors`)
        .query(cursor ? { limit: 2, cursor } : { limit: 2 })
        .set(readerA)
        .expect(200);
      rows.push(...page.body.items.map((i) => i.row));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(rows).toEqual([1, 3, 4, 5]);
    const gql = await t.gql<{ jobErrors: { items: { row: number; code: string }[]; nextCursor: string | null } }>(
      `query($id: ID!) { jobErrors(id: $id, limit: 3) { items { row code } nextCursor } }`,
      { id: res.body.id },
      readerA,
    );
    expect(gql.errors).toBeUndefined();
    expect(gql.data?.jobErrors.items.map((i) => i.row)).toEqual([1, 3, 4]);
    expect(gql.data?.jobErrors.nextCursor).toEqual(expect.any(String));
    const badCursor = await t.http.get(`/v1/jobs/${res.body.id}/errors?cursor=garbage`).set(readerA);
    expect([badCursor.status, badCursor.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('GraphQL: createJob (JSON rows) and job(id)', async () => {
    const created = await t.gql<{ createJob: Job }>(
      `mutation($i: JobInput!) { createJob(input: $i) { ${JOB_FIELDS} } }`,
      {
        i: {
          runs: [
            runRow({ name: 'g1' }),
            runRow({
              name: 'g2',
              request: { hardware: { ref: 'nvidia-h100-sxm5-80gb', count: 0 }, hours: 1, location: { zone: 'FR' } },
            }),
          ],
        },
      },
      writerA,
    );
    expect(created.errors).toBeUndefined();
    expect(created.data?.createJob).toMatchObject({ status: 'queued', total: 2, processed: 0 });
    const id = created.data!.createJob.id;
    await waitDone(id);
    const read = await t.gql<{ job: Job }>(`query($id: ID!) { job(id: $id) { ${JOB_FIELDS} } }`, { id }, readerA);
    expect(read.data?.job).toMatchObject({
      id,
      status: 'partial',
      total: 2,
      succeeded: 1,
      failed: 1,
      errors: [{ row: 2, code: 'VALIDATION_FAILED' }],
    });
    const empty = await t.gql(`mutation { createJob(input: { runs: [] }) { id } }`, undefined, writerA);
    expect(empty.errors?.[0].extensions.code).toBe('VALIDATION_FAILED');
  });

  it('auth: 401 without a key, 403 without the scope, on both transports', async () => {
    const noKey = await t.http
      .post('/v1/jobs')
      .set('content-type', 'application/x-ndjson')
      .send(ndjson([runRow()]));
    expect([noKey.status, noKey.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
    const readOnly = await submit(readerA, 'application/x-ndjson', ndjson([runRow()]));
    expect([readOnly.status, readOnly.body.error.code]).toEqual([403, 'FORBIDDEN']);
    const gqlNoKey = await t.gql(`mutation($i: JobInput!) { createJob(input: $i) { id } }`, { i: { runs: [runRow()] } });
    expect(gqlNoKey.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    const gqlRead = await t.gql(`mutation($i: JobInput!) { createJob(input: $i) { id } }`, { i: { runs: [runRow()] } }, readerA);
    expect(gqlRead.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const getNoKey = await t.http.get(`/v1/jobs/00000000-0000-4000-8000-000000000000`);
    expect(getNoKey.status).toBe(401);
  });

  it("tenant isolation: another tenant's job is 404 JOB_NOT_FOUND on both transports", async () => {
    const res = await submit(writerA, 'application/x-ndjson', ndjson([runRow()])).expect(202);
    const other = await t.http.get(`/v1/jobs/${res.body.id}`).set(writerB);
    expect([other.status, other.body.error.code]).toEqual([404, 'JOB_NOT_FOUND']);
    const otherErrors = await t.http.get(`/v1/jobs/${res.body.id}/errors`).set(writerB);
    expect([otherErrors.status, otherErrors.body.error.code]).toEqual([404, 'JOB_NOT_FOUND']);
    const gql = await t.gql(`query($id: ID!) { job(id: $id) { id } }`, { id: res.body.id }, writerB);
    expect(gql.errors?.[0].extensions.code).toBe('JOB_NOT_FOUND');
    const badId = await t.http.get('/v1/jobs/not-a-uuid').set(readerA);
    expect([badId.status, badId.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    await waitDone(res.body.id);
  });

  it.each([
    ['text/plain', 'hello', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['application/xml', '<runs/>', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['application/x-ndjson', '\n\n  \n', 400, 'JOB_EMPTY'],
    ['text/csv', '', 400, 'JOB_EMPTY'],
    ['text/csv', 'name,project\n', 400, 'JOB_EMPTY'],
    ['application/json', '{}', 400, 'VALIDATION_FAILED'],
    ['application/json', '{"runs": {}}', 400, 'VALIDATION_FAILED'],
    ['application/json', '{"items": []}', 400, 'VALIDATION_FAILED'],
    ['application/json', '{"runs": []}', 400, 'JOB_EMPTY'],
    ['application/json', '{"runs": [{"name": "a"}, {"name": ', 400, 'MALFORMED_JSON'],
    ['application/json', '[{"name": "a"}]', 400, 'MALFORMED_JSON'],
    ['application/json', '{"runs": [1,]}', 400, 'MALFORMED_JSON'],
    ['text/csv', 'name,colour\nx,red\n', 400, 'CSV_HEADER_INVALID'],
    ['text/csv', 'name,name\nx,y\n', 400, 'CSV_HEADER_INVALID'],
    ['text/csv', 'name,project\n"unterminated,p\n', 400, 'MALFORMED_CSV'],
  ])('a bad body (%s %j) is %i %s, never 500, and leaves no job behind', async (type, body, status, code) => {
    const before = await db.query(`SELECT count(*)::int AS n FROM jobs WHERE tenant = $1`, [tenantA]);
    const res = await submit(writerA, type, body);
    expect([res.status, res.body.error?.code]).toEqual([status, code]);
    const after = await db.query(`SELECT count(*)::int AS n FROM jobs WHERE tenant = $1`, [tenantA]);
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('more rows than JOBS_MAX_ROWS is 413 JOB_TOO_MANY_ROWS; a body over JOBS_MAX_BODY_BYTES is 413 PAYLOAD_TOO_LARGE; nothing is kept', async () => {
    const tooMany = await submit(writerA, 'application/x-ndjson', ndjson(Array.from({ length: 51 }, () => runRow())));
    expect([tooMany.status, tooMany.body.error.code]).toEqual([413, 'JOB_TOO_MANY_ROWS']);
    const huge = await submit(
      writerA,
      'application/x-ndjson',
      ndjson(
        Array.from({ length: 40 }, () =>
          runRow({ name: 'x'.repeat(190), tags: Array.from({ length: 20 }, (_, i) => `tag-${i}-${'y'.repeat(60)}`) }),
        ),
      ),
    );
    expect([huge.status, huge.body.error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    const leftovers = await db.query(`SELECT count(*)::int AS n FROM jobs WHERE tenant = $1 AND status = 'receiving'`, [tenantA]);
    expect(leftovers.rows[0].n).toBe(0);
    // other routes keep the small global JSON limit (BODY_LIMIT_BYTES), streamed routes their own
    const big = await t.http
      .post('/v1/runs')
      .set(writerA)
      .set('content-type', 'application/json')
      .send(`{"name": "${'z'.repeat(5 * 1024 * 1024)}"}`);
    expect([big.status, big.body.error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
  });
});

describe('Jobs: chunk redelivery is idempotent (no worker; the chunk processor driven by hand)', () => {
  let t: TestApp;
  let db: Client;
  let writer: Record<string, string>;
  const tenant = `jobs-idem-${suffix}`;

  beforeAll(async () => {
    t = await createTestApp({ BOOTSTRAP_ADMIN_KEY: ADMIN, JOBS_INPROCESS_WORKER: 'false', JOBS_CHUNK_SIZE: '2' });
    db = await dbClient();
    writer = await keyFor(t, tenant, ['read', 'write']);
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  it('a chunk processed twice, a partially processed chunk and a worker dying mid-chunk all end with each row exactly once', async () => {
    const rows = [runRow({ name: 'i1' }), runRow({ name: 'i2' }), 'broken', runRow({ name: 'i4' }), runRow({ name: 'i5' })];
    const res = await t.http
      .post('/v1/jobs')
      .set(writer)
      .set('content-type', 'application/x-ndjson')
      .send(ndjson(rows))
      .expect(202);
    const jobId = res.body.id as string;
    const get = async () => (await t.http.get(`/v1/jobs/${jobId}`).set(writer).expect(200)).body as Job;
    expect(await get()).toMatchObject({ status: 'queued', total: 5, processed: 0, startedAt: null });
    const processor = t.app.get(ChunkProcessor);

    // the same chunk delivered twice (pg-boss retry after the first delivery committed but was not acknowledged)
    expect(await processor.process({ jobId, from: 1, to: 3 })).toEqual({ claimed: 2, succeeded: 2, failed: 0 });
    expect(await processor.process({ jobId, from: 1, to: 3 })).toEqual({ claimed: 0, succeeded: 0, failed: 0 });
    expect(await get()).toMatchObject({
      status: 'running',
      processed: 2,
      succeeded: 2,
      failed: 0,
      startedAt: expect.any(String),
      finishedAt: null,
    });

    // a partially processed chunk: rows 3 of [3, 5) already done, the redelivery does row 4 only
    expect(await processor.process({ jobId, from: 3, to: 4 })).toEqual({ claimed: 1, succeeded: 0, failed: 1 });
    expect(await processor.process({ jobId, from: 3, to: 5 })).toEqual({ claimed: 1, succeeded: 1, failed: 0 });

    // a worker that claimed row 5 and died before committing: the redelivery waits for its lock, then claims the row
    const dying = await dbClient();
    await dying.query('BEGIN');
    await dying.query(`DELETE FROM job_rows WHERE job_id = $1 AND row_number = 5`, [jobId]);
    const redelivery = processor.process({ jobId, from: 5, to: 6 });
    await new Promise((r) => setTimeout(r, 300));
    await dying.query('ROLLBACK');
    await dying.end();
    expect(await redelivery).toEqual({ claimed: 1, succeeded: 1, failed: 0 });

    const job = await get();
    expect(job).toMatchObject({
      status: 'partial',
      total: 5,
      processed: 5,
      succeeded: 4,
      failed: 1,
      finishedAt: expect.any(String),
    });
    const runs = await db.query(`SELECT source_row FROM runs WHERE job_id = $1 ORDER BY source_row`, [jobId]);
    expect(runs.rows.map((r) => r.source_row)).toEqual([1, 2, 4, 5]);
    const errors = await db.query(`SELECT row_number FROM job_errors WHERE job_id = $1`, [jobId]);
    expect(errors.rows.map((r) => r.row_number)).toEqual([3]);

    // the schema, not only the code, refuses a second run for an input row
    await expect(
      db.query(
        `INSERT INTO runs (tenant, job_id, source_row, request, estimate_packed, data_version, request_hash, method, energy_kwh, co2e_kg, operational_co2e_kg, embodied_co2e_kg)
         VALUES ($1, $2, 1, '{}', '{}', 'x', 'x', 'device-hours', 0, 0, 0, 0)`,
        [tenant, jobId],
      ),
    ).rejects.toMatchObject({ code: '23505' });
  });

  it('a chunk that failed every delivery (dead-lettered) turns its unprocessed rows into CHUNK_FAILED errors, so the job still ends', async () => {
    const rows = [runRow({ name: 'd1' }), runRow({ name: 'd2' }), runRow({ name: 'd3' })];
    const res = await t.http
      .post('/v1/jobs')
      .set(writer)
      .set('content-type', 'application/x-ndjson')
      .send(ndjson(rows))
      .expect(202);
    const jobId = res.body.id as string;
    const processor = t.app.get(ChunkProcessor);
    expect(await processor.process({ jobId, from: 1, to: 2 })).toEqual({ claimed: 1, succeeded: 1, failed: 0 });
    expect(await processor.fail({ jobId, from: 2, to: 4 }, 'boom')).toEqual({ claimed: 2, succeeded: 0, failed: 2 });
    // a second dead letter for the same chunk, or a late delivery, finds nothing left to claim
    expect(await processor.fail({ jobId, from: 2, to: 4 }, 'boom')).toEqual({ claimed: 0, succeeded: 0, failed: 0 });
    expect(await processor.process({ jobId, from: 2, to: 4 })).toEqual({ claimed: 0, succeeded: 0, failed: 0 });
    const job = (await t.http.get(`/v1/jobs/${jobId}`).set(writer).expect(200)).body as Job;
    expect(job).toMatchObject({ status: 'partial', processed: 3, succeeded: 1, failed: 2, finishedAt: expect.any(String) });
    const errors = await db.query(`SELECT row_number, code FROM job_errors WHERE job_id = $1 ORDER BY row_number`, [jobId]);
    expect(errors.rows).toEqual([
      { row_number: 2, code: 'CHUNK_FAILED' },
      { row_number: 3, code: 'CHUNK_FAILED' },
    ]);
  });

  it('the chunk queue dead-letters to the queue the worker turns into row errors', async () => {
    const q = await db.query(`SELECT name, dead_letter FROM pgboss.queue WHERE name = 'run_job_chunks'`);
    expect(q.rows).toEqual([{ name: 'run_job_chunks', dead_letter: 'run_job_chunks_dead' }]);
  });
});
