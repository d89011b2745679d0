import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { startElectricityMapsStub, startWattTimeStub, stubIntensity, type Stub, type WattTimeStub } from '../utils/signal-stubs';
import { createTestApp, type TestApp } from '../utils/test-app';

/**
 * Live signal providers end to end: the app is configured with Electricity Maps and WattTime keys and
 * base URLs pointing at local stub servers started here (test/utils/signal-stubs.ts); nothing reaches
 * the internet. Runs over recent hours with no stored series, and schedules over coming hours, are
 * priced with the providers' points; answers are cached in PostgreSQL; failures fall back with a warning.
 */
const ADMIN = 'test-admin-key-signals-0123456789';
const admin = { authorization: `Bearer ${ADMIN}` };
const suffix = randomBytes(4).toString('hex');
const HOUR = 3_600_000;
const EM_TOKEN = 'em-test-token-abcdef';
/** Zones this suite prices live; none has a stored series near now. */
const EM_ZONE = 'DE';
const EM_FAIL_ZONE = 'FR';
const WT_ZONE = 'PL';
const WT_REGION = 'PSE_TEST';

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('Live signal providers (Electricity Maps, WattTime) against local stubs', () => {
  let t: TestApp;
  let db: DataSource;
  let em: Stub;
  let wt: WattTimeStub;
  let writer: Record<string, string>;
  const hourNow = Math.floor(Date.now() / HOUR) * HOUR;

  beforeAll(async () => {
    em = await startElectricityMapsStub(EM_TOKEN);
    wt = await startWattTimeStub('wt-user', 'wt-pass');
    t = await createTestApp({
      BOOTSTRAP_ADMIN_KEY: ADMIN,
      ELECTRICITY_MAPS_API_TOKEN: EM_TOKEN,
      ELECTRICITY_MAPS_BASE_URL: em.url,
      WATTTIME_USERNAME: 'wt-user',
      WATTTIME_PASSWORD: 'wt-pass',
      WATTTIME_BASE_URL: wt.url,
      WATTTIME_REGIONS: `${WT_ZONE}=${WT_REGION}`,
      SIGNALS_TIMEOUT_MS: '400',
      SIGNALS_RETRIES: '1',
      SIGNALS_BACKOFF_MS: '10',
      SIGNALS_BREAKER_THRESHOLD: '3',
      SIGNALS_BREAKER_COOLDOWN_MS: '3600000',
    });
    db = t.app.get(DataSource);
    await db.query(`DELETE FROM signal_cache`);
    const res = await t.http
      .post('/v1/api-keys')
      .set(admin)
      .send({ name: 'signals', tenant: `signals-${suffix}`, scopes: ['read', 'write'] })
      .expect(201);
    writer = { authorization: `Bearer ${res.body.key}` };
  });
  afterAll(async () => {
    await db.query(`DELETE FROM signal_cache`);
    await t.close();
    await em.close();
    await wt.close();
  });
  beforeEach(() => {
    em.requests.length = 0;
    wt.requests.length = 0;
    em.fail = wt.fail = null;
    em.failTimes = wt.failTimes = null;
  });

  /** A run of 1 kW (pue 1, no embodied) over [from, to): energy = hours kWh. */
  async function run(zone: string, from: number, to: number, signal?: 'marginal') {
    const res = await t.http
      .post('/v1/runs')
      .set(writer)
      .send({
        name: `live ${zone}`,
        project: `signals-${suffix}`,
        startedAt: new Date(from).toISOString(),
        endedAt: new Date(to).toISOString(),
        request: {
          hardware: { powerW: 1000, count: 1 },
          hours: (to - from) / HOUR,
          location: { zone, ...(signal ? { signal } : {}) },
          pue: 1,
          includeEmbodied: false,
        },
      });
    expect(res.status).toBe(201);
    return res.body.estimate;
  }

  it('prices a recent run with Electricity Maps history (auth-token), with provider and fetch time in the factors; the answer is cached', async () => {
    const from = hourNow - 6 * HOUR;
    const to = hourNow - HOUR;
    const e = await run(EM_ZONE, from, to);
    const expected = mean([0, 1, 2, 3, 4].map((h) => stubIntensity(from + h * HOUR)));
    expect(e.factors.intensity.gPerKwh).toBeCloseTo(expected, 9);
    expect(e.factors.intensity.resolvedFrom).toBe('series');
    expect(e.factors.intensity.source).toBe('Electricity Maps (live) (hourly)');
    expect(e.factors.intensity.period).toMatchObject({ method: 'hourly', coverage: 1 });
    expect(e.factors.intensity.period.series).toMatchObject({ zone: EM_ZONE, provider: 'electricitymaps', points: 5 });
    const fetchedAt = Date.parse(e.factors.intensity.period.series.fetchedAt);
    expect(Math.abs(fetchedAt - Date.now())).toBeLessThan(60_000);
    expect(e.co2eKg).toBeCloseTo((5 * expected) / 1000, 9);
    expect(em.requests).toHaveLength(1);
    expect(em.requests[0]).toMatchObject({ path: '/v3/carbon-intensity/history', query: { zone: EM_ZONE } });
    expect(em.requests[0].headers['auth-token']).toBe(EM_TOKEN);

    // cached in PostgreSQL with its TTL (default 300 s): the same hours again make no request
    const rows = await db.query(
      `SELECT key, extract(epoch FROM expires_at - fetched_at)::int AS ttl FROM signal_cache WHERE provider = 'electricitymaps'`,
    );
    expect(rows).toEqual([{ key: `history|${EM_ZONE}`, ttl: 300 }]);
    const again = await run(EM_ZONE, from + HOUR, to);
    expect(again.factors.intensity.period.series.provider).toBe('electricitymaps');
    expect(again.factors.intensity.period.series.fetchedAt).toBe(e.factors.intensity.period.series.fetchedAt);
    expect(em.requests).toHaveLength(1);
  });

  it('reads older recent hours with past-range (start/end), and GraphQL shows the same provenance', async () => {
    const from = hourNow - 40 * HOUR;
    const to = hourNow - 37 * HOUR;
    const gql = await t.gql<{
      createRun: {
        estimate: { factors: { intensity: { gPerKwh: number; period: { series: { provider: string; fetchedAt: string } } } } };
      };
    }>(
      `mutation($i: RunInput!) { createRun(input: $i) { estimate { factors { intensity { gPerKwh period { series { provider fetchedAt } } } } } } }`,
      {
        i: {
          name: 'live gql',
          project: `signals-${suffix}`,
          startedAt: new Date(from).toISOString(),
          endedAt: new Date(to).toISOString(),
          request: {
            hardware: { powerW: 1000, count: 1 },
            hours: 3,
            location: { zone: EM_ZONE },
            pue: 1,
            includeEmbodied: false,
          },
        },
      },
      writer,
    );
    expect(gql.errors).toBeUndefined();
    const intensity = gql.data!.createRun.estimate.factors.intensity;
    expect(intensity.gPerKwh).toBeCloseTo(mean([0, 1, 2].map((h) => stubIntensity(from + h * HOUR))), 9);
    expect(intensity.period.series.provider).toBe('electricitymaps');
    expect(em.requests).toHaveLength(1);
    expect(em.requests[0].path).toBe('/v3/carbon-intensity/past-range');
    // the request window is hour-aligned and starts before the run (a point may hold into it)
    expect(Date.parse(em.requests[0].query.start)).toBeLessThanOrEqual(from);
    expect(Date.parse(em.requests[0].query.end)).toBeGreaterThanOrEqual(to);
  });

  it('a provider failure (500, retried) falls back to the yearly figure with a warning, never a 5xx; an expired cached answer is served when the provider fails', async () => {
    em.fail = 500;
    const e = await run(EM_FAIL_ZONE, hourNow - 4 * HOUR, hourNow - 2 * HOUR);
    expect(e.factors.intensity.resolvedFrom).not.toBe('series');
    expect(e.factors.intensity.period).toMatchObject({ method: 'yearly', series: null, coverage: 0 });
    expect(e.warnings.join('\n')).toMatch(
      /Electricity Maps is unavailable \(electricitymaps answered 500 after 2 attempts\): falling back to stored hourly data or the yearly figure/,
    );
    expect(em.requests).toHaveLength(2); // one retry (SIGNALS_RETRIES=1)

    // the DE answer cached by the first test, now expired: served (with a warning) while the provider fails
    await db.query(`UPDATE signal_cache SET expires_at = now() - interval '1 second' WHERE provider = 'electricitymaps'`);
    const stale = await run(EM_ZONE, hourNow - 3 * HOUR, hourNow - 2 * HOUR);
    expect(stale.factors.intensity.period.series.provider).toBe('electricitymaps');
    expect(stale.factors.intensity.gPerKwh).toBeCloseTo(stubIntensity(hourNow - 3 * HOUR), 9);
    expect(stale.warnings.join('\n')).toMatch(/Electricity Maps is unavailable .*: using its answer fetched at .* \(expired\)/);
  });

  it('schedules over the coming hours with the Electricity Maps forecast (brute-force check), on both transports', async () => {
    const earliest = hourNow + HOUR;
    const body = {
      job: { hours: 3, powerW: 1000, pue: 1 },
      window: { earliest: new Date(earliest).toISOString(), deadline: new Date(earliest + 24 * HOUR).toISOString() },
      locations: [{ zone: 'ES' }],
    };
    const res = await t.http.post('/v1/schedules').send(body).expect(200);
    let best = { mean: Infinity, start: 0 };
    for (let h = 0; h + 3 <= 24; h++) {
      const m = mean([0, 1, 2].map((k) => stubIntensity(earliest + (h + k) * HOUR)));
      if (m < best.mean - 1e-9) best = { mean: m, start: earliest + h * HOUR };
    }
    expect(res.body.best.start).toBe(new Date(best.start).toISOString());
    expect(res.body.best.gPerKwh).toBeCloseTo(best.mean, 9);
    expect(res.body.best.signal).toMatchObject({
      kind: 'forecast',
      provider: 'electricitymaps',
      resolution: 'PT1H',
      coverage: 1,
    });
    expect(em.requests.map((r) => r.path)).toEqual(['/v3/carbon-intensity/forecast']);
    const gql = await t.gql<{ schedule: { best: { start: string; signal: { kind: string; provider: string } } } }>(
      'query($i: ScheduleInput!) { schedule(input: $i) { best { start signal { kind provider } } } }',
      { i: body },
    );
    expect(gql.errors).toBeUndefined();
    expect(gql.data!.schedule.best).toEqual({
      start: res.body.best.start,
      signal: { kind: 'forecast', provider: 'electricitymaps' },
    });
    expect(em.requests).toHaveLength(1); // the forecast came from the cache the second time
  });

  it('prices a recent marginal-signal run with WattTime (login, then historical with the bearer token, region mapped)', async () => {
    const from = hourNow - 3 * HOUR;
    const to = hourNow - HOUR;
    const e = await run(WT_ZONE, from, to, 'marginal');
    // 5-minute points, one value per hour in the stub: the mean of the two hours
    expect(e.factors.intensity.gPerKwh).toBeCloseTo(mean([stubIntensity(from), stubIntensity(from + HOUR)]), 6);
    expect(e.factors.intensity.period.series).toMatchObject({ provider: 'watttime', zone: WT_ZONE });
    expect(wt.requests.map((r) => r.path)).toEqual(['/login', '/v3/historical']);
    expect(wt.requests[0].headers.authorization).toBe(`Basic ${Buffer.from('wt-user:wt-pass').toString('base64')}`);
    expect(wt.requests[1].headers.authorization).toBe('Bearer tok-1');
    expect(wt.requests[1].query).toMatchObject({ region: WT_REGION, signal_type: 'co2_moer' });
  });

  it('a marginal schedule uses the WattTime forecast; when WattTime times out the schedule falls back to yearly with a warning', async () => {
    const earliest = hourNow + HOUR;
    const body = (zone: string) => ({
      job: { hours: 2, powerW: 1000, pue: 1 },
      window: { earliest: new Date(earliest).toISOString(), deadline: new Date(earliest + 12 * HOUR).toISOString() },
      locations: [{ zone, signal: 'marginal' }],
    });
    const ok = await t.http.post('/v1/schedules').send(body(WT_ZONE)).expect(200);
    expect(ok.body.best.signal).toMatchObject({ kind: 'forecast', provider: 'watttime', resolution: 'PT5M' });
    expect(wt.requests.map((r) => r.path)).toEqual(['/v3/forecast']);

    wt.fail = 'hang';
    const t0 = Date.now();
    const slow = await t.http.post('/v1/schedules').send(body('CZ')).expect(200);
    expect(Date.now() - t0).toBeLessThan(10_000); // 2 attempts of 400 ms plus backoff
    expect(slow.body.best.signal.kind).toBe('yearly');
    expect(slow.body.warnings.join('\n')).toMatch(
      /WattTime is unavailable \(watttime did not answer within 400 ms after 2 attempts\)/,
    );
  });

  it('GET /v1/grid/intensity?at= with no stored point: Electricity Maps latest near now, history or forecast further off; WattTime with its signal index', async () => {
    const now = await t.http.get(`/v1/grid/intensity?zone=SE&at=${new Date().toISOString()}`).expect(200);
    expect(now.body).toMatchObject({
      zone: 'SE',
      resolvedFrom: 'series',
      sourceId: 'electricitymaps',
      source: 'Electricity Maps (live)',
      liveProvider: 'electricitymaps',
    });
    // the stub's latest value is the current hour's
    expect(Date.parse(now.body.at) % HOUR).toBe(0);
    expect(Date.now() - Date.parse(now.body.at)).toBeLessThan(HOUR + 60_000);
    expect(now.body.gPerKwh).toBe(stubIntensity(Date.parse(now.body.at)));
    expect(Date.parse(now.body.fetchedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(em.requests.map((r) => r.path)).toEqual(['/v3/carbon-intensity/latest']);
    const ahead = await t.http.get(`/v1/grid/intensity?zone=SE&at=${new Date(hourNow + 5 * HOUR).toISOString()}`).expect(200);
    expect(ahead.body).toMatchObject({ gPerKwh: stubIntensity(hourNow + 5 * HOUR), liveProvider: 'electricitymaps' });
    expect(em.requests.map((r) => r.path)).toEqual(['/v3/carbon-intensity/latest', '/v3/carbon-intensity/forecast']);

    const marginal = await t.http
      .get(`/v1/grid/intensity?zone=${WT_ZONE}&signal=marginal&at=${new Date().toISOString()}`)
      .expect(200);
    expect(marginal.body).toMatchObject({
      liveProvider: 'watttime',
      signalIndex: 42,
      signal: 'marginal',
      resolvedFrom: 'series',
    });
    expect(wt.requests.map((r) => r.path)).toEqual(expect.arrayContaining(['/v3/signal-index']));
    expect(wt.requests.find((r) => r.path === '/v3/signal-index')!.query).toMatchObject({
      region: WT_REGION,
      signal_type: 'co2_moer',
    });

    const gql = await t.gql<{ intensity: { liveProvider: string; fetchedAt: string; gPerKwh: number } }>(
      'query($at: String!) { intensity(zone: "SE", at: $at) { gPerKwh liveProvider fetchedAt signalIndex } }',
      { at: new Date(hourNow + 5 * HOUR).toISOString() },
    );
    expect(gql.errors).toBeUndefined();
    expect(gql.data!.intensity).toMatchObject({ gPerKwh: stubIntensity(hourNow + 5 * HOUR), liveProvider: 'electricitymaps' });

    // the provider failing: the yearly figure, with both warnings, and no live fields
    em.fail = 500;
    const down = await t.http.get(`/v1/grid/intensity?zone=NO&at=${new Date(hourNow - 30 * HOUR).toISOString()}`).expect(200);
    expect(down.body.resolvedFrom).not.toBe('series');
    expect(down.body.liveProvider).toBeUndefined();
    expect(down.body.warnings.join('\n')).toMatch(/No average hourly intensity for NO .*\n.*Electricity Maps is unavailable/);
  });

  it('the circuit breaker stops calling a failing provider and says so', async () => {
    em.fail = 503;
    // FR failed twice in an earlier test (one call); two more calls reach the threshold of 3 failed calls
    for (const zone of ['IT', 'NL', 'BE']) await run(zone, hourNow - 5 * HOUR, hourNow - 4 * HOUR);
    const before = em.requests.length;
    const e = await run('AT', hourNow - 5 * HOUR, hourNow - 4 * HOUR);
    expect(em.requests.length).toBe(before); // not called
    expect(e.warnings.join('\n')).toMatch(/electricitymaps circuit open after 3 consecutive failures/);
    expect(e.factors.intensity.period.method).toBe('yearly');
  });
});
