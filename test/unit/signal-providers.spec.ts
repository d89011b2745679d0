import { validateEnv } from '../../src/common/config/app.config';
import { ElectricityMapsClient } from '../../src/grid/signals/electricity-maps.client';
import { LiveSignalsService } from '../../src/grid/signals/live-signals.service';
import type { SignalCacheRepository } from '../../src/grid/signals/signal-cache.repository';
import { CircuitBreaker, ProviderError } from '../../src/grid/signals/provider-http';
import { WattTimeClient } from '../../src/grid/signals/watttime.client';
import { startElectricityMapsStub, startWattTimeStub, stubIntensity, type Stub, type WattTimeStub } from '../utils/signal-stubs';

const HOUR = 3_600_000;
// 1.5 s: a stub on loopback answers in a few ms, but a loaded CI machine (2 cores) stalled answers past 300 ms, which
// then counted as a retry; the hanging-server case still ends within 3 attempts x 1.5 s
const policy = { timeoutMs: 1500, retries: 2, backoffMs: 5 };
const noBreaker = { threshold: 1000, cooldownMs: 0 };

describe('Electricity Maps adapter against a stub of its v3 API', () => {
  let stub: Stub;
  let client: ElectricityMapsClient;
  beforeAll(async () => {
    stub = await startElectricityMapsStub('em-token-123');
  });
  afterAll(() => stub.close());
  beforeEach(() => {
    stub.requests.length = 0;
    stub.fail = null;
    stub.failTimes = null;
    client = new ElectricityMapsClient({ baseUrl: stub.url, token: 'em-token-123', policy }, noBreaker);
  });

  it('reads latest, history, past-range and forecast with the auth-token header and the documented paths', async () => {
    const now = Math.floor(Date.now() / HOUR) * HOUR;
    const latest = await client.latest('DE');
    expect(latest).toEqual([{ at: now, gPerKwh: stubIntensity(now) }]);
    const history = await client.history('DE');
    expect(history).toHaveLength(24);
    expect(history[23]).toEqual({ at: now, gPerKwh: stubIntensity(now) });
    const start = new Date(now - 48 * HOUR);
    const range = await client.pastRange('DE', start, new Date(now - 40 * HOUR));
    expect(range.map((p) => p.at)).toEqual(Array.from({ length: 8 }, (_, i) => start.getTime() + i * HOUR));
    const forecast = await client.forecast('DE');
    expect(forecast[0]).toEqual({ at: now, gPerKwh: stubIntensity(now) });
    expect(forecast).toHaveLength(72);
    expect(stub.requests.map((r) => r.path)).toEqual([
      '/v3/carbon-intensity/latest',
      '/v3/carbon-intensity/history',
      '/v3/carbon-intensity/past-range',
      '/v3/carbon-intensity/forecast',
    ]);
    for (const r of stub.requests) {
      expect(r.headers['auth-token']).toBe('em-token-123');
      expect(r.query.zone).toBe('DE');
    }
    expect(stub.requests[2].query).toMatchObject({ start: start.toISOString(), end: new Date(now - 40 * HOUR).toISOString() });
  });

  it('a wrong token is a 401 ProviderError, not retried', async () => {
    const bad = new ElectricityMapsClient({ baseUrl: stub.url, token: 'wrong-token', policy }, noBreaker);
    await expect(bad.latest('DE')).rejects.toMatchObject({ name: 'ProviderError', status: 401, attempts: 1 });
    expect(stub.requests).toHaveLength(1);
  });

  it('retries 500 and 429 (Retry-After) with backoff, then succeeds', async () => {
    stub.fail = 500;
    stub.failTimes = 2;
    await expect(client.latest('DE')).resolves.toHaveLength(1);
    expect(stub.requests).toHaveLength(3);
    stub.requests.length = 0;
    stub.fail = 429;
    stub.failTimes = 1;
    await expect(client.forecast('DE')).resolves.toHaveLength(72);
    expect(stub.requests).toHaveLength(2);
  });

  it('gives up after the bounded retries: 500s, a hanging server (timeout), a body that is not JSON', async () => {
    stub.fail = 500;
    await expect(client.history('DE')).rejects.toMatchObject({ status: 500, attempts: 3 });
    expect(stub.requests).toHaveLength(3);
    stub.requests.length = 0;
    stub.fail = 'hang';
    const t0 = Date.now();
    const err = (await client.latest('DE').catch((e: unknown) => e)) as ProviderError;
    expect(err).toBeInstanceOf(ProviderError);
    expect(err.message).toMatch(/did not answer within 1500 ms/);
    expect(err.attempts).toBe(3);
    expect(Date.now() - t0).toBeLessThan(12000);
    stub.fail = 'garbage';
    await expect(client.latest('DE')).rejects.toThrow(/not JSON/);
  });

  it('the circuit breaker opens after the threshold, fails fast while open, and probes after the cool-down', async () => {
    const breaking = new ElectricityMapsClient(
      { baseUrl: stub.url, token: 'em-token-123', policy: { ...policy, retries: 0 } },
      { threshold: 2, cooldownMs: 200 },
    );
    stub.fail = 500;
    await expect(breaking.latest('DE')).rejects.toMatchObject({ status: 500 });
    await expect(breaking.latest('DE')).rejects.toMatchObject({ status: 500 });
    expect(breaking.breaker.state).toBe('open');
    await expect(breaking.latest('DE')).rejects.toThrow(/circuit open/);
    expect(stub.requests).toHaveLength(2); // the third call never reached the server
    await new Promise((r) => setTimeout(r, 250));
    expect(breaking.breaker.state).toBe('half-open');
    stub.fail = null;
    await expect(breaking.latest('DE')).resolves.toHaveLength(1);
    expect(breaking.breaker.state).toBe('closed');
  });
});

