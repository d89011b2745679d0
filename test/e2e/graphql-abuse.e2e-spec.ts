import type { AddressInfo } from 'node:net';
import { createTestApp, type TestApp } from '../utils/test-app';

const LIMIT_CODES = ['GRAPHQL_ALIAS_LIMIT', 'GRAPHQL_DOCUMENT_TOO_LARGE', 'GRAPHQL_COST_LIMIT', 'GRAPHQL_DEPTH_LIMIT'];
const LOCATION = { zone: 'FR' };
const ITEM = '{ hardware: { ref: "nvidia-h100-sxm5-80gb", count: 8 }, hours: 100, location: { zone: "FR" } }';

/** The documents: 600 aliases of estimateBatch (about 195 KB) and 1,000 aliases of hardware. */
function batchAliasDocument(): string {
  const items = Array.from({ length: 5 }, () => ITEM).join(', ');
  const aliases = Array.from({ length: 600 }, (_, i) => `b${i}: estimateBatch(items: [${items}]) { ok estimate { co2eKg energyKwh } }`);
  return `query Abuse { ${aliases.join('\n')} }`;
}
function hardwareAliasDocument(): string {
  return `query Abuse { ${Array.from({ length: 1000 }, (_, i) => `h${i}: hardware(ref: "nvidia h100 sxm5 variant ${i}") { id name }`).join('\n')} }`;
}

interface GqlAnswer {
  status: number;
  body: { data?: unknown; errors?: { extensions: { code: string; status: number; details: unknown[] } }[] };
}

/** The app listens on a port of its own: concurrent requests (the abuse and the /health/live probe) on real sockets. */
async function listen(t: TestApp): Promise<string> {
  await t.app.listen(0, '127.0.0.1');
  return `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
}
const bases = new WeakMap<TestApp, string>();

async function post(t: TestApp, body: unknown): Promise<GqlAnswer> {
  const res = await fetch(`${bases.get(t)}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as GqlAnswer['body'] };
}

function p99(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)];
}

describe('GraphQL: bounded documents (default limits)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    bases.set(t, await listen(t));
  }, 180000);
  afterAll(async () => t.close());

  it('refuses the abuse documents with coded 400s while /health/live stays fast (p99 < 100 ms)', async () => {
    const docs = [batchAliasDocument(), hardwareAliasDocument()];
    expect(docs[0].length).toBeGreaterThan(150_000);
    let done = false;
    const latencies: number[] = [];
    const probe = (async () => {
      while (!done) {
        const t0 = performance.now();
        expect((await fetch(`${bases.get(t)}/health/live`)).status).toBe(200);
        latencies.push(performance.now() - t0);
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    const answers: GqlAnswer[] = [];
    for (let round = 0; round < 10; round++) for (const query of docs) answers.push(await post(t, { query }));
    done = true;
    await probe;
    for (const a of answers) {
      expect(a.status).toBe(400);
      expect(LIMIT_CODES).toContain(a.body.errors![0].extensions.code);
      expect(a.body.errors![0].extensions.status).toBe(400);
    }
    expect(latencies.length).toBeGreaterThan(10);
    expect(p99(latencies)).toBeLessThan(100);
  }, 120000);

  it('counts list sizes: 20 aliases of a 1,000-item batch cost over the limit (400 GRAPHQL_COST_LIMIT)', async () => {
    const items = Array.from({ length: 1000 }, () => ({ hardware: { ref: 'nvidia-h100-sxm5-80gb', count: 8 }, hours: 100, location: LOCATION }));
    const query = `query($items: [EstimateInput!]!) { ${Array.from({ length: 20 }, (_, i) => `b${i}: estimateBatch(items: $items) { ok estimate { co2eKg } }`).join(' ')} }`;
    const a = await post(t, { query, variables: { items } });
    expect(a.status).toBe(400);
    expect(a.body.errors![0].extensions).toMatchObject({ code: 'GRAPHQL_COST_LIMIT', status: 400 });
    // one batch (of 200 items: well within the 1 s budget even on a loaded machine) is within the limit
    const one = await post(t, { query: `query($items: [EstimateInput!]!) { estimateBatch(items: $items) { ok } }`, variables: { items: items.slice(0, 200) } });
    expect({ status: one.status, errors: one.body.errors }).toEqual({ status: 200, errors: undefined });
    expect((one.body.data as { estimateBatch: unknown[] }).estimateBatch).toHaveLength(200);
  }, 60000);

  it('refuses 400 aliases that fit the size limits by the alias limit, without validating them', async () => {
    const query = `{ ${Array.from({ length: 400 }, (_, i) => `h${i}: hardware(ref: "x") { id }`).join(' ')} }`;
    const t0 = performance.now();
    const a = await post(t, { query });
    expect([a.status, a.body.errors![0].extensions.code]).toEqual([400, 'GRAPHQL_ALIAS_LIMIT']);
    expect(performance.now() - t0).toBeLessThan(1000);
  }, 30000);

  it('answers subscriptions and unknown persisted queries with coded 400s', async () => {
    const sub = await post(t, { query: 'subscription { dataVersions { id } }' });
    expect(sub.status).toBe(400);
    expect(sub.body.errors![0].extensions).toMatchObject({ code: 'GRAPHQL_OPERATION_NOT_SUPPORTED', status: 400 });
    const pq = await post(t, { extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } });
    expect(pq.status).toBeLessThan(500); // 200, as the automatic persisted query protocol has it
    expect(pq.body.errors![0].extensions).toMatchObject({ code: 'PERSISTED_QUERY_NOT_FOUND', status: 400 });
    const mismatch = await post(t, { query: '{ dataVersions { id } }', extensions: { persistedQuery: { version: 1, sha256Hash: 'b'.repeat(64) } } });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.errors![0].extensions).toMatchObject({ code: 'PERSISTED_QUERY_HASH_MISMATCH', status: 400 });
  }, 30000);

  it('keeps introspection on by default (the explorer needs it)', async () => {
    const a = await post(t, { query: '{ __schema { queryType { name } } }' });
    expect(a.status).toBe(200);
  }, 30000);
});

