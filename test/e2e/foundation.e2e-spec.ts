import { createTestApp, type TestApp } from '../utils/test-app';

describe('foundation: both transports, error model, operations', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ BODY_LIMIT_BYTES: String(64 * 1024) });
  });
  afterAll(async () => t.close());

  it('reports live and ready (database reachable, migrations applied)', async () => {
    await t.http.get('/health/live').expect(200, { status: 'ok' });
    const ready = await t.http.get('/health/ready').expect(200);
    expect(ready.body).toEqual({ status: 'ok', checks: { database: { ok: true }, migrations: { ok: true } } });
  });

  it('answers unknown routes with 404 NOT_FOUND in the error shape', async () => {
    const res = await t.http.get('/v1/does-not-exist').expect(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
    expect(Array.isArray(res.body.error.details)).toBe(true);
  });

  it.each([
    ['{bad json', 'MALFORMED_JSON'],
    ['{"a":', 'MALFORMED_JSON'],
    ['   ', 'MALFORMED_JSON'],
  ])('answers a malformed JSON body %j with 400 %s, never 500', async (body, code) => {
    const res = await t.http.post('/graphql').set('content-type', 'application/json').send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(code);
  });

  it('answers a body over the configured limit with 413 PAYLOAD_TOO_LARGE', async () => {
    const big = JSON.stringify({ query: '{ dataVersions { id } }', pad: 'x'.repeat(70 * 1024) });
    const res = await t.http.post('/graphql').set('content-type', 'application/json').send(big);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('serves REST and GraphQL from the same service', async () => {
    const rest = await t.http.get('/v1/data-versions').expect(200);
    const gql = await t.gql<{ dataVersions: { id: string }[] }>('{ dataVersions { id kind } }');
    expect(gql.errors).toBeUndefined();
    expect(gql.data!.dataVersions.map((v) => v.id)).toEqual(rest.body.items.map((v: { id: string }) => v.id));
  });

  it('gives GraphQL errors a code in extensions.code', async () => {
    const res = await t.gql('{ noSuchField }');
    expect(res.errors?.[0].extensions.code).toBe('VALIDATION_FAILED');
    const parse = await t.gql('{ dataVersions { id ');
    expect(parse.errors?.[0].extensions.code).toBe('VALIDATION_FAILED');
  });

  it('echoes or assigns a request id', async () => {
    const given = await t.http.get('/health/live').set('x-request-id', 'req-123').expect(200);
    expect(given.headers['x-request-id']).toBe('req-123');
    const assigned = await t.http.get('/health/live').expect(200);
    expect(assigned.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('exposes Prometheus metrics by route template and status', async () => {
    await t.http.get('/v1/does-not-exist').expect(404);
    await t.http.get('/health/live').expect(200);
    const res = await t.http.get('/metrics').expect(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.text).toMatch(/http_requests_total\{method="GET",route="\/health\/live",status_code="200"\} \d+/);
    expect(res.text).toMatch(
      /http_request_duration_seconds_bucket\{le="0\.005",method="GET",route="\/health\/live",status_code="200"\}/,
    );
  });

  it('serves the OpenAPI document and UI without external assets', async () => {
    const doc = await t.http.get('/docs/openapi.json').expect(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/v1/data-versions', '/health/ready']));
    const ui = await t.http.get('/docs').redirects(1).expect(200);
    expect(ui.text).not.toMatch(/https?:\/\/(?!localhost)[^"']*\.(js|css)/);
  });

  it('serves the GraphQL explorer page to browsers and its assets locally', async () => {
    const page = await t.http.get('/graphql').set('accept', 'text/html').expect(200);
    expect(page.headers['content-type']).toContain('text/html');
    const assets = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(assets.length).toBeGreaterThanOrEqual(4);
    for (const a of assets) {
      expect(a.startsWith('/')).toBe(true); // same origin, never a CDN
      const res = await t.http.get(a).expect(200);
      expect(res.body.length ?? res.text.length).toBeGreaterThan(1000);
    }
  });
});
