import { INDEX_LINKS } from '../../src/explorer/index-page';
import { createTestApp, type TestApp } from '../utils/test-app';

/** GET / answers a small index: JSON for programs, HTML for browsers; every link it gives works. */
describe('GET /', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it('answers JSON by default: name, version and the links', async () => {
    const res = await t.http.get('/').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers.vary).toMatch(/accept/i);
    expect(res.body).toMatchObject({ name: 'ai-emissions-api', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    const hrefs = (res.body.links as { href: string }[]).map((l) => l.href);
    expect(hrefs).toEqual(
      expect.arrayContaining([
        '/graphql',
        '/docs',
        '/docs/openapi.json',
        '/health/live',
        '/health/ready',
        '/metrics',
        '/v1/estimates',
        '/v1/hardware',
        '/v1/runs',
        '/v1/jobs',
      ]),
    );
    // the same JSON with an explicit Accept
    expect((await t.http.get('/').set('accept', 'application/json').expect(200)).body).toEqual(res.body);
  });

  it('answers HTML to a browser, linking every GET entry point', async () => {
    const res = await t.http.get('/').set('accept', 'text/html,application/xhtml+xml,*/*;q=0.8').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    for (const l of INDEX_LINKS) {
      if (l.methods.includes('GET')) expect(res.text).toContain(`<a href="${l.href}">`);
      else expect(res.text).toContain(`<code>${l.href}</code>`);
    }
  });

  it('every API collection it lists is in the OpenAPI document, with the methods it lists', async () => {
    const doc = (await t.http.get('/docs/openapi.json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    const collections = INDEX_LINKS.filter((l) => l.rel === 'collection');
    expect(collections.length).toBeGreaterThanOrEqual(10);
    for (const l of collections) {
      expect([l.href, Object.keys(doc.paths[l.href] ?? {}).sort()]).toEqual([
        l.href,
        expect.arrayContaining(l.methods.map((m) => m.toLowerCase())),
      ]);
    }
  });

  it('every non-API link answers (explorer, docs, health, metrics)', async () => {
    for (const l of INDEX_LINKS.filter((x) => x.rel !== 'collection')) {
      const res = await t.http.get(l.href).set('accept', 'text/html');
      expect([l.href, res.status]).toEqual([l.href, 200]);
    }
  });
});