describe('GraphQL: each limit is configurable', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ GRAPHQL_MAX_DEPTH: '3', GRAPHQL_MAX_TOKENS: '200', GRAPHQL_MAX_ALIASES: '2', GRAPHQL_INTROSPECTION: 'false', GRAPHQL_REQUEST_BUDGET_MS: '10', GRAPHQL_MAX_COST: '1000000' });
    bases.set(t, await listen(t));
  }, 180000);
  afterAll(async () => t.close());

  it('depth, aliases, tokens and introspection answer 400 with their codes', async () => {
    const deep = await post(t, { query: '{ runs { items { estimate { energyKwh } } } }' });
    expect([deep.status, deep.body.errors![0].extensions.code]).toEqual([400, 'GRAPHQL_DEPTH_LIMIT']);
    const shallow = await post(t, { query: '{ dataVersions { id } }' });
    expect(shallow.status).toBe(200);
    const aliases = await post(t, { query: '{ a: dataVersions { id } b: dataVersions { id } c: dataVersions { id } }' });
    expect([aliases.status, aliases.body.errors![0].extensions.code]).toEqual([400, 'GRAPHQL_ALIAS_LIMIT']);
    const big = await post(t, { query: `{ ${Array.from({ length: 100 }, () => 'dataVersions { id }').join(' ')} }` }); // 400 tokens > 200
    expect([big.status, big.body.errors![0].extensions.code]).toEqual([400, 'GRAPHQL_DOCUMENT_TOO_LARGE']);
    const intro = await post(t, { query: '{ __schema { queryType { name } } }' });
    expect(intro.status).toBe(400);
    expect(intro.body.errors![0].extensions.code).toBe('VALIDATION_FAILED');
  }, 30000);

  it('stops a request that used its wall-time budget (GRAPHQL_BUDGET_EXCEEDED)', async () => {
    const items = Array.from({ length: 1000 }, (_, i) => ({ hardware: { ref: 'nvidia-h100-sxm5-80gb', count: 1 + (i % 8) }, hours: 1 + i, location: LOCATION }));
    const a = await post(t, { query: `query($items: [EstimateInput!]!) { a: estimateBatch(items: $items) { ok estimate { co2eKg } } b: estimateBatch(items: $items) { ok estimate { co2eKg } } }`, variables: { items } });
    expect(a.status).toBeLessThan(500);
    const codes = (a.body.errors ?? []).map((e) => `${e.extensions.code}: ${(e as { message?: string }).message}`);
    expect(codes.filter((c) => c.startsWith('GRAPHQL_BUDGET_EXCEEDED'))).toHaveLength(1);
    expect(codes.filter((c) => !c.startsWith('GRAPHQL_BUDGET_EXCEEDED'))).toEqual([]);
  }, 60000);
});
