import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createTestApp, type TestApp } from '../utils/test-app';

const ADMIN = 'test-admin-key-0123456789abcdef-0123';
const admin = { authorization: `Bearer ${ADMIN}` };
const suffix = randomBytes(4).toString('hex');

/** Test data with overridable defaults (STYLE 23). */
function runInput(overrides: Record<string, unknown> = {}) {
  return {
    name: 'nightly fine-tune',
    project: 'assistant',
    team: 'research',
    model: 'llama-3-8b',
    tags: ['nightly'],
    startedAt: '2026-01-12T08:00:00Z',
    endedAt: '2026-01-12T20:00:00Z',
    request: { hardware: { ref: 'nvidia-h100-sxm5-80gb', count: 8 }, hours: 12, location: { zone: 'FR' } },
    ...overrides,
  };
}

const RUN_FIELDS =
  'id name project team model tags startedAt endedAt request dataVersion jobId createdAt estimate { co2eKg energyKwh dataVersion }';

describe('Runs (REST and GraphQL)', () => {
  let t: TestApp;
  const keys: Record<'writerA' | 'readerA' | 'writerB' | 'adminA', Record<string, string>> = {} as never;
  const tenantA = `runs-a-${suffix}`;
  const tenantB = `runs-b-${suffix}`;

  async function key(tenant: string, scopes: string[]) {
    const res = await t.http
      .post('/v1/api-keys')
      .set(admin)
      .send({ name: `k-${scopes.join('-')}`, tenant, scopes })
      .expect(201);
    return { authorization: `Bearer ${res.body.key}` };
  }

  async function create(headers: Record<string, string>, overrides: Record<string, unknown> = {}) {
    const res = await t.http.post('/v1/runs').set(headers).send(runInput(overrides));
    expect(res.status).toBe(201);
    return res.body;
  }

  beforeAll(async () => {
    t = await createTestApp({ BOOTSTRAP_ADMIN_KEY: ADMIN });
    keys.writerA = await key(tenantA, ['write']);
    keys.readerA = await key(tenantA, ['read']);
    keys.writerB = await key(tenantB, ['read', 'write']);
    keys.adminA = await key(tenantA, ['admin']);
  });
  afterAll(async () => t.close());

  it('creates a run: the estimate is computed, stored with the request and data version, and read back', async () => {
    const run = await create(keys.writerA);
    expect(run).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'nightly fine-tune',
      project: 'assistant',
      team: 'research',
      model: 'llama-3-8b',
      tags: ['nightly'],
      startedAt: '2026-01-12T08:00:00.000Z',
      endedAt: '2026-01-12T20:00:00.000Z',
      jobId: null,
      request: runInput().request,
      dataVersion: expect.any(String),
      createdAt: expect.any(String),
    });
    expect(run.estimate.dataVersion).toBe(run.dataVersion);
    expect(run.estimate.factors.hardware.id).toBe('nvidia-h100-sxm5-80gb');
    expect(run.estimate.factors.intensity.zone).toBe('FR');
    const stateless = await t.http.post('/v1/estimates').send(runInput().request).expect(200);
    expect(run.estimate.co2eKg).toBeCloseTo(stateless.body.co2eKg, 9);
    const got = await t.http.get(`/v1/runs/${run.id}`).set(keys.readerA).expect(200);
    expect(got.body).toEqual(run);
    const gql = await t.gql<{ run: { id: string; estimate: { co2eKg: number } } }>(
      `query($id: ID!) { run(id: $id) { ${RUN_FIELDS} } }`,
      { id: run.id },
      keys.readerA,
    );
    expect(gql.errors).toBeUndefined();
    expect(gql.data!.run.estimate.co2eKg).toBeCloseTo(run.estimate.co2eKg, 9);
  });

  it('creates a run through GraphQL with the same RunInput', async () => {
    const res = await t.gql<{ createRun: { id: string; team: string; estimate: { co2eKg: number } } }>(
      `mutation($i: RunInput!) { createRun(input: $i) { ${RUN_FIELDS} } }`,
      { i: runInput({ team: 'gql-team' }) },
      keys.writerA,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.createRun.team).toBe('gql-team');
    await t.http.get(`/v1/runs/${res.data!.createRun.id}`).set(keys.readerA).expect(200);
  });

  describe("another tool's figures (reported) and CodeCarbon records", () => {
    // one line of CodeCarbon's emissions.csv (test/fixtures/codecarbon/emissions.csv, row 1) as its columns
    const CODECARBON = {
      timestamp: '2025-06-02T10:15:42',
      project_name: 'llm-finetune',
      run_id: '6f1b2c7e-1f52-4a8e-9a59-2d1c4b7e0a11',
      duration: 36000.52,
      emissions: 45.21,
      energy_consumed: 50.0687,
      country_iso_code: 'FRA',
      gpu_count: 8,
      gpu_model: '8 x NVIDIA H100 80GB HBM3',
      pue: 1.0,
    };

    it('maps one CodeCarbon record as a job row is, keeps its figures and answers the difference (REST)', async () => {
      const res = await t.http.post('/v1/runs').set(keys.writerA).send({ codecarbon: CODECARBON, team: 'ml' }).expect(201);
      expect(res.body).toMatchObject({
        name: 'codecarbon 6f1b2c7e-1f52-4a8e-9a59-2d1c4b7e0a11',
        project: 'llm-finetune',
        team: 'ml', // a label given beside the record wins
        tags: ['codecarbon'],
        endedAt: '2025-06-02T10:15:42.000Z',
        request: { energyKwh: 50.0687, location: { zone: 'FRA' }, hardware: { ref: 'NVIDIA H100 80GB HBM3', count: 8 } },
      });
      expect(Date.parse(res.body.startedAt)).toBe(Date.parse('2025-06-02T10:15:42Z') - 36000520);
      const e = res.body.estimate;
      expect(e.factors.intensity.zone).toBe('FR');
      expect(e.factors.hardware.id).toBe('nvidia-h100-sxm5-80gb');
      expect(res.body.reported).toEqual({
        source: 'codecarbon',
        co2eKg: 45.21,
        energyKwh: 50.0687,
        deltaCo2eKg: e.co2eKg - 45.21,
        co2eRatio: e.co2eKg / 45.21,
        deltaEnergyKwh: e.energyKwh - 50.0687,
      });
      // the same figures through a job row: one mapping (the job test checks the CSV path)
      expect((await t.http.get(`/v1/runs/${res.body.id}`).set(keys.readerA).expect(200)).body).toEqual(res.body);
    });

    it('takes reported beside a request, on GraphQL too, and keeps it across a recalculation', async () => {
      const res = await t.gql<{ createRun: { id: string; estimate: { co2eKg: number }; reported: Record<string, unknown> } }>(
        `mutation($i: RunInput!) { createRun(input: $i) { id estimate { co2eKg } reported { source co2eKg energyKwh deltaCo2eKg co2eRatio deltaEnergyKwh } } }`,
        { i: runInput({ reported: { source: 'in-house meter', co2eKg: 10 } }) },
        keys.writerA,
      );
      expect(res.errors).toBeUndefined();
      const run = res.data!.createRun;
      expect(run.reported).toEqual({
        source: 'in-house meter',
        co2eKg: 10,
        energyKwh: null,
        deltaCo2eKg: run.estimate.co2eKg - 10,
        co2eRatio: run.estimate.co2eKg / 10,
        deltaEnergyKwh: null,
      });
      const recalculated = await t.http.post(`/v1/runs/${run.id}/recalculate`).set(keys.writerA).expect(200);
      expect(recalculated.body.run.reported.co2eKg).toBe(10);
      expect(recalculated.body.run.reported.deltaCo2eKg).toBeCloseTo(recalculated.body.run.estimate.co2eKg - 10, 9);
      // runs without one answer null
      expect((await create(keys.writerA)).reported).toBeNull();
    });

    it.each([
      ['request and codecarbon together', { codecarbon: CODECARBON, request: runInput().request }, 'codecarbon'],
      ['no energy_consumed', { codecarbon: { ...CODECARBON, energy_consumed: undefined } }, 'codecarbon.energy_consumed'],
      [
        'an energy that is not a number',
        { codecarbon: { ...CODECARBON, energy_consumed: 'lots' } },
        'codecarbon.energy_consumed',
      ],
      ['a negative emissions figure', { codecarbon: { ...CODECARBON, emissions: -1 } }, 'codecarbon.emissions'],
      ['a timestamp that is not one', { codecarbon: { ...CODECARBON, timestamp: 'yesterday' } }, 'codecarbon.timestamp'],
      ['a duration no date can hold', { codecarbon: { ...CODECARBON, duration: 1e300 } }, 'codecarbon.timestamp'],
      ['codecarbon that is not an object', { codecarbon: 'emissions.csv' }, 'codecarbon'],
      ['neither request nor codecarbon', { name: 'x' }, 'request'],
      ['a reported figure in grams by mistake', { ...runInput(), reported: { source: 'x', co2eKg: 5e12 } }, 'reported.co2eKg'],
      ['a reported figure without its source', { ...runInput(), reported: { co2eKg: 5 } }, 'reported.source'],
    ])('answers 400 with the field for %s', async (_what, body, path) => {
      const res = await t.http.post('/v1/runs').set(keys.writerA).send(body).expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    });

    it('answers the coded 404 for a country it does not know', async () => {
      const res = await t.http
        .post('/v1/runs')
        .set(keys.writerA)
        .send({ codecarbon: { ...CODECARBON, country_iso_code: 'XQZ' } })
        .expect(404);
      expect(res.body.error.code).toBe('ZONE_NOT_FOUND');
    });
  });

  describe('auth', () => {
    const id = '00000000-0000-4000-8000-000000000000';
    const rest: [string, string, string, 'read' | 'write'][] = [
      ['post', '/v1/runs', 'create', 'write'],
      ['get', '/v1/runs', 'list', 'read'],
      ['get', `/v1/runs/${id}`, 'get', 'read'],
      ['delete', `/v1/runs/${id}`, 'delete', 'write'],
      ['post', `/v1/runs/${id}/recalculate`, 'recalculate', 'write'],
      ['get', `/v1/runs/${id}/history`, 'history', 'read'],
      ['get', '/v1/reports/emissions?groupBy=team', 'report', 'read'],
    ];
    it.each(rest)('%s %s: no key 401, bad key 401, missing scope 403', async (method, path, _name, scope) => {
      const call = () => (t.http as unknown as Record<string, (p: string) => import('supertest').Test>)[method](path);
      const none = await call().send(method === 'post' ? runInput() : undefined);
      expect([none.status, none.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
      const bad = await call()
        .set('authorization', 'Bearer aiem_not-a-real-key-at-all')
        .send(method === 'post' ? runInput() : undefined);
      expect([bad.status, bad.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
      if (scope === 'write') {
        const short = await call()
          .set(keys.readerA)
          .send(method === 'post' ? runInput() : undefined);
        expect([short.status, short.body.error.code]).toEqual([403, 'FORBIDDEN']);
      }
    });

    const gql: [string, string, Record<string, unknown>, 'read' | 'write'][] = [
      ['run', `query($id: ID!) { run(id: $id) { id } }`, { id }, 'read'],
      ['runs', `{ runs { items { id } nextCursor } }`, {}, 'read'],
      ['report', `{ report(groupBy: ["team"]) { totals { runs } } }`, {}, 'read'],
      ['runHistory', `query($id: ID!) { runHistory(id: $id) { version } }`, { id }, 'read'],
      ['createRun', `mutation($i: RunInput!) { createRun(input: $i) { id } }`, { i: runInput() }, 'write'],
      ['deleteRun', `mutation($id: ID!) { deleteRun(id: $id) { id } }`, { id }, 'write'],
      ['recalculateRun', `mutation($id: ID!) { recalculateRun(id: $id) { deltaCo2eKg } }`, { id }, 'write'],
    ];
    it.each(gql)('GraphQL %s: no key, bad key, missing scope', async (_name, query, variables, scope) => {
      expect((await t.gql(query, variables)).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
      expect((await t.gql(query, variables, { 'x-api-key': 'aiem_not-a-real-key-at-all' })).errors?.[0].extensions.code).toBe(
        'UNAUTHENTICATED',
      );
      if (scope === 'write') expect((await t.gql(query, variables, keys.readerA)).errors?.[0].extensions.code).toBe('FORBIDDEN');
    });

    it('admin and write keys can read; write implies read', async () => {
      await t.http.get('/v1/runs').set(keys.writerA).expect(200);
      await t.http.get('/v1/runs').set(keys.adminA).expect(200);
    });
  });

  describe('tenant isolation', () => {
    it("answers 404 RUN_NOT_FOUND for another tenant's run on every REST endpoint, and never lists or sums it", async () => {
      const run = await create(keys.writerA, { project: `iso-${suffix}` });
      for (const [method, path] of [
        ['get', `/v1/runs/${run.id}`],
        ['delete', `/v1/runs/${run.id}`],
        ['post', `/v1/runs/${run.id}/recalculate`],
        ['get', `/v1/runs/${run.id}/history`],
      ] as const) {
        const res = await t.http[method](path).set(keys.writerB);
        expect([method, path, res.status, res.body.error?.code]).toEqual([method, path, 404, 'RUN_NOT_FOUND']);
      }
      const list = await t.http.get(`/v1/runs?project=iso-${suffix}`).set(keys.writerB).expect(200);
      expect(list.body.items).toEqual([]);
      const report = await t.http.get(`/v1/reports/emissions?project=iso-${suffix}`).set(keys.writerB).expect(200);
      expect(report.body.totals.runs).toBe(0);
      // Still there for its own tenant (B's delete did nothing).
      await t.http.get(`/v1/runs/${run.id}`).set(keys.readerA).expect(200);
      const own = await t.http.get(`/v1/reports/emissions?project=iso-${suffix}`).set(keys.readerA).expect(200);
      expect(own.body.totals.runs).toBe(1);
    });

    it('does the same on GraphQL', async () => {
      const run = await create(keys.writerA, { project: `iso-gql-${suffix}` });
      for (const q of [
        `query($id: ID!) { run(id: $id) { id } }`,
        `query($id: ID!) { runHistory(id: $id) { version } }`,
        `mutation($id: ID!) { recalculateRun(id: $id) { deltaCo2eKg } }`,
        `mutation($id: ID!) { deleteRun(id: $id) { id } }`,
      ]) {
        const res = await t.gql(q, { id: run.id }, keys.writerB);
        expect(res.errors?.[0].extensions).toMatchObject({ code: 'RUN_NOT_FOUND', status: 404 });
      }
      const list = await t.gql<{ runs: { items: unknown[] } }>(
        `query($p: String) { runs(project: $p) { items { id } } }`,
        { p: `iso-gql-${suffix}` },
        keys.writerB,
      );
      expect(list.data!.runs.items).toEqual([]);
      const report = await t.gql<{ report: { totals: { runs: number } } }>(
        `query($p: String) { report(project: $p) { totals { runs } } }`,
        { p: `iso-gql-${suffix}` },
        keys.writerB,
      );
      expect(report.data!.report.totals.runs).toBe(0);
      await t.http.get(`/v1/runs/${run.id}`).set(keys.readerA).expect(200);
    });

    it('keeps idempotency keys per tenant', async () => {
      const k = `shared-${suffix}`;
      const a = await t.http
        .post('/v1/runs')
        .set({ ...keys.writerA, 'idempotency-key': k })
        .send(runInput())
        .expect(201);
      const b = await t.http
        .post('/v1/runs')
        .set({ ...keys.writerB, 'idempotency-key': k })
        .send(runInput())
        .expect(201);
      expect(b.body.id).not.toBe(a.body.id);
    });
  });

  describe('idempotency', () => {
    it('10 concurrent retries with one Idempotency-Key make one run, answered with the same id', async () => {
      const k = `retry-${suffix}`;
      const body = runInput({ project: `idem-${suffix}` });
      const results = await Promise.all(
        Array.from({ length: 10 }, () =>
          t.http
            .post('/v1/runs')
            .set({ ...keys.writerA, 'idempotency-key': k })
            .send(body),
        ),
      );
      expect(results.map((r) => r.status)).toEqual(Array(10).fill(201));
      const ids = new Set(results.map((r) => r.body.id));
      expect(ids.size).toBe(1);
      expect(results.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(9);
      const list = await t.http.get(`/v1/runs?project=idem-${suffix}`).set(keys.readerA).expect(200);
      expect(list.body.items.map((r: { id: string }) => r.id)).toEqual([...ids]);
      // A later retry (also with keys in another order) and the GraphQL mutation return it too.
      const reordered = {
        request: body.request,
        tags: body.tags,
        endedAt: body.endedAt,
        startedAt: body.startedAt,
        model: body.model,
        team: body.team,
        project: body.project,
        name: body.name,
      };
      const later = await t.http
        .post('/v1/runs')
        .set({ ...keys.writerA, 'idempotency-key': k })
        .send(reordered)
        .expect(201);
      expect(later.body).toEqual(results[0].body);
      const gql = await t.gql<{ createRun: { id: string } }>(
        `mutation($i: RunInput!, $k: String) { createRun(input: $i, idempotencyKey: $k) { id } }`,
        { i: body, k },
        keys.writerA,
      );
      expect(gql.data!.createRun.id).toBe(results[0].body.id);
      const db = new Client({ connectionString: process.env.TEST_DATABASE_URL });
      await db.connect();
      const count = await db.query(`SELECT count(*)::int AS n FROM runs WHERE idempotency_key = $1`, [k]);
      await db.end();
      expect(count.rows[0].n).toBe(1);
    });

    it('answers 409 IDEMPOTENCY_KEY_REUSED for the same key with another body, on both transports', async () => {
      const k = `reuse-${suffix}`;
      await t.http
        .post('/v1/runs')
        .set({ ...keys.writerA, 'idempotency-key': k })
        .send(runInput())
        .expect(201);
      const res = await t.http
        .post('/v1/runs')
        .set({ ...keys.writerA, 'idempotency-key': k })
        .send(runInput({ team: 'other' }));
      expect([res.status, res.body.error.code]).toEqual([409, 'IDEMPOTENCY_KEY_REUSED']);
      const gql = await t.gql(
        `mutation($i: RunInput!, $k: String) { createRun(input: $i, idempotencyKey: $k) { id } }`,
        { i: runInput({ team: 'other' }), k },
        keys.writerA,
      );
      expect(gql.errors?.[0].extensions).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', status: 409 });
    });

    it('creates distinct runs without a key', async () => {
      const a = await create(keys.writerA);
      const b = await create(keys.writerA);
      expect(a.id).not.toBe(b.id);
    });
  });

  describe('list', () => {
    it('pages without gaps or duplicates while runs are being added', async () => {
      const project = `page-${suffix}`;
      const initial: string[] = [];
      for (let i = 0; i < 25; i++) initial.push((await create(keys.writerA, { project, tags: [`i${i % 3}`] })).id);
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        // Another writer adds runs between (and during) page reads.
        const [page]: { body: { items: { id: string }[]; nextCursor: string | null } }[] = await Promise.all([
          t.http
            .get('/v1/runs')
            .query({ project, limit: 4, ...(cursor ? { cursor } : {}) })
            .set(keys.readerA)
            .expect(200),
          create(keys.writerA, { project }),
          create(keys.writerA, { project }),
        ]);
        seen.push(...page.body.items.map((r: { id: string }) => r.id));
        cursor = page.body.nextCursor;
        pages++;
      } while (cursor && pages < 100);
      expect(new Set(seen).size).toBe(seen.length);
      for (const id of initial) expect(seen).toContain(id);
      // Newest first, strictly.
      const created = await Promise.all(
        seen.slice(0, 10).map(async (id) => (await t.http.get(`/v1/runs/${id}`).set(keys.readerA)).body.createdAt),
      );
      expect([...created].sort().reverse()).toEqual(created);
    });

    it('filters by project, team, model, tag and time range on both transports', async () => {
      const project = `filter-${suffix}`;
      await create(keys.writerA, {
        project,
        team: 't1',
        model: 'm1',
        tags: ['x', 'y'],
        startedAt: '2025-03-10T00:00:00Z',
        endedAt: '2025-03-11T00:00:00Z',
      });
      await create(keys.writerA, {
        project,
        team: 't2',
        model: 'm1',
        tags: ['y'],
        startedAt: '2025-04-10T00:00:00Z',
        endedAt: '2025-04-11T00:00:00Z',
      });
      await create(keys.writerA, {
        project,
        team: 't2',
        model: 'm2',
        tags: [],
        startedAt: '2025-05-10T00:00:00Z',
        endedAt: '2025-05-11T00:00:00Z',
      });
      const q = async (query: Record<string, string>) =>
        (
          await t.http
            .get('/v1/runs')
            .query({ project, ...query })
            .set(keys.readerA)
            .expect(200)
        ).body.items
          .map((r: { team: string; model: string }) => `${r.team}/${r.model}`)
          .sort();
      expect(await q({})).toEqual(['t1/m1', 't2/m1', 't2/m2']);
      expect(await q({ team: 't2' })).toEqual(['t2/m1', 't2/m2']);
      expect(await q({ model: 'm1' })).toEqual(['t1/m1', 't2/m1']);
      expect(await q({ tag: 'y' })).toEqual(['t1/m1', 't2/m1']);
      expect(await q({ tag: 'x', team: 't1' })).toEqual(['t1/m1']);
      expect(await q({ from: '2025-04-01T00:00:00Z' })).toEqual(['t2/m1', 't2/m2']);
      expect(await q({ from: '2025-04-01T00:00:00Z', to: '2025-05-10T00:00:00Z' })).toEqual(['t2/m1']);
      const gql = await t.gql<{ runs: { items: { team: string }[]; nextCursor: string | null } }>(
        `query($p: String, $tag: String) { runs(project: $p, tag: $tag, limit: 1) { items { team } nextCursor } }`,
        { p: project, tag: 'y' },
        keys.readerA,
      );
      expect(gql.errors).toBeUndefined();
      expect(gql.data!.runs.items).toHaveLength(1);
      const next = await t.gql<{ runs: { items: { team: string }[]; nextCursor: string | null } }>(
        `query($p: String, $tag: String, $c: String) { runs(project: $p, tag: $tag, limit: 1, cursor: $c) { items { team } nextCursor } }`,
        { p: project, tag: 'y', c: gql.data!.runs.nextCursor },
        keys.readerA,
      );
      expect(next.data!.runs.items).toHaveLength(1);
      expect(next.data!.runs.nextCursor).toBeNull();
      expect([gql.data!.runs.items[0].team, next.data!.runs.items[0].team].sort()).toEqual(['t1', 't2']);
    });
  });

  describe('delete', () => {
    it('deletes with 204 (REST) or returns the deleted run (GraphQL); then 404', async () => {
      const a = await create(keys.writerA);
      await t.http.delete(`/v1/runs/${a.id}`).set(keys.writerA).expect(204);
      expect((await t.http.get(`/v1/runs/${a.id}`).set(keys.readerA)).body.error.code).toBe('RUN_NOT_FOUND');
      expect((await t.http.delete(`/v1/runs/${a.id}`).set(keys.writerA)).status).toBe(404);
      const b = await create(keys.writerA);
      const res = await t.gql<{ deleteRun: { id: string } }>(
        `mutation($id: ID!) { deleteRun(id: $id) { id } }`,
        { id: b.id },
        keys.writerA,
      );
      expect(res.data!.deleteRun.id).toBe(b.id);
      expect(
        (await t.gql(`query($id: ID!) { run(id: $id) { id } }`, { id: b.id }, keys.readerA)).errors?.[0].extensions.code,
      ).toBe('RUN_NOT_FOUND');
    });
  });

  describe('bad input is 400, never 500', () => {
    const bad: [string, Record<string, unknown>, string][] = [
      ['no request', { name: 'x' }, 'request'],
      ['request not an object', { request: 'x' }, 'request'],
      [
        'two sizings',
        { request: { hardware: { ref: 'H100-80GB', count: 1 }, hours: 1, energyKwh: 5, location: { zone: 'FR' } } },
        '',
      ],
      [
        'string count',
        { request: { hardware: { ref: 'H100-80GB', count: 'eight' }, hours: 1, location: { zone: 'FR' } } },
        'request.hardware.count',
      ],
      ['unknown field', { request: runInput().request, colour: 'red' }, 'colour'],
      ['tags not strings', { request: runInput().request, tags: [1] }, 'tags'],
      ['tags not an array', { request: runInput().request, tags: 'a' }, 'tags'],
      ['bad startedAt', { request: runInput().request, startedAt: 'yesterday' }, 'startedAt'],
      ['year 0', { request: runInput().request, startedAt: '0000-01-01T00:00:00Z' }, 'startedAt'],
      [
        'ended before started',
        { request: runInput().request, startedAt: '2026-01-02T00:00:00Z', endedAt: '2026-01-01T00:00:00Z' },
        'endedAt',
      ],
      ['empty name', { request: runInput().request, name: '' }, 'name'],
      ['huge name', { request: runInput().request, name: 'x'.repeat(201) }, 'name'],
    ];
    it.each(bad)('POST /v1/runs: %s', async (_name, body, path) => {
      const res = await t.http.post('/v1/runs').set(keys.writerA).send(body);
      expect([res.status, res.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
      if (path) expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    });

    it('rejects an unknown hardware with its coded 404, not a 500', async () => {
      const res = await t.http
        .post('/v1/runs')
        .set(keys.writerA)
        .send(runInput({ request: { hardware: { ref: 'no-such-gpu-zz', count: 1 }, hours: 1, location: { zone: 'FR' } } }));
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('HARDWARE_NOT_FOUND');
    });

    it.each([
      ['get', '/v1/runs/not-a-uuid'],
      ['delete', '/v1/runs/not-a-uuid'],
      ['post', '/v1/runs/not-a-uuid/recalculate'],
      ['get', '/v1/runs/not-a-uuid/history'],
      ['get', "/v1/runs/1'%20OR%201=1"],
      ['get', '/v1/runs?limit=0'],
      ['get', '/v1/runs?limit=501'],
      ['get', '/v1/runs?limit=abc'],
      ['get', '/v1/runs?cursor=bm90LWEtY3Vyc29y'],
      ['get', '/v1/runs?cursor=%25%25'],
      ['get', '/v1/runs?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z'],
      ['get', '/v1/runs?from=garbage'],
      ['get', '/v1/runs?unknown=1'],
    ] as const)('%s %s', async (method, path) => {
      const res = await t.http[method](path).set(keys.writerA);
      expect([res.status, res.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    });

    it('rejects a bad Idempotency-Key and bad GraphQL ids with 400', async () => {
      const res = await t.http
        .post('/v1/runs')
        .set({ ...keys.writerA, 'idempotency-key': 'x'.repeat(256) })
        .send(runInput());
      expect([res.status, res.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
      const gql = await t.gql(`query { run(id: "nope") { id } }`, {}, keys.readerA);
      expect(gql.errors?.[0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', status: 400 });
      const gqlLimit = await t.gql(`query { runs(limit: 0) { nextCursor } }`, {}, keys.readerA);
      expect(gqlLimit.errors?.[0].extensions.code).toBe('VALIDATION_FAILED');
      const gqlInput = await t.gql(
        `mutation($i: RunInput!) { createRun(input: $i) { id } }`,
        { i: { request: { hours: 1 } } },
        keys.writerA,
      );
      expect(gqlInput.errors?.[0].extensions.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('recalculation', () => {
    it('recomputes with the newest reference data, returns previous/current/delta and keeps the history', async () => {
      // A zone-year no other suite uses, so the admin write below changes only this suite's estimates.
      const location = { zone: 'IS', year: 2001 };
      const run = await create(keys.writerA, {
        request: { hardware: { ref: 'nvidia-a100-sxm4-80gb', count: 16 }, hours: 100, location },
      });
      const before = run.estimate;
      const put = await t.http
        .put('/v1/grid/zones/IS/intensities/2001')
        .set(admin)
        .send({ gPerKwh: 500, source: `runs e2e ${suffix}` });
      expect(put.status).toBe(200);
      const res = await t.http.post(`/v1/runs/${run.id}/recalculate`).set(keys.writerA).expect(200);
      expect(res.body.previous).toEqual(before);
      expect(res.body.current.factors.intensity.gPerKwh).toBe(500);
      expect(res.body.current.dataVersion).not.toBe(before.dataVersion);
      expect(res.body.current.co2eKg).toBeGreaterThan(before.co2eKg);
      expect(res.body.deltaCo2eKg).toBeCloseTo(res.body.current.co2eKg - before.co2eKg, 9);
      expect(res.body.run.estimate).toEqual(res.body.current);
      expect(res.body.run.dataVersion).toBe(res.body.current.dataVersion);
      const got = await t.http.get(`/v1/runs/${run.id}`).set(keys.readerA).expect(200);
      expect(got.body.estimate).toEqual(res.body.current);
      // Headline columns follow (reports sum them).
      const db = new Client({ connectionString: process.env.TEST_DATABASE_URL });
      await db.connect();
      const row = (await db.query(`SELECT co2e_kg, data_version FROM runs WHERE id = $1`, [run.id])).rows[0];
      await db.end();
      expect(row.co2e_kg).toBeCloseTo(res.body.current.co2eKg, 9);
      const history = await t.http.get(`/v1/runs/${run.id}/history`).set(keys.readerA).expect(200);
      expect(history.body.items).toEqual([
        { version: 1, estimate: before, dataVersion: before.dataVersion, replacedAt: expect.any(String) },
      ]);
      // Again through GraphQL: nothing changed, so the delta is 0 and the history grows.
      const again = await t.gql<{
        recalculateRun: { deltaCo2eKg: number; previous: { co2eKg: number }; current: { co2eKg: number }; run: { id: string } };
      }>(
        `mutation($id: ID!) { recalculateRun(id: $id) { deltaCo2eKg previous { co2eKg } current { co2eKg } run { id } } }`,
        { id: run.id },
        keys.writerA,
      );
      expect(again.errors).toBeUndefined();
      expect(again.data!.recalculateRun.deltaCo2eKg).toBeCloseTo(0, 9);
      const gqlHistory = await t.gql<{ runHistory: { version: number; estimate: { co2eKg: number } }[] }>(
        `query($id: ID!) { runHistory(id: $id) { version estimate { co2eKg } } }`,
        { id: run.id },
        keys.readerA,
      );
      expect(gqlHistory.data!.runHistory.map((h) => h.version)).toEqual([1, 2]);
      expect(gqlHistory.data!.runHistory[1].estimate.co2eKg).toBeCloseTo(res.body.current.co2eKg, 9);
    });

    it('serialises concurrent recalculations of one run (row lock): versions stay dense', async () => {
      const run = await create(keys.writerA);
      const results = await Promise.all(
        Array.from({ length: 5 }, () => t.http.post(`/v1/runs/${run.id}/recalculate`).set(keys.writerA)),
      );
      expect(results.map((r) => r.status)).toEqual(Array(5).fill(200));
      const history = await t.http.get(`/v1/runs/${run.id}/history`).set(keys.readerA).expect(200);
      expect(history.body.items.map((h: { version: number }) => h.version)).toEqual([1, 2, 3, 4, 5]);
    });
  });
});