describe('CircuitBreaker', () => {
  it('a failed probe opens it again; a refused request (400/403/404) does not count as a failure', async () => {
    let now = 0;
    const b = new CircuitBreaker('p', 1, 100, () => now);
    const fail = (status: number | null) => () => Promise.reject(new ProviderError('p', 'x', status));
    await expect(b.run(fail(404))).rejects.toThrow();
    expect(b.state).toBe('closed');
    await expect(b.run(fail(503))).rejects.toThrow();
    expect(b.state).toBe('open');
    now = 150;
    expect(b.state).toBe('half-open');
    await expect(b.run(fail(null))).rejects.toThrow();
    expect(b.state).toBe('open');
  });
});

describe('WattTime adapter against a stub of its v3 API', () => {
  let stub: WattTimeStub;
  let client: WattTimeClient;
  beforeAll(async () => {
    stub = await startWattTimeStub('wt-user', 'wt-pass');
  });
  afterAll(() => stub.close());
  beforeEach(() => {
    stub.requests.length = 0;
    stub.fail = null;
    stub.failTimes = null;
    client = new WattTimeClient({ baseUrl: stub.url, username: 'wt-user', password: 'wt-pass', policy }, noBreaker);
  });

  it('logs in with basic auth once, then calls forecast, historical and signal-index with the bearer token', async () => {
    const forecast = await client.forecast('CAISO_NORTH');
    // 24 h of 5-minute points, lbs/MWh converted back to g/kWh
    expect(forecast).toHaveLength(288);
    expect(forecast[0].gPerKwh).toBeCloseTo(stubIntensity(forecast[0].at), 9);
    const end = Math.floor(Date.now() / HOUR) * HOUR;
    const hist = await client.historical('CAISO_NORTH', new Date(end - 2 * HOUR), new Date(end));
    expect(hist).toHaveLength(24);
    expect(hist[0]).toEqual({ at: end - 2 * HOUR, gPerKwh: expect.closeTo(stubIntensity(end - 2 * HOUR), 9) as number });
    await expect(client.signalIndex('CAISO_NORTH')).resolves.toMatchObject({ percent: 42 });

    expect(stub.requests.map((r) => r.path)).toEqual(['/login', '/v3/forecast', '/v3/historical', '/v3/signal-index']);
    expect(stub.requests[0].headers.authorization).toBe(`Basic ${Buffer.from('wt-user:wt-pass').toString('base64')}`);
    for (const r of stub.requests.slice(1)) {
      expect(r.headers.authorization).toBe('Bearer tok-1');
      expect(r.query).toMatchObject({ region: 'CAISO_NORTH', signal_type: 'co2_moer' });
    }
    expect(stub.requests[2].query).toMatchObject({
      start: new Date(end - 2 * HOUR).toISOString(),
      end: new Date(end).toISOString(),
    });
  });

  it('an expired token (401) logs in again once and repeats the call', async () => {
    await client.forecast('CAISO_NORTH');
    stub.expireTokens();
    stub.requests.length = 0;
    await expect(client.forecast('CAISO_NORTH')).resolves.toHaveLength(288);
    expect(stub.requests.map((r) => `${r.path} ${r.headers.authorization?.split(' ')[0]}`)).toEqual([
      '/v3/forecast Bearer',
      '/login Basic',
      '/v3/forecast Bearer',
    ]);
    expect(stub.requests[2].headers.authorization).toBe(`Bearer ${stub.tokens[stub.tokens.length - 1]}`);
  });

  it('bad credentials, 500s and timeouts are ProviderErrors', async () => {
    const bad = new WattTimeClient({ baseUrl: stub.url, username: 'wt-user', password: 'nope', policy }, noBreaker);
    await expect(bad.forecast('CAISO_NORTH')).rejects.toMatchObject({ status: 403 });
    stub.fail = 500;
    await expect(client.forecast('CAISO_NORTH')).rejects.toMatchObject({ status: 500, attempts: 3 });
    stub.fail = 'hang';
    await expect(client.historical('CAISO_NORTH', new Date(Date.now() - HOUR), new Date())).rejects.toThrow(/did not answer/);
    stub.fail = 429;
    stub.failTimes = 1;
    await expect(client.signalIndex('CAISO_NORTH')).resolves.toMatchObject({ percent: 42 });
  });
});

