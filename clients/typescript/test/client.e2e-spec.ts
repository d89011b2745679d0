import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createTestApp, type TestApp } from '../../../test/utils/test-app';
import { ApiError, createEmissionsClient, type EmissionsClient, type Job, type RunCreate } from '../src';

/** The typed client against the real service (in-process app on a real port, real PostgreSQL). */
const ADMIN = 'client-admin-key-0123456789abcdef';
const ROOT = join(__dirname, '..', '..', '..');
const run = (name: string, zone = 'FR'): RunCreate => ({
  name,
  project: 'client',
  team: 'sdk',
  request: { hardware: { ref: 'nvidia-h100-sxm5-80gb', count: 8 }, hours: 12, location: { zone } },
});

describe('TypeScript client (clients/typescript)', () => {
  let t: TestApp;
  let baseUrl: string;
  let apiKey: string;
  let client: EmissionsClient;

  beforeAll(async () => {
    t = await createTestApp({ BOOTSTRAP_ADMIN_KEY: ADMIN });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
    const created = await t.http
      .post('/v1/api-keys')
      .set({ authorization: `Bearer ${ADMIN}` })
      .send({ name: 'client', tenant: `client-${Date.now()}`, scopes: ['read', 'write'] })
      .expect(201);
    apiKey = created.body.key;
    client = createEmissionsClient({ baseUrl, apiKey, retryDelayMs: 10 });
  }, 60000);
  afterAll(async () => t?.close());

  it('its types are generated from the committed docs/openapi.json (npm run generate:contracts keeps them current)', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'client-schema-')), 'schema.d.ts');
    execFileSync(
      process.execPath,
      [
        join(ROOT, 'node_modules/openapi-typescript/bin/cli.js'),
        join(ROOT, 'docs/openapi.json'),
        '--default-non-nullable',
        'false',
        '-o',
        out,
      ],
      {
        stdio: 'pipe',
      },
    );
    expect(readFileSync(join(ROOT, 'clients/typescript/src/schema.d.ts'), 'utf8')).toBe(readFileSync(out, 'utf8'));
  }, 60000);

  it('estimates and compares, typed, without a key', async () => {
    const anonymous = createEmissionsClient({ baseUrl });
    const e = await anonymous.estimate({ hardware: { ref: 'H100', count: 8 }, hours: 24, location: { zone: 'FR' } });
    const direct = (
      await t.http
        .post('/v1/estimates')
        .send({ hardware: { ref: 'H100', count: 8 }, hours: 24, location: { zone: 'FR' } })
        .expect(200)
    ).body;
    expect(e.co2eKg).toBe(direct.co2eKg);
    expect(e.factors.intensity.zone).toBe('FR');
    const c = await anonymous.compare({
      baseline: { hardware: { ref: 'H100', count: 8 }, hours: 24, location: { zone: 'PL' } },
      variants: [{ name: 'France', changes: { location: { zone: 'FR' } } }],
    });
    expect(c.variants[0].name).toBe('France');
    expect(c.variants[0].deltaCo2eKg).toBeLessThan(0);
  });

  it('answers errors as ApiError with the API code, message, field paths and status', async () => {
    const err = await client.estimate({ hardware: { ref: 'H100', count: 0 }, hours: 24 } as never).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect((err as ApiError).details.map((d) => d.path)).toContain('hardware.count');
    expect((err as ApiError).requestId).toMatch(/^[0-9a-f-]{36}$/);

    const anonymous = await createEmissionsClient({ baseUrl })
      .listRuns()
      .catch((e: unknown) => e);
    expect(anonymous).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    const missing = await client.getRun('00000000-0000-4000-8000-000000000000').catch((e: unknown) => e);
    expect(missing).toMatchObject({ status: 404, code: 'RUN_NOT_FOUND' });
  });

  it('createRun retries a lost answer and a 503 with the same Idempotency-Key: one run recorded', async () => {
    const seen: { key: string | null; outcome: string }[] = [];
    let attempt = 0;
    const flaky: typeof fetch = async (input, init) => {
      const req = new Request(input, init);
      if (req.method !== 'POST') return fetch(req);
      attempt++;
      const key = req.headers.get('idempotency-key');
      if (attempt === 1) {
        await fetch(req); // the server records the run; the answer is lost on the way back
        seen.push({ key, outcome: 'lost' });
        throw new TypeError('fetch failed: socket hang up');
      }
      if (attempt === 2) {
        seen.push({ key, outcome: '503' });
        return new Response(JSON.stringify({ error: { code: 'SERVICE_UNAVAILABLE', message: 'busy', details: [] } }), {
          status: 503,
          headers: { 'content-type': 'application/json' },
        });
      }
      const res = await fetch(req);
      seen.push({ key, outcome: String(res.status) });
      return res;
    };
    const c = createEmissionsClient({ baseUrl, apiKey, fetch: flaky, retryDelayMs: 5 });
    const created = await c.createRun(run('retried'));
    expect(seen.map((s) => s.outcome)).toEqual(['lost', '503', '201']);
    expect(new Set(seen.map((s) => s.key)).size).toBe(1);
    expect(seen[0].key).toMatch(/^[0-9a-f-]{36}$/);
    const listed = (await client.listRuns({ project: 'client' })).items.filter((r) => r.name === 'retried');
    expect(listed.map((r) => r.id)).toEqual([created.id]);

    // Without retries the lost answer surfaces as the network error it was.
    attempt = 0;
    const once = createEmissionsClient({ baseUrl, apiKey, fetch: flaky, retries: 0 });
    await expect(once.createRun(run('not-retried'))).rejects.toThrow('socket hang up');
  });

  it('runs() walks every page of the cursor list', async () => {
    for (let i = 0; i < 7; i++)
      await client.createRun(run(`page-${i}`, i % 2 ? 'DE' : 'FR'), { idempotencyKey: `page-${i}-${Date.now()}` });
    const pages: string[] = [];
    const counting = createEmissionsClient({
      baseUrl,
      apiKey,
      fetch: (input, init) => {
        pages.push(new Request(input, init).url);
        return fetch(input, init);
      },
    });
    const names: string[] = [];
    for await (const r of counting.runs({ project: 'client', limit: 3 })) names.push(r.name ?? '');
    const all = (
      await t.http
        .get('/v1/runs')
        .query({ project: 'client', limit: 100 })
        .set({ authorization: `Bearer ${apiKey}` })
        .expect(200)
    ).body.items as { name: string }[];
    expect(names).toEqual(all.map((r) => r.name));
    expect(names.filter((n) => n.startsWith('page-')).sort()).toEqual([
      'page-0',
      'page-1',
      'page-2',
      'page-3',
      'page-4',
      'page-5',
      'page-6',
    ]);
    expect(pages).toHaveLength(Math.ceil(all.length / 3));
    expect(pages.slice(1).every((u) => /[?&]cursor=/.test(u))).toBe(true);

    const h100s: string[] = [];
    for await (const h of client.hardware({ q: 'h100' })) h100s.push(h.id);
    expect(h100s).toContain('nvidia-h100-sxm5-80gb');
  }, 60000);

  it('uploads a job from a Node stream, reports its progress, and pages its row errors', async () => {
    const lines = [
      'name,project,team,model,tags,startedAt,endedAt,hardware,count,hours,zone,pue\n',
      ...Array.from({ length: 30 }, (_, i) =>
        i % 10 === 9
          ? `bad-${i},jobs,sdk,m,,2026-03-01T08:00:00Z,,no-such-gpu-${i},8,12,FR,\n`
          : `ok-${i},jobs,sdk,m,,2026-03-01T08:00:00Z,,nvidia-a100-sxm4-80gb,4,${1 + i},DE,\n`,
      ),
    ];
    const accepted = await client.uploadJob(Readable.from(lines), 'text/csv');
    expect(accepted).toMatchObject({ total: 30 });
    const seen: Job[] = [];
    const job = await client.waitForJob(accepted.id, { intervalMs: 100, onProgress: (j) => seen.push(j) });
    expect(job).toMatchObject({ status: 'partial', total: 30, processed: 30, succeeded: 27, failed: 3 });
    expect(seen.at(-1)).toEqual(job);
    const errors = [];
    for await (const e of client.jobErrors(accepted.id, 2)) errors.push(e);
    expect(errors.map((e) => e.row)).toEqual([10, 20, 30]);
    expect(new Set(errors.map((e) => e.code)).size).toBe(1);

    // A retried upload with the same Idempotency-Key is the same job.
    const key = `upload-${Date.now()}`;
    const first = await client.uploadJob(Readable.from(lines), 'text/csv', { idempotencyKey: key });
    const retried = await client.uploadJob(Readable.from(lines), 'text/csv', { idempotencyKey: key });
    expect(retried.id).toBe(first.id);

    const refused = await client.uploadJob('x', 'text/plain' as 'text/csv').catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
  }, 90000);
});
