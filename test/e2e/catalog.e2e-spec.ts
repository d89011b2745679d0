import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CatalogService } from '../../src/catalog/catalog.service';
import type { HardwareRecord } from '../../src/catalog/domain/hardware.types';
import { createTestApp, type TestApp } from '../utils/test-app';

const ROOT = join(__dirname, '..', '..');
const ADMIN_KEY = 'test-admin-key-0123456789abcdef-0123';
const admin = { authorization: `Bearer ${ADMIN_KEY}` };

interface HardwareBody {
  id: string;
  name: string;
  vendor: string;
  kind: string;
  aliases: string[];
  tdpW: number;
  idleW: number;
  embodiedKgCo2e: number;
  peakTflops: Record<string, number | null>;
  sources: { fields: string[]; name: string; url: string; license: string }[];
  seed: boolean;
  dataVersion: string;
  resolvedFrom: { input: string; family: string | null; defaultVariant: string | null; alternatives: string[] } | null;
  warnings: string[];
}
interface Page {
  items: HardwareBody[];
  nextCursor: string | null;
}
type Detail = { path?: string; message: string; id?: string; score?: number };

const HW_FIELDS =
  'id name vendor kind aliases tdpW idleW seed dataVersion peakTflops { bf16 } resolvedFrom { family defaultVariant alternatives } warnings';

/** A valid custom entry with overridable fields. */
const hardwareInput = (overrides: Record<string, unknown> = {}) => ({
  id: 'acme-x1-96gb',
  name: 'ACME X1 96GB',
  vendor: 'ACME',
  kind: 'accelerator',
  aliases: ['ACME-X1-96G', 'X1 Ninety Six'],
  tdpW: 550,
  memoryGb: 96,
  releaseYear: 2025,
  peakTflops: { bf16: 800, fp8: 1600 },
  ...overrides,
});

