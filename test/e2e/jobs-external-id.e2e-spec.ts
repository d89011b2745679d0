import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createTestApp, type TestApp } from '../utils/test-app';

const ADMIN = 'test-admin-key-0123456789abcdef-0123';
const admin = { authorization: `Bearer ${ADMIN}` };
const suffix = randomBytes(4).toString('hex');

function runRow(overrides: Record<string, unknown> = {}) {
  return {
    name: 'row with an id',
    project: 'external-ids',
    request: { hardware: { ref: 'nvidia-h100-sxm5-80gb', count: 8 }, hours: 12, location: { zone: 'FR' } },
    ...overrides,
  };
}

const ndjson = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

interface RowError {
  row: number;
  code: string;
  message: string;
  details: { path?: string; message?: string }[];
  externalId: string | null;
}

/** Row ids (`externalId`): unique per job, stored with the run, returned in row errors, on both transports. */
describe('Job row ids (externalId)', () => {
  let t: TestApp;
  let db: Client;
  let auth: Record<string, string>;

  async function waitDone(id: string, timeoutMs = 60000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const job = (await t.http.get(`/v1/jobs/${id}`).set(auth).expect(200)).body as { status: string; errors: RowError[] };
      if (['succeeded', 'partial', 'failed', 'cancelled'].includes(job.status)) return job;
      if (Date.now() > deadline) throw new Error(`job ${id} not done: ${JSON.stringify(job)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async function runIds(jobId: string): Promise<[number, string | null][]> {
    const res = await db.query<{ source_row: number; external_id: string | null }>(
      `SELECT source_row, external_id FROM runs WHERE job_id = $1 ORDER BY source_row`,
      [jobId],
    );
    return res.rows.map((r) => [Number(r.source_row), r.external_id]);
  }

  beforeAll(async () => {
    t = await createTestApp({ BOOTSTRAP_ADMIN_KEY: ADMIN, JOBS_CHUNK_SIZE: '2' });
    db = new Client({ connectionString: process.env.TEST_DATABASE_URL });
    await db.connect();
    const key = await t.http
      .post('/v1/api-keys')
      .set(admin)
      .send({ name: 'external-ids', tenant: `xid-${suffix}`, scopes: ['read', 'write'] })
      .expect(201);
    auth = { authorization: `Bearer ${key.body.key}` };
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  it('NDJSON: the first row with an id keeps it; a later duplicate is DUPLICATE_EXTERNAL_ID; errors and runs carry the ids', async () => {
    const long = 'x'.repeat(201);
    const body = ndjson([
      runRow({ externalId: 'a-1' }), // 1: run
      runRow({ externalId: 'b-2', bogus: 1 }), // 2: VALIDATION_FAILED (unknown field), keeps b-2
      runRow({ externalId: 'a-1' }), // 3: duplicate of row 1
      runRow(), // 4: run without an id
      runRow({ externalId: 'b-2' }), // 5: duplicate of row 2 (the first occurrence wins even though it failed)
      runRow({ externalId: long }), // 6: too long
      runRow({ externalId: 42 }), // 7: not a string
      runRow({ externalId: '' }), // 8: empty
      runRow({ externalId: 'c-9' }), // 9: run
      runRow({ externalId: 'a-1' }), // 10: duplicate of row 1 again
    ]);
    const accepted = await t.http.post('/v1/jobs').set(auth).set('content-type', 'application/x-ndjson').send(body).expect(202);
    const job = await waitDone(accepted.body.id);
    expect(job).toMatchObject({ status: 'partial', total: 10, succeeded: 3, failed: 7 });
    const byRow = new Map(job.errors.map((e) => [e.row, e]));
    expect([...byRow.keys()]).toEqual([2, 3, 5, 6, 7, 8, 10]);
    expect(byRow.get(2)).toMatchObject({ code: 'VALIDATION_FAILED', externalId: 'b-2' });
    expect(byRow.get(3)).toMatchObject({ code: 'DUPLICATE_EXTERNAL_ID', externalId: 'a-1' });
    expect(byRow.get(3)!.message).toBe('externalId "a-1" is already used by row 1 of this job');
    expect(byRow.get(5)).toMatchObject({ code: 'DUPLICATE_EXTERNAL_ID', externalId: 'b-2' });
    expect(byRow.get(5)!.message).toMatch(/row 2 of this job/);
    expect(byRow.get(10)).toMatchObject({ code: 'DUPLICATE_EXTERNAL_ID', externalId: 'a-1' });
    for (const row of [6, 7, 8]) {
      expect(byRow.get(row)).toMatchObject({ code: 'VALIDATION_FAILED', externalId: null });
      expect(byRow.get(row)!.details).toContainEqual({
        path: 'externalId',
        message: 'externalId must be a string of 1 to 200 characters',
      });
    }
    expect(await runIds(accepted.body.id)).toEqual([
      [1, 'a-1'],
      [4, null],
      [9, 'c-9'],
    ]);
    // the runs answer their row's id (REST and GraphQL)
    const listed = await t.http.get('/v1/runs?limit=500').set(auth).expect(200);
    const ofJob = (listed.body.items as { jobId: string; externalId: string | null; name: string }[]).filter(
      (r) => r.jobId === accepted.body.id,
    );
    expect(ofJob.map((r) => r.externalId).sort()).toEqual(['a-1', 'c-9', null].sort());
    const gqlRuns = await t.gql<{ runs: { items: { jobId: string; externalId: string | null }[] } }>(
      `{ runs(limit: 500) { items { jobId externalId } } }`,
      {},
      auth,
    );
    expect(gqlRuns.errors).toBeUndefined();
    expect(
      gqlRuns
        .data!.runs.items.filter((r) => r.jobId === accepted.body.id)
        .map((r) => r.externalId)
        .sort(),
    ).toEqual(['a-1', 'c-9', null].sort());

    // the same through the paged errors list (REST) and GraphQL jobErrors
    const page = await t.http.get(`/v1/jobs/${accepted.body.id}/errors?limit=2`).set(auth).expect(200);
    expect(page.body.items.map((e: RowError) => [e.row, e.externalId])).toEqual([
      [2, 'b-2'],
      [3, 'a-1'],
    ]);
    const gql = await t.http
      .post('/graphql')
      .set(auth)
      .send({ query: `{ jobErrors(id: "${accepted.body.id}", limit: 10) { items { row code externalId } } }` })
      .expect(200);
    expect(gql.body.errors).toBeUndefined();
    expect(gql.body.data.jobErrors.items).toEqual([
      { row: 2, code: 'VALIDATION_FAILED', externalId: 'b-2' },
      { row: 3, code: 'DUPLICATE_EXTERNAL_ID', externalId: 'a-1' },
      { row: 5, code: 'DUPLICATE_EXTERNAL_ID', externalId: 'b-2' },
      { row: 6, code: 'VALIDATION_FAILED', externalId: null },
      { row: 7, code: 'VALIDATION_FAILED', externalId: null },
      { row: 8, code: 'VALIDATION_FAILED', externalId: null },
      { row: 10, code: 'DUPLICATE_EXTERNAL_ID', externalId: 'a-1' },
    ]);
  });

  it('CSV column externalId (any spelling the header allows), and ids are per job: another job may reuse them', async () => {
    const csv = [
      'external_id,name,hardware,count,hours,zone',
      'a-1,first,nvidia-h100-sxm5-80gb,8,12,FR',
      'a-1,second,nvidia-h100-sxm5-80gb,8,12,FR',
      ',third,nvidia-h100-sxm5-80gb,8,12,FR',
    ].join('\n');
    const accepted = await t.http.post('/v1/jobs').set(auth).set('content-type', 'text/csv').send(csv).expect(202);
    const job = await waitDone(accepted.body.id);
    expect(job).toMatchObject({ status: 'partial', total: 3, succeeded: 2, failed: 1 });
    expect(job.errors.map((e) => [e.row, e.code, e.externalId])).toEqual([[2, 'DUPLICATE_EXTERNAL_ID', 'a-1']]);
    expect(await runIds(accepted.body.id)).toEqual([
      [1, 'a-1'],
      [3, null],
    ]);
  });

  it('GraphQL createJob takes externalId per row; the JSON body too; ids are part of the idempotency hash', async () => {
    const res = await t.http
      .post('/graphql')
      .set(auth)
      .send({
        query: 'mutation($i: JobInput!) { createJob(input: $i) { id total } }',
        variables: { i: { runs: [runRow({ externalId: 'g-1' }), runRow({ externalId: 'g-1' })] } },
      })
      .expect(200);
    expect(res.body.errors).toBeUndefined();
    const job = await waitDone(res.body.data.createJob.id);
    expect(job.errors.map((e) => [e.row, e.code, e.externalId])).toEqual([[2, 'DUPLICATE_EXTERNAL_ID', 'g-1']]);
    expect(await runIds(res.body.data.createJob.id)).toEqual([[1, 'g-1']]);

    const key = `xid-${suffix}`;
    const first = await t.http
      .post('/v1/jobs')
      .set(auth)
      .set('Idempotency-Key', key)
      .send({ runs: [runRow({ externalId: 'j-1' })] })
      .expect(202);
    expect((await waitDone(first.body.id)).errors).toEqual([]);
    expect(await runIds(first.body.id)).toEqual([[1, 'j-1']]);
    // the same run with another id is other rows: the key cannot be reused for it
    const other = await t.http
      .post('/v1/jobs')
      .set(auth)
      .set('Idempotency-Key', key)
      .send({ runs: [runRow({ externalId: 'j-2' })] })
      .expect(409);
    expect(other.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });
});