describe('LiveSignalsService configuration', () => {
  // no query is made in these cases, so no cache (database) is needed
  const noCache = null as unknown as SignalCacheRepository;

  it('is off without keys: no provider for either signal, no live series (yearly data as before)', async () => {
    const live = new LiveSignalsService(validateEnv({}), noCache);
    expect(live.providerFor('average')).toBeNull();
    expect(live.providerFor('marginal')).toBeNull();
    await expect(live.series('DE', 'average', Date.now() - HOUR, Date.now())).resolves.toBeNull();
  });

  it('Electricity Maps serves the average signal, WattTime the marginal one; WATTTIME_REGIONS maps zones to regions', async () => {
    const live = new LiveSignalsService(
      validateEnv({
        ELECTRICITY_MAPS_API_TOKEN: 'token-123456',
        WATTTIME_USERNAME: 'u',
        WATTTIME_PASSWORD: 'p',
        WATTTIME_REGIONS: 'US-CAL-CISO=CAISO_NORTH, de = DE_REGION',
      }),
      noCache,
    );
    expect(live.providerFor('average')).toBe('electricitymaps');
    expect(live.providerFor('marginal')).toBe('watttime');
    expect(live.wattTimeRegion('US-CAL-CISO')).toBe('CAISO_NORTH');
    expect(live.wattTimeRegion('DE')).toBe('DE_REGION');
    expect(live.wattTimeRegion('FR')).toBe('FR');
    // a period older than SIGNALS_HISTORY_HOURS, or beyond the forecast's reach, is not asked for
    await expect(live.series('DE', 'average', Date.now() - 300 * HOUR, Date.now() - 290 * HOUR)).resolves.toBeNull();
    await expect(live.series('DE', 'average', Date.now() + 100 * HOUR, Date.now() + 101 * HOUR)).resolves.toBeNull();
  });

  it('refuses a malformed WATTTIME_REGIONS and never echoes the provider secrets', () => {
    expect(() => validateEnv({ WATTTIME_REGIONS: 'DE:DE' })).toThrow(/WATTTIME_REGIONS must be ZONE=REGION pairs/);
    expect(() => validateEnv({ ELECTRICITY_MAPS_API_TOKEN: 'short' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('short') }),
    );
  });
});