describe('hardware catalog (REST + GraphQL, real database)', () => {
  let t: TestApp;
  let read: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp({ BOOTSTRAP_ADMIN_KEY: ADMIN_KEY });
    const key = await t.http
      .post('/v1/api-keys')
      .set(admin)
      .send({ name: 'catalog-reader', tenant: 'default', scopes: ['read', 'write'] })
      .expect(201);
    read = { authorization: `Bearer ${key.body.key}` };
  });
  afterAll(async () => t?.close());

  async function allPages(query: string, limit = 500): Promise<HardwareBody[]> {
    const out: HardwareBody[] = [];
    let cursor: string | null = null;
    for (let guard = 0; guard < 1000; guard++) {
      const res = await t.http.get(`/v1/hardware?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`).expect(200);
      const page = res.body as Page;
      out.push(...page.items);
      cursor = page.nextCursor;
      if (!cursor) return out;
    }
    throw new Error('pagination did not end');
  }

  describe('contents', () => {
    it('holds at least 120 GPUs, 6 TPU generations and 500 CPUs, each with licensed sources', async () => {
      const gpus = await allPages('kind=gpu');
      const tpus = await allPages('kind=tpu');
      const cpus = await allPages('kind=cpu');
      expect(gpus.length).toBeGreaterThanOrEqual(120);
      expect(cpus.length).toBeGreaterThanOrEqual(500);
      const generations = new Set(tpus.map((r) => /tpu-v(\d)/.exec(r.id)?.[1]).filter(Boolean));
      expect(generations.size).toBeGreaterThanOrEqual(6);
      for (const row of [...gpus, ...tpus, ...cpus]) {
        expect(row.sources.length).toBeGreaterThan(0);
        for (const s of row.sources) expect(s.license.length).toBeGreaterThan(0);
        expect(row.seed).toBe(true);
        expect(Number.isFinite(row.tdpW) && row.tdpW > 0).toBe(true);
      }
    });

    it('answers the documented Hardware shape', async () => {
      const res = await t.http.get('/v1/hardware/nvidia-h100-sxm5-80gb').expect(200);
      expect(Object.keys(res.body)).toEqual(
        expect.arrayContaining([
          'id',
          'name',
          'vendor',
          'kind',
          'aliases',
          'tdpW',
          'idleW',
          'memoryGb',
          'releaseYear',
          'peakTflops',
          'embodiedKgCo2e',
          'sources',
        ]),
      );
      expect(Object.keys(res.body.peakTflops).sort()).toEqual(['bf16', 'fp16', 'fp32', 'fp64', 'fp8', 'int8', 'tf32']);
      expect(res.body.sources[0]).toEqual(
        expect.objectContaining({
          fields: expect.any(Array),
          name: expect.any(String),
          url: expect.any(String),
          license: expect.any(String),
        }),
      );
      expect(res.body.resolvedFrom).toBeNull();
      expect(res.body.warnings).toEqual([]);
    });
  });

  describe('resolution by name', () => {
    const casesPath = join(ROOT, 'validation', 'published-training-cases.json');
    const published = (JSON.parse(readFileSync(casesPath, 'utf8')) as { request: { hardware?: { ref?: string } } }[])
      .map((c) => c.request.hardware?.ref)
      .filter((r): r is string => !!r);
    const validationRefs = [
      ...new Set(['TPU v3', 'TPU v2', 'NVIDIA V100', 'NVIDIA P100', 'NVIDIA A100-80GB', 'NVIDIA A100 SXM4 80GB', ...published]),
    ];

    it.each(validationRefs)('resolves the published validation case ref %j', async (ref) => {
      const res = await t.http.get(`/v1/hardware/${encodeURIComponent(ref)}`).expect(200);
      expect(res.body.id).toMatch(/^[a-z0-9.-]+$/);
    });

    it.each([
      // nvidia-smi
      ['Tesla V100-SXM2-16GB', 'nvidia-v100-sxm2-16gb'],
      ['NVIDIA A100-SXM4-80GB', 'nvidia-a100-sxm4-80gb'],
      ['NVIDIA H100 80GB HBM3', 'nvidia-h100-sxm5-80gb'],
      // model cards
      ['H100-80GB', 'nvidia-h100-sxm5-80gb'],
      ['A100-80GB', 'nvidia-a100-sxm4-80gb'],
      ['NVIDIA A100 SXM4 80GB', 'nvidia-a100-sxm4-80gb'],
      // papers
      ['TPU v3', 'google-tpu-v3'],
      ['tpu-V3', 'google-tpu-v3'],
      ['NVIDIA V100', 'nvidia-v100-sxm2-16gb'],
      ['P100', 'nvidia-p100-pcie-16gb'],
      // ids, any case
      ['NVIDIA-T4', 'nvidia-t4'],
      ['nvidia-h100-sxm5-80gb', 'nvidia-h100-sxm5-80gb'],
    ])('GET /v1/hardware/%j -> %s', async (ref, id) => {
      const res = await t.http.get(`/v1/hardware/${encodeURIComponent(ref)}`).expect(200);
      expect(res.body.id).toBe(id);
    });

    it('resolves every alias the accelerator data declares, over HTTP', async () => {
      const rows = JSON.parse(readFileSync(join(ROOT, 'seed', 'hardware.json'), 'utf8')) as HardwareRecord[];
      const misses: string[] = [];
      for (const row of rows) {
        for (const alias of [row.name, ...row.aliases]) {
          const res = await t.http.get(`/v1/hardware/${encodeURIComponent(alias)}`);
          if (res.status !== 200 || res.body.id !== row.id)
            misses.push(`${alias} -> ${res.status} ${res.body.id ?? res.body.error?.code}`);
        }
      }
      expect(misses).toEqual([]);
    });

    it('resolves every CPU name and alias through the service (no database round trip)', () => {
      const catalog = t.app.get(CatalogService);
      const rows = JSON.parse(readFileSync(join(ROOT, 'seed', 'cpus.json'), 'utf8')) as HardwareRecord[];
      const misses = rows.flatMap((row) =>
        [row.id, row.name, ...row.aliases].filter((s) => catalog.find(s)?.hardware.id !== row.id).map((s) => `${s} (${row.id})`),
      );
      expect(misses).toEqual([]);
    });

    it.each([
      ['V100 SXM2 is 300 W', 'Tesla V100-SXM2-16GB', 'tdpW', 300],
      ['V100 PCIe is 250 W', 'Tesla V100-PCIE-16GB', 'tdpW', 250],
      ['H100 SXM dense BF16 is 989.4 TFLOP/s (not 1979)', 'H100 SXM', 'bf16', 989.4],
      ['T4 is 70 W', 'Tesla T4', 'tdpW', 70],
      ['A100 SXM 80GB is 400 W', 'NVIDIA A100-SXM4-80GB', 'tdpW', 400],
      ['A100 SXM 40GB is 400 W', 'NVIDIA A100-SXM4-40GB', 'tdpW', 400],
    ])('facts sources get wrong: %s', async (_label, ref, field, expected) => {
      const res = await t.http.get(`/v1/hardware/${encodeURIComponent(ref)}`).expect(200);
      const value = field === 'bf16' ? res.body.peakTflops.bf16 : res.body[field];
      expect(value).toBeCloseTo(expected, 6);
    });

    it('resolves a bare family to its default variant and says so', async () => {
      const res = await t.http.get('/v1/hardware/H100').expect(200);
      const body = res.body as HardwareBody;
      expect(body.id).toBe('nvidia-h100-sxm5-80gb');
      expect(body.resolvedFrom).toEqual(
        expect.objectContaining({ input: 'H100', family: 'H100', defaultVariant: 'nvidia-h100-sxm5-80gb' }),
      );
      expect(body.resolvedFrom!.alternatives).toEqual(expect.arrayContaining(['nvidia-h100-pcie-80gb', 'nvidia-h100-nvl-94gb']));
      expect(body.warnings).toHaveLength(1);
      expect(body.warnings[0]).toContain('nvidia-h100-pcie-80gb');
    });

    it('answers an unknown name with 404 HARDWARE_NOT_FOUND and close matches', async () => {
      const res = await t.http.get('/v1/hardware/NVIDIA%20H100%20SXM6%2080GB').expect(404);
      expect(res.body.error.code).toBe('HARDWARE_NOT_FOUND');
      const details = res.body.error.details as Detail[];
      expect(details.length).toBeGreaterThan(0);
      expect(details.map((d) => d.id)).toContain('nvidia-h100-sxm5-80gb');
      for (const d of details) expect(d).toEqual({ id: expect.any(String), name: expect.any(String), score: expect.any(Number) });
    });
  });

  describe('list', () => {
    it('walks every page of kind=gpu with no duplicates or gaps, ordered by id', async () => {
      const whole = (await t.http.get('/v1/hardware?kind=gpu&limit=500').expect(200)).body as Page;
      expect(whole.nextCursor).toBeNull();
      const paged = await allPages('kind=gpu', 17);
      const ids = paged.map((r) => r.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual(whole.items.map((r) => r.id));
      expect([...ids].sort()).toEqual(ids);
      expect(paged.every((r) => r.kind === 'gpu')).toBe(true);
    });

    it('defaults to 50 items with an opaque next cursor', async () => {
      const page = (await t.http.get('/v1/hardware').expect(200)).body as Page;
      expect(page.items).toHaveLength(50);
      expect(typeof page.nextCursor).toBe('string');
      expect(page.nextCursor).not.toContain(page.items[49].id);
    });

    it('filters by vendor (case-insensitive) and free text over names and aliases', async () => {
      const nvidia = await allPages('vendor=nvidia');
      expect(nvidia.length).toBeGreaterThan(50);
      expect(nvidia.every((r) => r.vendor === 'NVIDIA')).toBe(true);
      const a100 = (await t.http.get('/v1/hardware?q=A100%2080GB').expect(200)).body as Page;
      expect(a100.items.map((r) => r.id)).toEqual(expect.arrayContaining(['nvidia-a100-sxm4-80gb', 'nvidia-a100-pcie-80gb']));
      expect(a100.items.map((r) => r.id)).not.toContain('nvidia-a100-sxm4-40gb');
      const hbm3 = (await t.http.get('/v1/hardware?q=hbm3&kind=gpu').expect(200)).body as Page;
      expect(hbm3.items.map((r) => r.id)).toContain('nvidia-h100-sxm5-80gb'); // via the alias "NVIDIA H100 80GB HBM3"
      const none = (await t.http.get('/v1/hardware?q=no-such-device-zzz').expect(200)).body as Page;
      expect(none).toEqual({ items: [], nextCursor: null });
    });
  });

  describe('bad input is 400 VALIDATION_FAILED with field paths, never 500', () => {
    it.each([
      ['limit=0', 'limit'],
      ['limit=501', 'limit'],
      ['limit=abc', 'limit'],
      ['limit=1.5', 'limit'],
      ['kind=fpga', 'kind'],
      ['kind=gpu&kind=cpu', 'kind'],
      ['cursor=%21%21%21', 'cursor'],
      [`cursor=${Buffer.from('not-a-cursor').toString('base64url')}`, 'cursor'],
      [`q=${'x'.repeat(201)}`, 'q'],
      ['unknown=1', 'unknown'],
    ])('GET /v1/hardware?%s', async (query, path) => {
      const res = await t.http.get(`/v1/hardware?${query}`).expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect((res.body.error.details as Detail[]).map((d) => d.path)).toContain(path);
    });

    it('a huge ref or id: 400 with the path up to 500 characters, 414 URI_TOO_LONG beyond (refused by the router), never 500', async () => {
      for (const res of [
        await t.http.get(`/v1/hardware/${'a'.repeat(201)}`),
        await t.http.delete(`/v1/hardware/${'z'.repeat(201)}`).set(admin),
      ]) {
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe('VALIDATION_FAILED');
      }
      const huge = await t.http.get(`/v1/hardware/${'a'.repeat(5000)}`);
      expect(huge.status).toBe(414);
      expect(huge.body.error.code).toBe('URI_TOO_LONG');
      const badUrl = await t.http.get('/v1/hardware/%E0%A4%A');
      expect(badUrl.status).toBe(400);
      expect(badUrl.body.error.code).toBe('VALIDATION_FAILED');
      const gql = await t.gql(`query($r: String!) { hardware(ref: $r) { id } }`, { r: 'a'.repeat(201) });
      expect(gql.errors?.[0].extensions.code).toBe('VALIDATION_FAILED');
      expect(gql.errors![0].extensions.details[0].path).toBe('ref');
    });

    it.each([
      ['no body fields', {}, ['name', 'vendor', 'kind', 'tdpW']],
      ['negative TDP', hardwareInput({ tdpW: -5 }), ['tdpW']],
      ['zero TDP', hardwareInput({ tdpW: 0 }), ['tdpW']],
      ['absurd TDP', hardwareInput({ tdpW: 20000 }), ['tdpW']],
      ['TDP as a string', hardwareInput({ tdpW: '300' }), ['tdpW']],
      ['unknown kind', hardwareInput({ kind: 'fpga' }), ['kind']],
      ['huge name', hardwareInput({ name: 'x'.repeat(201) }), ['name']],
      ['name of the wrong type', hardwareInput({ name: 42 }), ['name']],
      ['too many aliases', hardwareInput({ aliases: Array.from({ length: 51 }, (_, i) => `alias ${i}`) }), ['aliases']],
      ['huge alias', hardwareInput({ aliases: ['y'.repeat(201)] }), ['aliases']],
      ['aliases not a list', hardwareInput({ aliases: 'X1' }), ['aliases']],
      ['negative peak', hardwareInput({ peakTflops: { bf16: -1 } }), ['peakTflops.bf16']],
      ['unknown precision', hardwareInput({ peakTflops: { fp4: 1 } }), ['peakTflops.fp4']],
      ['bad source', hardwareInput({ sources: [{ name: 'x' }] }), ['sources.0.fields', 'sources.0.url', 'sources.0.license']],
      ['unknown field', hardwareInput({ watts: 3 }), ['watts']],
      ['bad id', hardwareInput({ id: 'Not A Slug' }), ['id']],
      ['idle above TDP', hardwareInput({ idleW: 600 }), ['idleW']],
      ['release year as text', hardwareInput({ releaseYear: 'recent' }), ['releaseYear']],
    ])('POST /v1/hardware: %s', async (_label, body, paths) => {
      const res = await t.http.post('/v1/hardware').set(admin).send(body).expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect((res.body.error.details as Detail[]).map((d) => d.path)).toEqual(expect.arrayContaining(paths));
    });

    it('POST /v1/hardware: infinite TDP (1e400 in the JSON) and a non-object body', async () => {
      const inf = await t.http
        .post('/v1/hardware')
        .set(admin)
        .set('content-type', 'application/json')
        .send(JSON.stringify(hardwareInput()).replace('"tdpW":550', '"tdpW":1e400'))
        .expect(400);
      expect(inf.body.error.code).toBe('VALIDATION_FAILED');
      expect(inf.body.error.details.map((d: Detail) => d.path)).toContain('tdpW');
      const arr = await t.http.post('/v1/hardware').set(admin).send([hardwareInput()]);
      expect(arr.status).toBe(400);
      expect(arr.body.error.code).toBe('VALIDATION_FAILED');
      const bad = await t.http.post('/v1/hardware').set(admin).set('content-type', 'application/json').send('{"name":');
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe('MALFORMED_JSON');
    });

    it.each([
      ['negative TDP', { tdpW: -1 }, 'tdpW'],
      ['null name', { name: null }, 'name'],
      ['unknown kind', { kind: 'quantum' }, 'kind'],
      ['huge vendor', { vendor: 'v'.repeat(101) }, 'vendor'],
      ['unknown field', { id: 'other-id' }, 'id'],
    ])('PATCH /v1/hardware/{id}: %s', async (_label, body, path) => {
      const res = await t.http.patch('/v1/hardware/nvidia-t4').set(admin).send(body).expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect((res.body.error.details as Detail[]).map((d) => d.path)).toContain(path);
    });

    it.each([
      ['hardwareList(limit: 0)', `{ hardwareList(limit: 0) { items { id } } }`, 'limit'],
      ['hardwareList(limit: 501)', `{ hardwareList(limit: 501) { items { id } } }`, 'limit'],
      ['hardwareList(cursor: "bad!")', `{ hardwareList(cursor: "bad!") { items { id } } }`, 'cursor'],
      ['hardwareList(kind: fpga)', `{ hardwareList(kind: fpga) { items { id } } }`, null],
      ['hardwareList(limit: "ten")', `{ hardwareList(limit: "ten") { items { id } } }`, null],
      ['hardware(ref: "")', `{ hardware(ref: "") { id } }`, 'ref'],
    ])('GraphQL %s', async (_label, query, path) => {
      const res = await t.gql(query);
      expect(res.errors?.[0].extensions.code).toBe('VALIDATION_FAILED');
      if (path) expect(res.errors![0].extensions.details.map((d) => d.path)).toContain(path);
    });

    it('GraphQL upsertHardware with a negative TDP, an unknown kind or a huge name', async () => {
      const mutation = `mutation($i: HardwareInput!) { upsertHardware(input: $i) { id } }`;
      const neg = await t.gql(mutation, { i: hardwareInput({ tdpW: -1 }) }, admin);
      expect(neg.errors?.[0].extensions.code).toBe('VALIDATION_FAILED');
      expect(neg.errors![0].extensions.details.map((d) => d.path)).toContain('tdpW');
      const kind = await t.gql(mutation, { i: hardwareInput({ kind: 'fpga' }) }, admin);
      expect(kind.errors?.[0].extensions.code).toBe('VALIDATION_FAILED');
      const huge = await t.gql(mutation, { i: hardwareInput({ name: 'n'.repeat(5000) }) }, admin);
      expect(huge.errors?.[0].extensions.code).toBe('VALIDATION_FAILED');
      expect(huge.errors![0].extensions.details.map((d) => d.path)).toContain('name');
      const wrongType = await t.gql(mutation, { i: hardwareInput({ tdpW: 'hot' }) }, admin);
      expect(wrongType.errors?.[0].extensions.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('admin scope', () => {
    it.each([
      ['POST', '/v1/hardware'],
      ['PATCH', '/v1/hardware/acme-x1-96gb'],
      ['DELETE', '/v1/hardware/acme-x1-96gb'],
    ])('%s %s: 401 without a key, 403 with a read/write key', async (method, path) => {
      const send = (headers: Record<string, string>) => {
        const req = method === 'POST' ? t.http.post(path) : method === 'PATCH' ? t.http.patch(path) : t.http.delete(path);
        return req.set(headers).send(method === 'DELETE' ? undefined : hardwareInput());
      };
      const anon = await send({});
      expect(anon.status).toBe(401);
      expect(anon.body.error.code).toBe('UNAUTHENTICATED');
      const reader = await send(read);
      expect(reader.status).toBe(403);
      expect(reader.body.error.code).toBe('FORBIDDEN');
    });

    it('GraphQL mutations: UNAUTHENTICATED without a key, FORBIDDEN with a read/write key', async () => {
      const upsert = `mutation($i: HardwareInput!) { upsertHardware(input: $i) { id } }`;
      const del = `mutation { deleteHardware(id: "acme-x1-96gb") { id } }`;
      expect((await t.gql(upsert, { i: hardwareInput() })).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
      expect((await t.gql(upsert, { i: hardwareInput() }, read)).errors?.[0].extensions.code).toBe('FORBIDDEN');
      expect((await t.gql(del)).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
      expect((await t.gql(del, {}, read)).errors?.[0].extensions.code).toBe('FORBIDDEN');
    });

    it('reads need no key', async () => {
      await t.http.get('/v1/hardware?limit=1').expect(200);
      await t.http.get('/v1/hardware/TPU%20v3').expect(200);
      const res = await t.gql(`{ hardware(ref: "TPU v3") { id } }`);
      expect(res.data).toEqual({ hardware: { id: 'google-tpu-v3' } });
    });
  });

  describe('custom entries (admin writes)', () => {
    afterAll(async () => {
      for (const id of ['acme-x1-96gb', 'acme-x2', 'acme-defaults']) await t.http.delete(`/v1/hardware/${id}`).set(admin);
    });

    it('creates an entry that resolves by alias at once and is a new data version', async () => {
      const created = await t.http.post('/v1/hardware').set(admin).send(hardwareInput()).expect(201);
      const body = created.body as HardwareBody;
      expect(body).toEqual(expect.objectContaining({ id: 'acme-x1-96gb', seed: false, tdpW: 550, kind: 'accelerator' }));
      expect(body.dataVersion).toMatch(/^admin-/);
      expect(body.peakTflops).toEqual({ fp64: null, fp32: null, tf32: null, fp16: null, bf16: 800, fp8: 1600, int8: null });

      const byAlias = await t.http.get('/v1/hardware/acme%20x1%2096g').expect(200);
      expect(byAlias.body.id).toBe('acme-x1-96gb');
      expect(t.app.get(CatalogService).resolve('X1-NINETY-SIX').hardware.tdpW).toBe(550);

      const versions = await t.http.get('/v1/data-versions').expect(200);
      expect(versions.body.items[0]).toEqual(expect.objectContaining({ id: body.dataVersion, kind: 'admin' }));

      const listed = (await t.http.get('/v1/hardware?q=acme').expect(200)).body as Page;
      expect(listed.items.map((r) => r.id)).toContain('acme-x1-96gb');
    });

    it('refuses a taken id (409 HARDWARE_ID_TAKEN) and a taken alias (409 HARDWARE_ALIAS_TAKEN)', async () => {
      const again = await t.http.post('/v1/hardware').set(admin).send(hardwareInput()).expect(409);
      expect(again.body.error.code).toBe('HARDWARE_ID_TAKEN');
      const seedId = await t.http
        .post('/v1/hardware')
        .set(admin)
        .send(hardwareInput({ id: 'nvidia-t4' }))
        .expect(409);
      expect(seedId.body.error.code).toBe('HARDWARE_ID_TAKEN');
      const alias = await t.http
        .post('/v1/hardware')
        .set(admin)
        .send(hardwareInput({ id: 'acme-x2', aliases: ['H100-80GB'] }))
        .expect(409);
      expect(alias.body.error.code).toBe('HARDWARE_ALIAS_TAKEN');
      const family = await t.http
        .post('/v1/hardware')
        .set(admin)
        .send(hardwareInput({ id: 'acme-x2', name: 'H100', aliases: [] }))
        .expect(409);
      expect(family.body.error.code).toBe('HARDWARE_ALIAS_TAKEN');
    });

    it('fills documented defaults and records them as a source', async () => {
      const res = await t.http
        .post('/v1/hardware')
        .set(admin)
        .send({ name: 'ACME Defaults', vendor: 'ACME', kind: 'gpu', tdpW: 300 })
        .expect(201);
      expect(res.body.id).toBe('acme-defaults');
      expect(res.body.idleW).toBeCloseTo(33, 6);
      expect(res.body.embodiedKgCo2e).toBe(150);
      expect(res.body.sources.map((s: { name: string }) => s.name)).toEqual([
        'custom entry (admin API)',
        'ai-emissions-api default',
      ]);
    });

    it('patches a custom entry; the change is visible at once', async () => {
      const res = await t.http
        .patch('/v1/hardware/acme-x1-96gb')
        .set(admin)
        .send({ tdpW: 600, peakTflops: { fp8: null }, memoryGb: null })
        .expect(200);
      expect(res.body.tdpW).toBe(600);
      expect(res.body.memoryGb).toBeNull();
      expect(res.body.peakTflops.bf16).toBe(800);
      expect(res.body.peakTflops.fp8).toBeNull();
      expect((await t.http.get('/v1/hardware/ACME-X1-96G').expect(200)).body.tdpW).toBe(600);
      const tooIdle = await t.http.patch('/v1/hardware/acme-x1-96gb').set(admin).send({ idleW: 700 }).expect(400);
      expect(tooIdle.body.error.details[0].path).toBe('idleW');
    });

    it('keeps seed rows read-only: PATCH and DELETE answer 403 SEED_HARDWARE_READ_ONLY', async () => {
      const patch = await t.http.patch('/v1/hardware/nvidia-t4').set(admin).send({ tdpW: 75 }).expect(403);
      expect(patch.body.error.code).toBe('SEED_HARDWARE_READ_ONLY');
      const del = await t.http.delete('/v1/hardware/nvidia-t4').set(admin).expect(403);
      expect(del.body.error.code).toBe('SEED_HARDWARE_READ_ONLY');
      expect((await t.http.get('/v1/hardware/nvidia-t4').expect(200)).body.tdpW).toBe(70);
    });

    it('answers 404 HARDWARE_NOT_FOUND for PATCH/DELETE of an unknown id', async () => {
      expect((await t.http.patch('/v1/hardware/no-such-thing').set(admin).send({ tdpW: 5 }).expect(404)).body.error.code).toBe(
        'HARDWARE_NOT_FOUND',
      );
      expect((await t.http.delete('/v1/hardware/no-such-thing').set(admin).expect(404)).body.error.code).toBe(
        'HARDWARE_NOT_FOUND',
      );
    });

    it('deletes a custom entry: gone at once, a new data version, and it can be created again', async () => {
      const del = await t.http.delete('/v1/hardware/acme-x1-96gb').set(admin).expect(200);
      expect(del.body.id).toBe('acme-x1-96gb');
      expect((await t.http.get('/v1/hardware/ACME-X1-96G').expect(404)).body.error.code).toBe('HARDWARE_NOT_FOUND');
      const versions = await t.http.get('/v1/data-versions').expect(200);
      expect(versions.body.items[0].description).toContain('acme-x1-96gb deleted');
      await t.http.delete('/v1/hardware/acme-x1-96gb').set(admin).expect(404);
      await t.http.post('/v1/hardware').set(admin).send(hardwareInput()).expect(201);
    });
  });

  describe('GraphQL', () => {
    afterAll(async () => {
      await t.http.delete('/v1/hardware/acme-gql-1').set(admin);
    });

    it('hardware(ref) resolves aliases and families like REST', async () => {
      const res = await t.gql<{ hardware: HardwareBody }>(`query($r: String!) { hardware(ref: $r) { ${HW_FIELDS} } }`, {
        r: 'A100',
      });
      expect(res.errors).toBeUndefined();
      expect(res.data!.hardware.id).toBe('nvidia-a100-sxm4-80gb');
      expect(res.data!.hardware.resolvedFrom!.defaultVariant).toBe('nvidia-a100-sxm4-80gb');
      expect(res.data!.hardware.warnings).toHaveLength(1);
      const h100 = await t.gql<{ hardware: HardwareBody }>(`{ hardware(ref: "NVIDIA H100 80GB HBM3") { ${HW_FIELDS} } }`);
      expect(h100.data!.hardware.peakTflops.bf16).toBeCloseTo(989.4, 6);
    });

    it('hardware(ref) for an unknown name: HARDWARE_NOT_FOUND with close matches', async () => {
      const res = await t.gql(`{ hardware(ref: "Tesla V101") { id } }`);
      expect(res.errors?.[0].extensions.code).toBe('HARDWARE_NOT_FOUND');
      expect(res.errors![0].extensions.details.length).toBeGreaterThan(0);
    });

    it('hardwareList matches REST, page by page', async () => {
      const q = `query($c: String) { hardwareList(kind: tpu, limit: 4, cursor: $c) { items { id kind } nextCursor } }`;
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const res: { data: { hardwareList: Page } | null; errors?: unknown } = await t.gql<{ hardwareList: Page }>(q, {
          c: cursor,
        });
        expect(res.errors).toBeUndefined();
        ids.push(...res.data!.hardwareList.items.map((r) => r.id));
        cursor = res.data!.hardwareList.nextCursor;
      } while (cursor);
      const rest = (await t.http.get('/v1/hardware?kind=tpu&limit=500').expect(200)).body as Page;
      expect(ids).toEqual(rest.items.map((r) => r.id));
    });

    it('upsertHardware creates, then replaces; deleteHardware removes; seed rows are read-only', async () => {
      const m = `mutation($i: HardwareInput!) { upsertHardware(input: $i) { ${HW_FIELDS} } }`;
      const input = hardwareInput({ id: 'acme-gql-1', name: 'ACME GQL One', aliases: ['GQL-1'], kind: 'gpu' });
      const created = await t.gql<{ upsertHardware: HardwareBody }>(m, { i: input }, admin);
      expect(created.errors).toBeUndefined();
      expect(created.data!.upsertHardware).toEqual(
        expect.objectContaining({ id: 'acme-gql-1', kind: 'gpu', tdpW: 550, seed: false }),
      );
      const replaced = await t.gql<{ upsertHardware: HardwareBody }>(m, { i: { ...input, tdpW: 450 } }, admin);
      expect(replaced.data!.upsertHardware.tdpW).toBe(450);
      expect(replaced.data!.upsertHardware.dataVersion).not.toBe(created.data!.upsertHardware.dataVersion);
      const got = await t.gql<{ hardware: HardwareBody }>(`{ hardware(ref: "gql 1") { id tdpW } }`);
      expect(got.data!.hardware).toEqual({ id: 'acme-gql-1', tdpW: 450 });

      const seed = await t.gql(m, { i: hardwareInput({ id: 'nvidia-t4', name: 'T4 but hotter', aliases: [] }) }, admin);
      expect(seed.errors?.[0].extensions.code).toBe('SEED_HARDWARE_READ_ONLY');
      const delSeed = await t.gql(`mutation { deleteHardware(id: "google-tpu-v3") { id } }`, {}, admin);
      expect(delSeed.errors?.[0].extensions.code).toBe('SEED_HARDWARE_READ_ONLY');

      const deleted = await t.gql<{ deleteHardware: { id: string } }>(
        `mutation { deleteHardware(id: "acme-gql-1") { id } }`,
        {},
        admin,
      );
      expect(deleted.data).toEqual({ deleteHardware: { id: 'acme-gql-1' } });
      const gone = await t.gql(`{ hardware(ref: "GQL-1") { id } }`);
      expect(gone.errors?.[0].extensions.code).toBe('HARDWARE_NOT_FOUND');
    });
  });
});
