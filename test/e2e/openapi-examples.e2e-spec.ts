import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { createTestApp, type TestApp } from '../utils/test-app';

const ADMIN_KEY = 'test-admin-key-openapi-examples-0123';
/** What the admin examples write (src/api-docs/request-examples.ts); removed afterwards. */
const EXAMPLE_ZONE = 'MT';
const EXAMPLE_HARDWARE = 'example-x1-96gb';

interface Operation {
  operationId: string;
  parameters?: { in: string; name: string; example?: unknown }[];
  requestBody?: { content: Record<string, { examples?: Record<string, { value: unknown }> }> };
}

/**
 * Every request-body example of the committed OpenAPI document, sent as Swagger UI's "Try it out"
 * would send it (path parameters from their examples), answers 2xx: the document never shows a client
 * a body the service refuses.
 */
describe('OpenAPI request examples', () => {
  let t: TestApp;
  let startedAt: Date;
  const doc = JSON.parse(readFileSync(join(__dirname, '../../docs/openapi.json'), 'utf8')) as {
    paths: Record<string, Record<string, Operation>>;
  };
  const cases: { name: string; method: string; path: string; media: string; value: unknown }[] = [];
  for (const [template, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      for (const [media, m] of Object.entries(op.requestBody?.content ?? {})) {
        for (const [exampleName, example] of Object.entries(m.examples ?? {})) {
          const path = template.replace(/\{(\w+)\}/g, (_, name: string) => {
            const p = op.parameters?.find((x) => x.in === 'path' && x.name === name);
            if (p?.example === undefined)
              throw new Error(`${method.toUpperCase()} ${template}: path parameter ${name} has no example`);
            return encodeURIComponent(String(p.example));
          });
          cases.push({
            name: `${method.toUpperCase()} ${template} ${media} "${exampleName}"`,
            method,
            path,
            media,
            value: example.value,
          });
        }
      }
    }
  }

  beforeAll(async () => {
    startedAt = new Date(Date.now() - 1000);
    t = await createTestApp({ BOOTSTRAP_ADMIN_KEY: ADMIN_KEY });
  });

  afterAll(async () => {
    await t.http.delete(`/v1/hardware/${EXAMPLE_HARDWARE}`).set({ authorization: `Bearer ${ADMIN_KEY}` });
    await t.http.delete('/v1/models/example-chat-13b').set({ authorization: `Bearer ${ADMIN_KEY}` });
    const db = t.app.get(DataSource);
    await db.query(`DELETE FROM zone_intensities WHERE source_id = 'admin' AND zone = $1`, [EXAMPLE_ZONE]);
    await db.query(`DELETE FROM intensity_points WHERE zone = $1`, [EXAMPLE_ZONE]);
    await db.query(`DELETE FROM data_versions WHERE kind = 'admin' AND details->>'module' = 'grid' AND created_at >= $1`, [
      startedAt,
    ]);
    await t.close();
  });

  it('covers every operation that takes a body', () => {
    const withBody = Object.entries(doc.paths).flatMap(([p, item]) =>
      Object.entries(item)
        .filter(([, op]) => op.requestBody)
        .map(([m]) => `${m.toUpperCase()} ${p}`),
    );
    const withExamples = new Set(cases.map((c) => c.name.split(' ').slice(0, 2).join(' ')));
    expect(withBody.filter((r) => !withExamples.has(r))).toEqual([]);
  });

  it('sends each example and gets a 2xx', async () => {
    const failures: string[] = [];
    for (const c of cases) {
      const body = typeof c.value === 'string' ? c.value : JSON.stringify(c.value);
      const res = await t.http[c.method as 'post'](c.path)
        .set({ authorization: `Bearer ${ADMIN_KEY}`, 'content-type': c.media })
        .send(body);
      if (res.status < 200 || res.status > 299)
        failures.push(`${c.name}: ${res.status} ${JSON.stringify(res.body).slice(0, 500)}`);
    }
    expect(failures).toEqual([]);
    expect(cases.length).toBeGreaterThanOrEqual(10);
  });
});
