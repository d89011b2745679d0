import { CircuitBreaker, getJson, type HttpPolicy, ProviderError } from './provider-http';
import type { LivePoint } from './live-signal.types';

export const WATTTIME = 'watttime';

/** 1 lb = 0.45359237 kg (international avoirdupois pound, NIST SP 811 appendix B), so 1 lb/MWh = 0.45359237 g/kWh. */
export const G_PER_KWH_PER_LB_PER_MWH = 0.45359237;

/** WattTime's tokens expire after 30 minutes (https://docs.watttime.org, "Login"); renewed after 25. */
const TOKEN_LIFETIME_MS = 25 * 60 * 1000;

/**
 * WattTime API v3 (https://docs.watttime.org): the marginal operating emissions rate (`co2_moer`).
 *   GET /login (HTTP basic auth)                                     -> { token }
 *   GET /v3/signal-index?region=R&signal_type=co2_moer   (Bearer)    -> { data: [{ point_time, value }], meta } (percentile 0-100)
 *   GET /v3/forecast?region=R&signal_type=co2_moer       (Bearer)    -> { data: [{ point_time, value }], meta: { units, generated_at, ... } }
 *   GET /v3/historical?region=R&start=..&end=..&signal_type=co2_moer -> { data: [{ point_time, value }], meta: { units, ... } }
 * Values in lbs_co2_per_mwh are converted to g/kWh. A 401 on a data call (expired token) logs in again once.
 */
export class WattTimeClient {
  readonly name = WATTTIME;
  readonly breaker: CircuitBreaker;
  private token: { value: string; until: number } | null = null;

  constructor(
    private readonly opts: { baseUrl: string; username: string; password: string; policy: HttpPolicy },
    breaker: { threshold: number; cooldownMs: number },
  ) {
    this.breaker = new CircuitBreaker(WATTTIME, breaker.threshold, breaker.cooldownMs);
  }

  /** The current signal index (0-100: where now sits among the region's recent MOER values; lower is cleaner). */
  signalIndex(region: string): Promise<{ at: number; percent: number }> {
    return this.breaker.run(async () => {
      const body = await this.data('signal-index', { region, signal_type: 'co2_moer' });
      const first = body.data[0];
      if (!first) throw this.malformed('signal-index');
      return { at: first.at, percent: first.value };
    });
  }

  forecast(region: string): Promise<LivePoint[]> {
    return this.breaker.run(async () =>
      this.points('forecast', await this.data('forecast', { region, signal_type: 'co2_moer' })),
    );
  }

  historical(region: string, start: Date, end: Date): Promise<LivePoint[]> {
    return this.breaker.run(async () =>
      this.points(
        'historical',
        await this.data('historical', { region, start: start.toISOString(), end: end.toISOString(), signal_type: 'co2_moer' }),
      ),
    );
  }

  private base(): string {
    return this.opts.baseUrl.replace(/\/+$/, '');
  }

  private async login(): Promise<string> {
    const basic = Buffer.from(`${this.opts.username}:${this.opts.password}`).toString('base64');
    const res = await getJson(WATTTIME, `${this.base()}/login`, { authorization: `Basic ${basic}` }, this.opts.policy);
    const token = (res.body as { token?: unknown } | null)?.token;
    if (typeof token !== 'string' || !token) throw this.malformed('login');
    this.token = { value: token, until: Date.now() + TOKEN_LIFETIME_MS };
    return token;
  }

  private async data(
    route: string,
    query: Record<string, string>,
  ): Promise<{ data: { at: number; value: number }[]; units: string | null }> {
    const url = `${this.base()}/v3/${route}?${new URLSearchParams(query).toString()}`;
    const get = async (token: string) => getJson(WATTTIME, url, { authorization: `Bearer ${token}` }, this.opts.policy);
    let token = this.token && this.token.until > Date.now() ? this.token.value : await this.login();
    let res;
    try {
      res = await get(token);
    } catch (err) {
      if (!(err instanceof ProviderError && err.status === 401)) throw err;
      this.token = null;
      token = await this.login();
      res = await get(token);
    }
    const body = res.body as { data?: unknown; meta?: { units?: unknown } } | null;
    if (!body || !Array.isArray(body.data)) throw this.malformed(route);
    const data = body.data.map((d: unknown) => {
      const { point_time, value } = (d ?? {}) as { point_time?: unknown; value?: unknown };
      const at = typeof point_time === 'string' ? Date.parse(point_time) : NaN;
      if (!Number.isFinite(at) || typeof value !== 'number' || !Number.isFinite(value)) throw this.malformed(route);
      return { at, value };
    });
    return { data, units: typeof body.meta?.units === 'string' ? body.meta.units : null };
  }

  private points(route: string, body: { data: { at: number; value: number }[]; units: string | null }): LivePoint[] {
    let factor: number;
    if (body.units === 'lbs_co2_per_mwh') factor = G_PER_KWH_PER_LB_PER_MWH;
    else if (body.units === 'kg_co2_per_mwh' || body.units === 'g_co2_per_kwh') factor = 1;
    else
      throw new ProviderError(WATTTIME, `${WATTTIME} ${route} answered in units '${body.units ?? 'none'}', not an emission rate`);
    return body.data
      .filter((d) => d.value >= 0)
      .map((d) => ({ at: d.at, gPerKwh: d.value * factor }))
      .sort((a, b) => a.at - b.at);
  }

  private malformed(route: string) {
    return new ProviderError(WATTTIME, `${WATTTIME} ${route} answer is not the documented shape`);
  }
}
