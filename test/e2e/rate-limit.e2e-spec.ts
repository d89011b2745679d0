import { createTestApp, type TestApp } from '../utils/test-app';

const ADMIN = 'test-admin-key-0123456789abcdef-0123';
const admin = { authorization: `Bearer ${ADMIN}` };

describe('Per-IP rate limit for anonymous requests', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ BOOTSTRAP_ADMIN_KEY: ADMIN, RATE_LIMIT_PER_MINUTE: '5' });
  });
  afterAll(async () => t.close());

  it('answers 429 RATE_LIMITED with Retry-After over the limit, leaves keyed requests and probes alone', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await t.http.get('/v1/data-versions');
      statuses.push(res.status);
      expect(res.headers['ratelimit-remaining']).toBe(String(4 - i));
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    const limited = await t.http.get('/v1/data-versions');
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // GraphQL without a key shares the budget.
    const gql = await t.http.post('/graphql').send({ query: '{ dataVersions { id } }' });
    expect(gql.status).toBe(429);
    // A valid key is not IP-limited; health and metrics never are.
    await t.http.get('/v1/data-versions').set(admin).expect(200);
    await t.http.get('/health/live').expect(200);
    await t.http.get('/metrics').expect(200);
  });
});

describe('Refused keys are throttled like anonymous requests', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ BOOTSTRAP_ADMIN_KEY: ADMIN, RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(async () => t.close());

  it('stops answering 401s after the limit of bad keys', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await t.http.get('/v1/runs').set('authorization', `Bearer aiem_guess-${i}-0000000000000`)).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });

  it('counts refused keys on GraphQL too (answered 200 with UNAUTHENTICATED), on the same IP budget', async () => {
    const t2 = await createTestApp({ BOOTSTRAP_ADMIN_KEY: ADMIN, RATE_LIMIT_PER_MINUTE: '3' });
    try {
      const answers: string[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await t2.http
          .post('/graphql')
          .set('authorization', `Bearer aiem_guess-${i}-0000000000000`)
          .send({ query: '{ dataVersions { id } }' });
        answers.push(
          res.status === 429 ? `429 ${res.body.error.code}` : `${res.status} ${res.body.errors?.[0]?.extensions?.code}`,
        );
      }
      expect(answers).toEqual([
        '200 UNAUTHENTICATED',
        '200 UNAUTHENTICATED',
        '200 UNAUTHENTICATED',
        '429 RATE_LIMITED',
        '429 RATE_LIMITED',
      ]);
      // the REST budget of that IP is spent as well
      expect((await t2.http.get('/v1/runs').set('authorization', 'Bearer aiem_guess-rest-0000000000000')).status).toBe(429);
    } finally {
      await t2.close();
    }
  }, 120000);
});

describe('REQUIRE_API_KEY closes reference data and stateless estimates', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ BOOTSTRAP_ADMIN_KEY: ADMIN, REQUIRE_API_KEY: 'true' });
  });
  afterAll(async () => t.close());

  it('answers 401 without a key on REST and GraphQL, and serves keyed calls and probes', async () => {
    const rest = await t.http.get('/v1/data-versions');
    expect([rest.status, rest.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
    const est = await t.http.post('/v1/estimates').send({ energyKwh: 10, location: { gPerKwh: 100 } });
    expect(est.status).toBe(401);
    const gql = await t.http.post('/graphql').send({ query: '{ dataVersions { id } }' });
    expect([gql.status, gql.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
    await t.http.get('/v1/data-versions').set(admin).expect(200);
    await t.http.get('/health/live').expect(200);
    // A bad key is still refused by the guard.
    expect((await t.http.get('/v1/data-versions').set('x-api-key', 'aiem_not-a-real-key-at-all')).status).toBe(401);
  });
});

describe('Defaults', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '600' });
  });
  afterAll(async () => t.close());

  it('lets 300 anonymous requests a minute through and keeps reference data open', async () => {
    const res = await Promise.all(
      Array.from({ length: 300 }, () => t.http.get('/health/ready').then(() => t.http.get('/v1/data-versions'))),
    );
    expect(res.every((r) => r.status === 200)).toBe(true);
    expect(Number(res[res.length - 1].headers['ratelimit-limit'])).toBe(600);
  });
});
