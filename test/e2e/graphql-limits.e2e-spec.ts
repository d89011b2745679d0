import type { AddressInfo } from 'node:net';
import { createTestApp, type TestApp } from '../utils/test-app';

const LOCATION = { zone: 'FR' };

interface GqlAnswer {
  status: number;
  body: { data?: unknown; errors?: { extensions: { code: string; status: number; details: unknown[] } }[] };
}

/** The app listens on a port of its own (requests on real sockets). */
async function listen(t: TestApp): Promise<string> {
  await t.app.listen(0, '127.0.0.1');
  return `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
}
const bases = new WeakMap<TestApp, string>();

async function post(t: TestApp, body: unknown): Promise<GqlAnswer> {
  const res = await fetch(`${bases.get(t)}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as GqlAnswer['body'] };
}

describe('GraphQL: each limit is configurable', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      GRAPHQL_MAX_DEPTH: '3',
      GRAPHQL_MAX_TOKENS: '200',
      GRAPHQL_MAX_ALIASES: '2',
      GRAPHQL_INTROSPECTION: 'false',
      GRAPHQL_REQUEST_BUDGET_MS: '10',
      GRAPHQL_MAX_COST: '1000000',
    });
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
    const items = Array.from({ length: 1000 }, (_, i) => ({
      hardware: { ref: 'nvidia-h100-sxm5-80gb', count: 1 + (i % 8) },
      hours: 1 + i,
      location: LOCATION,
    }));
    const a = await post(t, {
      query: `query($items: [EstimateInput!]!) { a: estimateBatch(items: $items) { ok estimate { co2eKg } } b: estimateBatch(items: $items) { ok estimate { co2eKg } } }`,
      variables: { items },
    });
    expect(a.status).toBeLessThan(500);
    const codes = (a.body.errors ?? []).map((e) => `${e.extensions.code}: ${(e as { message?: string }).message}`);
    expect(codes.filter((c) => c.startsWith('GRAPHQL_BUDGET_EXCEEDED'))).toHaveLength(1);
    expect(codes.filter((c) => !c.startsWith('GRAPHQL_BUDGET_EXCEEDED'))).toEqual([]);
  }, 60000);
});
