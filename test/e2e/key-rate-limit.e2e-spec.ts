import { createTestApp, type TestApp } from '../utils/test-app';

const PLATFORM = 'test-platform-key-0123456789abcdef-0123';
const platform = { authorization: `Bearer ${PLATFORM}` };
const DEFAULT_LIMIT = 20;

/** `{ runs(limit: n) { items { id } } }` costs 1 + n * (1 + 1): the page's children once per row. */
const runsQuery = (n: number) => `{ runs(limit: ${n}) { items { id } } }`;

describe('Per-key rate limits (requests or cost units, per key, with a service default)', () => {
  let t: TestApp;
  const keys: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp({ BOOTSTRAP_ADMIN_KEY: PLATFORM, KEY_RATE_LIMIT_PER_MINUTE: String(DEFAULT_LIMIT) });
    const rest = async (name: string, rateLimit?: unknown) => {
      const res = await t.http
        .post('/v1/api-keys')
        .set(platform)
        .send({ name, tenant: 'limits', scopes: ['read'], ...(rateLimit === undefined ? {} : { rateLimit }) })
        .expect(201);
      return res.body as { key: string; rateLimit: unknown };
    };
    const tiny = await rest('tiny', { perMinute: 3, unit: 'requests' });
    expect(tiny.rateLimit).toEqual({ perMinute: 3, unit: 'requests' });
    keys.tiny = tiny.key;
    keys.other = (await rest('default')).key;
    keys.unlimited = (await rest('unlimited', { perMinute: 0, unit: 'requests' })).key;
    // the GraphQL mutation sets it too
    const created = await t.gql<{ createApiKey: { key: string; rateLimit: unknown } }>(
      `mutation { createApiKey(input: { name: "cost", tenant: "limits", scopes: ["read"], rateLimit: { perMinute: 500, unit: "cost" } }) { key rateLimit { perMinute unit } } }`,
      {},
      platform,
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.createApiKey.rateLimit).toEqual({ perMinute: 500, unit: 'cost' });
    keys.cost = created.data!.createApiKey.key;
    // the windows are aligned to the clock's minutes: start the counting tests well inside one
    const toNextMinute = 60_000 - (Date.now() % 60_000);
    if (toNextMinute < 15_000) await new Promise((r) => setTimeout(r, toNextMinute + 100));
  });
  afterAll(async () => t.close());

  const bearer = (name: string) => ({ authorization: `Bearer ${keys[name]}` });

  it('lists each key with its own limit (null: the service default)', async () => {
    const res = await t.http.get('/v1/api-keys').set(platform).expect(200);
    const byName = Object.fromEntries(
      (res.body.items as { name: string; rateLimit: unknown }[]).map((k) => [k.name, k.rateLimit]),
    );
    expect(byName).toMatchObject({
      tiny: { perMinute: 3, unit: 'requests' },
      default: null,
      unlimited: { perMinute: 0, unit: 'requests' },
      cost: { perMinute: 500, unit: 'cost' },
    });
  });

  it('refuses a key over its limit with 429 RATE_LIMITED and Retry-After, on REST and GraphQL; another key is unaffected', async () => {
    for (let i = 0; i < 3; i++) {
      const ok = await t.http.get('/v1/runs').set(bearer('tiny')).expect(200);
      expect(ok.headers['ratelimit-limit']).toBe('3');
      expect(ok.headers['ratelimit-remaining']).toBe(String(2 - i));
    }
    const refused = await t.http.get('/v1/runs').set(bearer('tiny'));
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('RATE_LIMITED');
    expect(refused.body.error.details[0]).toMatchObject({ limitPerMinute: 3, unit: 'requests' });
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.headers['ratelimit-remaining']).toBe('0');

    const gql = await t.http.post('/graphql').set(bearer('tiny')).send({ query: '{ dataVersions { id } }' });
    expect(gql.status).toBe(429);
    expect(Number(gql.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(gql.body.data).toBeUndefined();
    expect(gql.body.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED', status: 429 });

    // another key, and anonymous requests, are not affected
    await t.http.get('/v1/runs').set(bearer('other')).expect(200);
    const other = await t.http.post('/graphql').set(bearer('other')).send({ query: '{ dataVersions { id } }' });
    expect(other.status).toBe(200);
    expect(other.body.errors).toBeUndefined();
    await t.http.get('/v1/data-versions').expect(200);
  });

  it('applies the service default to keys without a limit of their own, and none to a key whose limit is 0', async () => {
    const statuses: number[] = [];
    // 'other' spent 2 in the previous test (one REST, one GraphQL request)
    for (let i = 0; i < DEFAULT_LIMIT; i++) statuses.push((await t.http.get('/v1/data-versions').set(bearer('other'))).status);
    expect(statuses).toEqual([...Array<number>(DEFAULT_LIMIT - 2).fill(200), 429, 429]);
    for (let i = 0; i < DEFAULT_LIMIT + 5; i++) await t.http.get('/v1/data-versions').set(bearer('unlimited')).expect(200);
  });

  it('charges a cost-unit key the GraphQL operation cost: a costly operation over its budget is refused, cheap ones go on', async () => {
    const cheap = await t.http.post('/graphql').set(bearer('cost')).send({ query: '{ dataVersions { id } }' });
    expect(cheap.status).toBe(200);
    expect(cheap.headers['ratelimit-limit']).toBe('500');
    expect(cheap.headers['ratelimit-remaining']).toBe('498'); // dataVersions + id

    const costly = await t.http
      .post('/graphql')
      .set(bearer('cost'))
      .send({ query: runsQuery(400) }); // costs 801
    expect(costly.status).toBe(429);
    expect(costly.body.errors[0].extensions.code).toBe('RATE_LIMITED');
    expect(costly.body.errors[0].extensions.details[0]).toMatchObject({ unit: 'cost', spent: 801, limitPerMinute: 500 });
    expect(Number(costly.headers['retry-after'])).toBeGreaterThanOrEqual(1);

    // the refused operation used nothing: one of 401 fits, the next does not
    const fits = await t.http
      .post('/graphql')
      .set(bearer('cost'))
      .send({ query: runsQuery(200) });
    expect(fits.status).toBe(200);
    expect(fits.headers['ratelimit-remaining']).toBe('97');
    const over = await t.http
      .post('/graphql')
      .set(bearer('cost'))
      .send({ query: runsQuery(200) });
    expect(over.status).toBe(429);
    // on REST a cost-unit key spends 1 plus the page size it asks for
    await t.http.get('/v1/runs?limit=50').set(bearer('cost')).expect(200);
    const restOver = await t.http.get('/v1/runs?limit=100').set(bearer('cost'));
    expect(restOver.status).toBe(429);
    expect(restOver.body.error.details[0]).toMatchObject({ unit: 'cost', spent: 101 });
  });

  it('refuses a bad rate limit with 400 and its field path', async () => {
    const res = await t.http
      .post('/v1/api-keys')
      .set(platform)
      .send({ name: 'bad', tenant: 'limits', scopes: ['read'], rateLimit: { perMinute: -1, unit: 'tokens' } })
      .expect(400);
    const paths = (res.body.error.details as { path: string }[]).map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['rateLimit.perMinute', 'rateLimit.unit']));
  });
});
