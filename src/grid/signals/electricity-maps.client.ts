import { CircuitBreaker, getJson, type HttpPolicy, ProviderError } from './provider-http';
import type { LivePoint } from './live-signal.types';

export const ELECTRICITY_MAPS = 'electricitymaps';

/**
 * Electricity Maps API v3, carbon intensity (https://static.electricitymap.org/api/docs/, "Carbon intensity"):
 * the token goes in the `auth-token` header; the zone in `?zone=`. Values are gCO2eq/kWh, hourly,
 * life-cycle emission factors by default (the API's default `emissionFactorType`).
 *   GET /v3/carbon-intensity/latest?zone=DE      -> { zone, carbonIntensity, datetime, updatedAt, ... }
 *   GET /v3/carbon-intensity/history?zone=DE     -> { zone, history: [{ carbonIntensity, datetime, ... }] } (last 24 h)
 *   GET /v3/carbon-intensity/past-range?zone=DE&start=...&end=... -> { zone, data: [{ carbonIntensity, datetime, ... }] }
 *   GET /v3/carbon-intensity/forecast?zone=DE    -> { zone, forecast: [{ carbonIntensity, datetime }], updatedAt }
 */
export class ElectricityMapsClient {
  readonly name = ELECTRICITY_MAPS;
  readonly breaker: CircuitBreaker;

  constructor(
    private readonly opts: { baseUrl: string; token: string; policy: HttpPolicy },
    breaker: { threshold: number; cooldownMs: number },
  ) {
    this.breaker = new CircuitBreaker(ELECTRICITY_MAPS, breaker.threshold, breaker.cooldownMs);
  }

  latest(zone: string): Promise<LivePoint[]> {
    return this.call('latest', { zone }, (b) => [b]);
  }

  history(zone: string): Promise<LivePoint[]> {
    return this.call('history', { zone }, (b) => b.history);
  }

  pastRange(zone: string, start: Date, end: Date): Promise<LivePoint[]> {
    return this.call('past-range', { zone, start: start.toISOString(), end: end.toISOString() }, (b) => b.data);
  }

  forecast(zone: string): Promise<LivePoint[]> {
    return this.call('forecast', { zone }, (b) => b.forecast);
  }

  private call(
    route: string,
    query: Record<string, string>,
    items: (body: Record<string, unknown>) => unknown,
  ): Promise<LivePoint[]> {
    return this.breaker.run(async () => {
      const url = `${this.opts.baseUrl.replace(/\/+$/, '')}/v3/carbon-intensity/${route}?${new URLSearchParams(query).toString()}`;
      const res = await getJson(ELECTRICITY_MAPS, url, { 'auth-token': this.opts.token }, this.opts.policy);
      const body = res.body;
      if (!body || typeof body !== 'object' || Array.isArray(body)) throw this.malformed(route);
      const list = items(body as Record<string, unknown>);
      if (!Array.isArray(list)) throw this.malformed(route);
      const points: LivePoint[] = [];
      for (const it of list) {
        if (!it || typeof it !== 'object') throw this.malformed(route);
        const { carbonIntensity, datetime } = it as { carbonIntensity?: unknown; datetime?: unknown };
        const at = typeof datetime === 'string' ? Date.parse(datetime) : NaN;
        if (!Number.isFinite(at)) throw this.malformed(route);
        // a missing hour is null in the API's answers: skip it (the yearly figure fills it)
        if (carbonIntensity === null || carbonIntensity === undefined) continue;
        if (typeof carbonIntensity !== 'number' || !Number.isFinite(carbonIntensity) || carbonIntensity < 0) {
          throw this.malformed(route);
        }
        points.push({ at, gPerKwh: carbonIntensity });
      }
      return points.sort((a, b) => a.at - b.at);
    });
  }

  private malformed(route: string) {
    return new ProviderError(ELECTRICITY_MAPS, `${ELECTRICITY_MAPS} ${route} answer is not the documented shape`);
  }
}
