import { createTestApp, type TestApp } from '../utils/test-app';

const ADMIN_KEY = 'test-admin-key-0123456789abcdef-0123';
const admin = { authorization: `Bearer ${ADMIN_KEY}` };

describe('model catalog and hardware memory bandwidth (REST + GraphQL, real database)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ BOOTSTRAP_ADMIN_KEY: ADMIN_KEY });
  });
  afterAll(async () => t?.close());

  it('lists the seeded models with sources, by family and free text, with cursors', async () => {
    const all = await t.http.get('/v1/models?limit=500').expect(200);
    expect(all.body.items.length).toBeGreaterThanOrEqual(60);
    expect(all.body.nextCursor).toBeNull();
    for (const m of all.body.items) expect(m.sources.length).toBeGreaterThan(0);
    const fam = await t.http.get('/v1/models?family=llama-3.1').expect(200);
    expect(fam.body.items.map((m: { id: string }) => m.id)).toEqual([
      'llama-3.1-405b-instruct',
      'llama-3.1-70b-instruct',
      'llama-3.1-8b-instruct',
    ]);
    const q = await t.http.get('/v1/models?q=qwen3%20235b').expect(200);
    expect(q.body.items.map((m: { id: string }) => m.id)).toContain('qwen3-235b-a22b-instruct-2507');
    const p1 = await t.http.get('/v1/models?limit=2').expect(200);
    const p2 = await t.http.get(`/v1/models?limit=2&cursor=${p1.body.nextCursor}`).expect(200);
    expect(p2.body.items[0].id > p1.body.items[1].id).toBe(true);
  });

  it('resolves an id, a URL-encoded Hugging Face id and an alias; unknown names are 404 MODEL_NOT_FOUND with suggestions', async () => {
    const byId = await t.http.get('/v1/models/llama-3.1-70b-instruct').expect(200);
    expect(byId.body).toMatchObject({
      totalParameters: 70e9,
      activeParameters: 70e9,
      layers: 80,
      hiddenSize: 8192,
      attentionHeads: 64,
      kvHeads: 8,
      headDim: 128,
      contextLength: 131072,
    });
    const byHf = await t.http.get(`/v1/models/${encodeURIComponent('meta-llama/Llama-3.1-8B-Instruct')}`).expect(200);
    expect(byHf.body.id).toBe('llama-3.1-8b-instruct');
    const moe = await t.http.get('/v1/models/Qwen3-235B-A22B').expect(200);
    expect(moe.body).toMatchObject({
      id: 'qwen3-235b-a22b-instruct-2507',
      architecture: 'moe',
      experts: 128,
      expertsPerToken: 8,
    });
    const missing = await t.http.get('/v1/models/llama-3.1-7b').expect(404);
    expect(missing.body.error.code).toBe('MODEL_NOT_FOUND');
    expect(missing.body.error.details.length).toBeGreaterThan(0);
    expect(missing.body.error.details[0].id).toMatch(/^llama-3/);
    const closed = await t.http.get('/v1/models/gpt-4').expect(200);
    expect(closed.body).toMatchObject({ access: 'closed', parameterStatus: 'estimate', layers: null });
    expect(closed.body.parameterRange).toHaveLength(2);
  });

  it('serves model(ref) and models(...) on GraphQL with the same fields and codes', async () => {
    const res = await t.gql<{ model: Record<string, unknown>; models: { items: unknown[]; nextCursor: string | null } }>(
      `{ model(ref: "mixtral-8x7b") { id totalParameters activeParameters kvHeads sources { verified } } models(family: "gemma-3", limit: 2) { items { id } nextCursor } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.model).toMatchObject({
      id: 'mixtral-8x7b-instruct-v0.1',
      totalParameters: 46.7e9,
      activeParameters: 12.9e9,
      kvHeads: 8,
    });
    expect(res.data!.models.items).toHaveLength(2);
    expect(res.data!.models.nextCursor).not.toBeNull();
    const bad = await t.gql(`{ model(ref: "no-such-model-xyz") { id } }`);
    expect(bad.errors![0].extensions.code).toBe('MODEL_NOT_FOUND');
  });

  it('admin writes add custom entries as new data versions; seed rows are read-only', async () => {
    const body = {
      id: 'acme-chat-13b',
      name: 'Acme Chat 13B',
      family: 'acme',
      vendor: 'Acme',
      totalParameters: 13e9,
      layers: 40,
      hiddenSize: 5120,
      attentionHeads: 40,
      kvHeads: 8,
    };
    await t.http.post('/v1/models').send(body).expect(401);
    const created = await t.http.post('/v1/models').set(admin).send(body).expect(201);
    expect(created.body).toMatchObject({ id: 'acme-chat-13b', seed: false, headDim: 128, architecture: 'dense' });
    expect(created.body.dataVersion).not.toMatch(/^seed-/);
    await t.http.get('/v1/models/Acme%20Chat%2013B').expect(200);
    const clash = await t.http
      .post('/v1/models')
      .set(admin)
      .send({ ...body, id: 'acme-other', aliases: ['Llama-3.1-8B'] })
      .expect(409);
    expect(clash.body.error.code).toBe('MODEL_ALIAS_TAKEN');
    const ro = await t.http.delete('/v1/models/llama-3.1-8b-instruct').set(admin).expect(403);
    expect(ro.body.error.code).toBe('SEED_MODEL_READ_ONLY');
    await t.http.delete('/v1/models/acme-chat-13b').set(admin).expect(200);
    await t.http.get('/v1/models/acme-chat-13b').expect(404);
    const bad = await t.http
      .post('/v1/models')
      .set(admin)
      .send({ ...body, totalParameters: -1 })
      .expect(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('hardware answers memoryBandwidthGBps on both transports', async () => {
    const h = await t.http.get('/v1/hardware/nvidia-h100-sxm5-80gb').expect(200);
    expect(h.body).toMatchObject({ memoryGb: 80, memoryBandwidthGBps: 3350 });
    const g = await t.gql<{ hardware: Record<string, unknown> }>(`{ hardware(ref: "B200") { id memoryGb memoryBandwidthGBps } }`);
    expect(g.data!.hardware).toMatchObject({ memoryBandwidthGBps: 7700 });
  });
});
