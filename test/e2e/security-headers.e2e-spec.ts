import { createHash } from 'node:crypto';
import { createTestApp, type TestApp } from '../utils/test-app';

/** Parses a Content-Security-Policy header into directive -> sources. */
function csp(header: string | undefined): Record<string, string[]> {
  expect(header).toBeDefined();
  return Object.fromEntries(
    header!
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name, sources]),
  );
}

describe('Security headers (@fastify/helmet) on pages and JSON answers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '2' });
  });
  afterAll(async () => t.close());

  const common = (headers: Record<string, string>) => {
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['referrer-policy']).toBe('no-referrer');
    const policy = csp(headers['content-security-policy']);
    expect(policy['frame-ancestors']).toEqual(["'none'"]);
    expect(policy['object-src']).toEqual(["'none'"]);
    expect(policy['script-src']).not.toContain("'unsafe-inline'");
    expect(policy['script-src']).not.toContain("'unsafe-eval'");
    expect(policy).not.toHaveProperty('upgrade-insecure-requests');
    return policy;
  };

  it('JSON answers carry them: success, a 404, and a 429 answered by an early hook; so does the index page', async () => {
    common((await t.http.get('/health/live').expect(200)).headers);
    common((await t.http.get('/health/no-such-route').expect(404)).headers);
    common((await t.http.get('/').set('accept', 'text/html').expect(200)).headers); // 1 of the 2 anonymous requests
    common((await t.http.get('/v1/data-versions').expect(200)).headers); // 2 of 2
    common((await t.http.get('/v1/data-versions').expect(429)).headers);
    const gql = await t.http
      .post('/graphql')
      .set('authorization', 'Bearer aiem_not-a-key')
      .send({ query: '{ dataVersions { id } }' });
    common(gql.headers);
  });

  it("the explorer page's inline script is allowed by its hash and nothing else inline is", async () => {
    const res = await t.http.get('/graphql').set('accept', 'text/html').expect(200);
    const policy = common(res.headers);
    const inline = [...res.text.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
    expect(inline).toHaveLength(1);
    const hash = `'sha256-${createHash('sha256').update(inline[0], 'utf8').digest('base64')}'`;
    expect(policy['script-src']).toEqual(["'self'", hash]);
  });

  it('the OpenAPI UI gets the same policy; the dashboard keeps its stricter one', async () => {
    const docs = common((await t.http.get('/docs').expect(200)).headers);
    expect(docs['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
    const app = await t.http.get('/app/');
    if (app.status === 200) expect(csp(app.headers['content-security-policy'])['style-src']).toEqual(["'self'"]);
  });
});
