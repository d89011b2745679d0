import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Local HTTP servers that speak the live signal providers' documented APIs, started by the tests
 * (no test reaches the internet):
 * - Electricity Maps v3 (https://static.electricitymap.org/api/docs/): `auth-token` header;
 *   GET /v3/carbon-intensity/{latest,history,past-range,forecast}?zone=..; 401 for a bad token.
 * - WattTime v3 (https://docs.watttime.org): GET /login with HTTP basic auth -> { token };
 *   GET /v3/{signal-index,forecast,historical}?region=..&signal_type=co2_moer with `Authorization: Bearer`;
 *   401 for a missing or expired token; values in lbs_co2_per_mwh.
 * `fail` makes the data routes answer that status (or hang past any timeout) until cleared.
 */

const HOUR = 3_600_000;
export type Failure = number | 'hang' | 'garbage' | null;

export interface StubRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingMessage['headers'];
}

export interface Stub {
  url: string;
  requests: StubRequest[];
  /** Answer data routes with this status (429 carries Retry-After: 0), hang, or a non-JSON body; null: answer normally. */
  fail: Failure;
  /** Answer only the first N failing requests with `fail`, then normally (null: every request). */
  failTimes: number | null;
  close(): Promise<void>;
}

/** The intensity the stubs answer for hour `at` (g/kWh): distinct per hour so tests can check which points were used. */
export function stubIntensity(at: number): number {
  const h = Math.floor(at / HOUR);
  return 100 + (h % 24) * 10;
}

async function listen(handler: (req: IncomingMessage, res: ServerResponse, stub: Stub) => void): Promise<Stub> {
  const hanging = new Set<ServerResponse>();
  const stub: Stub = { url: '', requests: [], fail: null, failTimes: null, close: async () => undefined };
  const server: Server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://stub');
    stub.requests.push({
      method: req.method ?? 'GET',
      path: u.pathname,
      query: Object.fromEntries(u.searchParams),
      headers: req.headers,
    });
    handler(req, res, stub);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  stub.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  stub.close = async () => {
    for (const r of hanging) r.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  (stub as Stub & { hanging: Set<ServerResponse> }).hanging = hanging;
  return stub;
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** Applies the stub's failure mode; true when it answered. */
function failed(res: ServerResponse, stub: Stub): boolean {
  if (stub.fail === null) return false;
  if (stub.failTimes !== null) {
    if (stub.failTimes <= 0) return false;
    stub.failTimes--;
  }
  if (stub.fail === 'hang') {
    (stub as Stub & { hanging: Set<ServerResponse> }).hanging.add(res);
    return true;
  }
  if (stub.fail === 'garbage') {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<html>maintenance</html>');
    return true;
  }
  json(res, stub.fail, { message: `stub failure ${stub.fail}` }, stub.fail === 429 ? { 'retry-after': '0' } : {});
  return true;
}

function hours(from: number, to: number): number[] {
  const out: number[] = [];
  for (let t = Math.ceil(from / HOUR) * HOUR; t < to; t += HOUR) out.push(t);
  return out;
}

const emPoint = (zone: string, at: number) => ({
  zone,
  carbonIntensity: stubIntensity(at),
  datetime: new Date(at).toISOString(),
  updatedAt: new Date(at + 600_000).toISOString(),
  createdAt: new Date(at - HOUR).toISOString(),
  emissionFactorType: 'lifecycle',
  isEstimated: false,
  estimationMethod: null,
});

export function startElectricityMapsStub(token: string, clock: () => number = Date.now): Promise<Stub> {
  return listen((req, res, stub) => {
    const u = new URL(req.url ?? '/', 'http://stub');
    if (req.headers['auth-token'] !== token) return json(res, 401, { message: 'Invalid auth-token' });
    const zone = u.searchParams.get('zone');
    if (!zone) return json(res, 400, { message: 'zone is required' });
    if (failed(res, stub)) return;
    const now = Math.floor(clock() / HOUR) * HOUR;
    switch (u.pathname) {
      case '/v3/carbon-intensity/latest':
        return json(res, 200, emPoint(zone, now));
      case '/v3/carbon-intensity/history':
        return json(res, 200, { zone, history: hours(now - 23 * HOUR, now + 1).map((t) => emPoint(zone, t)) });
      case '/v3/carbon-intensity/past-range': {
        const start = Date.parse(u.searchParams.get('start') ?? '');
        const end = Date.parse(u.searchParams.get('end') ?? '');
        if (!Number.isFinite(start) || !Number.isFinite(end)) return json(res, 400, { message: 'start and end are required' });
        return json(res, 200, { zone, data: hours(start, end).map((t) => emPoint(zone, t)) });
      }
      case '/v3/carbon-intensity/forecast':
        return json(res, 200, {
          zone,
          forecast: hours(now, now + 72 * HOUR).map((t) => ({
            carbonIntensity: stubIntensity(t),
            datetime: new Date(t).toISOString(),
          })),
          updatedAt: new Date(now).toISOString(),
        });
      default:
        return json(res, 404, { message: 'not found' });
    }
  });
}

/** lbs/MWh the WattTime stub answers for `at`: stubIntensity(at) g/kWh expressed in lbs/MWh. */
export const wattTimeLbs = (at: number) => stubIntensity(at) / 0.45359237;

export interface WattTimeStub extends Stub {
  /** tokens issued so far (the last one is valid) */
  tokens: string[];
  /** invalidates every token issued (the next data call answers 401, as for an expired token) */
  expireTokens(): void;
}

export async function startWattTimeStub(
  username: string,
  password: string,
  clock: () => number = Date.now,
): Promise<WattTimeStub> {
  let valid = new Set<string>();
  const tokens: string[] = [];
  const stub = (await listen((req, res, s) => {
    const u = new URL(req.url ?? '/', 'http://stub');
    if (u.pathname === '/login') {
      const expected = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
      if (req.headers.authorization !== expected) return json(res, 403, { error: 'invalid credentials' });
      const token = `tok-${tokens.length + 1}`;
      tokens.push(token);
      valid.add(token);
      return json(res, 200, { token });
    }
    const auth = req.headers.authorization ?? '';
    if (!auth.startsWith('Bearer ') || !valid.has(auth.slice(7))) return json(res, 401, { error: 'Unauthorized' });
    const region = u.searchParams.get('region');
    if (!region || u.searchParams.get('signal_type') !== 'co2_moer')
      return json(res, 400, { error: 'region and signal_type are required' });
    if (failed(res, s)) return;
    const now = Math.floor(clock() / 300_000) * 300_000;
    const meta = (extra: Record<string, unknown> = {}) => ({
      region,
      signal_type: 'co2_moer',
      units: 'lbs_co2_per_mwh',
      data_point_period_seconds: 300,
      warnings: [],
      ...extra,
    });
    switch (u.pathname) {
      case '/v3/signal-index':
        return json(res, 200, {
          data: [{ point_time: new Date(now).toISOString(), value: 42 }],
          meta: meta({ units: 'percentile' }),
        });
      case '/v3/forecast': {
        const data = [];
        for (let t = now; t < now + 24 * HOUR; t += 300_000)
          data.push({ point_time: new Date(t).toISOString(), value: wattTimeLbs(t) });
        return json(res, 200, { data, meta: meta({ generated_at: new Date(now).toISOString(), model: { date: '2024-01-01' } }) });
      }
      case '/v3/historical': {
        const start = Date.parse(u.searchParams.get('start') ?? '');
        const end = Date.parse(u.searchParams.get('end') ?? '');
        if (!Number.isFinite(start) || !Number.isFinite(end)) return json(res, 400, { error: 'start and end are required' });
        const data = [];
        for (let t = Math.ceil(start / 300_000) * 300_000; t < end; t += 300_000)
          data.push({ point_time: new Date(t).toISOString(), value: wattTimeLbs(t) });
        return json(res, 200, { data, meta: meta() });
      }
      default:
        return json(res, 404, { error: 'not found' });
    }
  })) as WattTimeStub;
  stub.tokens = tokens;
  stub.expireTokens = () => {
    valid = new Set();
  };
  return stub;
}
