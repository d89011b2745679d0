import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../common/config/app.config';
import type { Signal } from '../domain/grid-reference';
import { ElectricityMapsClient } from './electricity-maps.client';
import type { LivePoint, LiveSeries } from './live-signal.types';
import { ProviderError } from './provider-http';
import { SignalCacheRepository } from './signal-cache.repository';
import { WattTimeClient } from './watttime.client';

const HOUR_MS = 3_600_000;
/** Electricity Maps' /history covers the last 24 hours (https://static.electricitymap.org/api/docs/, "Carbon intensity history"). */
const EM_HISTORY_HOURS = 24;
/** WattTime's forecast reaches 72 h ahead at most (`horizon_hours`, https://docs.watttime.org, "Forecast"); later windows are not asked for. */
const FORECAST_REACH_HOURS = 72;

const LABELS: Record<string, string> = { electricitymaps: 'Electricity Maps', watttime: 'WattTime' };

const floorHour = (t: number) => Math.floor(t / HOUR_MS) * HOUR_MS;
const ceilHour = (t: number) => Math.ceil(t / HOUR_MS) * HOUR_MS;

/**
 * Live grid signals for recent and coming hours, when their providers are configured:
 * Electricity Maps for the average signal (ELECTRICITY_MAPS_API_TOKEN), WattTime for the marginal one
 * (WATTTIME_USERNAME and WATTTIME_PASSWORD). Answers are cached in PostgreSQL (signal_cache) for
 * SIGNALS_CACHE_TTL_SECONDS; a provider failure serves an expired cached answer if there is one, else
 * nothing, with a warning either way, so the caller falls back to stored or yearly data. Never throws.
 */
@Injectable()
export class LiveSignalsService {
  private readonly logger = new Logger(LiveSignalsService.name);
  readonly electricityMaps: ElectricityMapsClient | null;
  readonly wattTime: WattTimeClient | null;
  private readonly regions: Map<string, string>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly cache: SignalCacheRepository,
    @Optional() @Inject('LIVE_SIGNALS_CLOCK') private readonly clock: () => number = Date.now,
  ) {
    const policy = {
      timeoutMs: config.SIGNALS_TIMEOUT_MS,
      retries: config.SIGNALS_RETRIES,
      backoffMs: config.SIGNALS_BACKOFF_MS,
    };
    const breaker = { threshold: config.SIGNALS_BREAKER_THRESHOLD, cooldownMs: config.SIGNALS_BREAKER_COOLDOWN_MS };
    this.electricityMaps = config.ELECTRICITY_MAPS_API_TOKEN
      ? new ElectricityMapsClient(
          { baseUrl: config.ELECTRICITY_MAPS_BASE_URL, token: config.ELECTRICITY_MAPS_API_TOKEN, policy },
          breaker,
        )
      : null;
    this.wattTime =
      config.WATTTIME_USERNAME && config.WATTTIME_PASSWORD
        ? new WattTimeClient(
            { baseUrl: config.WATTTIME_BASE_URL, username: config.WATTTIME_USERNAME, password: config.WATTTIME_PASSWORD, policy },
            breaker,
          )
        : null;
    this.regions = new Map(
      config.WATTTIME_REGIONS.split(',')
        .map((pair) => pair.split('=').map((s) => s.trim()))
        .filter((p) => p.length === 2 && p[0] && p[1])
        .map(([zone, region]) => [zone.toUpperCase(), region] as [string, string]),
    );
  }

  /** The provider serving a signal, or null when none is configured for it. */
  providerFor(signal: Signal): 'electricitymaps' | 'watttime' | null {
    if (signal === 'average') return this.electricityMaps ? 'electricitymaps' : null;
    return this.wattTime ? 'watttime' : null;
  }

  /** The WattTime region of a zone (WATTTIME_REGIONS, else the zone code itself). */
  wattTimeRegion(zone: string): string {
    return this.regions.get(zone.toUpperCase()) ?? zone;
  }

  /**
   * Live points of `zone` over [from, to): history for the part in the last SIGNALS_HISTORY_HOURS,
   * the forecast for the part after now. Null when no provider serves the signal or the window is
   * neither recent nor within the forecast's reach; else the points (possibly none) with warnings.
   */
  async series(zone: string, signal: Signal, from: number, to: number): Promise<LiveSeries | null> {
    const provider = this.providerFor(signal);
    if (!provider) return null;
    const now = this.clock();
    const oldest = now - this.config.SIGNALS_HISTORY_HOURS * HOUR_MS;
    if (to <= oldest || from >= now + FORECAST_REACH_HOURS * HOUR_MS) return null;
    const parts: { key: string; fetch: () => Promise<LivePoint[]> }[] = [];
    const pastFrom = Math.max(from, oldest);
    const pastTo = Math.min(to, now);
    if (pastTo > pastFrom || (pastTo === pastFrom && from === to && from <= now)) {
      const a = floorHour(pastFrom);
      const b = Math.min(ceilHour(pastTo + 1), ceilHour(now));
      if (provider === 'electricitymaps') {
        const em = this.electricityMaps!;
        if (a >= now - EM_HISTORY_HOURS * HOUR_MS) parts.push({ key: `history|${zone}`, fetch: () => em.history(zone) });
        else parts.push({ key: `past-range|${zone}|${a}|${b}`, fetch: () => em.pastRange(zone, new Date(a), new Date(b)) });
      } else {
        const wt = this.wattTime!;
        const region = this.wattTimeRegion(zone);
        parts.push({ key: `historical|${region}|${a}|${b}`, fetch: () => wt.historical(region, new Date(a), new Date(b)) });
      }
    }
    if (to > now) {
      if (provider === 'electricitymaps') {
        const em = this.electricityMaps!;
        parts.push({ key: `forecast|${zone}`, fetch: () => em.forecast(zone) });
      } else {
        const wt = this.wattTime!;
        const region = this.wattTimeRegion(zone);
        parts.push({ key: `forecast|${region}`, fetch: () => wt.forecast(region) });
      }
    }
    const out: LiveSeries = { provider, points: [], fetchedAt: null, source: `${LABELS[provider]} (live)`, warnings: [] };
    const byAt = new Map<number, number>();
    let oldestFetch: number | null = null;
    for (const part of parts) {
      const got = await this.cached(provider, part.key, part.fetch, out.warnings);
      if (!got) continue;
      for (const p of got.points) byAt.set(p.at, p.gPerKwh);
      oldestFetch = oldestFetch === null ? got.fetchedAt.getTime() : Math.min(oldestFetch, got.fetchedAt.getTime());
    }
    out.points = [...byAt.entries()].sort((x, y) => x[0] - y[0]).map(([at, gPerKwh]) => ({ at, gPerKwh }));
    out.fetchedAt = oldestFetch === null ? null : new Date(oldestFetch).toISOString();
    return out;
  }

  /** Electricity Maps' latest value for a zone (cached like the rest), or null with a warning. */
  async latest(zone: string): Promise<{ point: LivePoint | null; fetchedAt: string | null; warnings: string[] } | null> {
    const em = this.electricityMaps;
    if (!em) return null;
    const warnings: string[] = [];
    const got = await this.cached('electricitymaps', `latest|${zone}`, () => em.latest(zone), warnings);
    return { point: got?.points[got.points.length - 1] ?? null, fetchedAt: got ? got.fetchedAt.toISOString() : null, warnings };
  }

  /** WattTime's signal index (0-100) for a zone's region, or null (not configured, or failed: with a warning). */
  async signalIndex(zone: string): Promise<{ percent: number | null; warnings: string[] } | null> {
    const wt = this.wattTime;
    if (!wt) return null;
    const region = this.wattTimeRegion(zone);
    const warnings: string[] = [];
    const got = await this.cached(
      'watttime',
      `signal-index|${region}`,
      async () => {
        const r = await wt.signalIndex(region);
        return [{ at: r.at, gPerKwh: r.percent }];
      },
      warnings,
    );
    return { percent: got?.points[0]?.gPerKwh ?? null, warnings };
  }

  /** A fresh cached answer, else a new one from the provider (stored), else a stale cached one, else null; warnings say which. */
  private async cached(
    provider: string,
    key: string,
    fetch: () => Promise<LivePoint[]>,
    warnings: string[],
  ): Promise<{ points: LivePoint[]; fetchedAt: Date } | null> {
    const label = LABELS[provider];
    let stored: Awaited<ReturnType<SignalCacheRepository['get']>> = null;
    try {
      stored = await this.cache.get(provider, key);
    } catch (err) {
      this.logger.warn({ msg: 'signal cache read failed', provider, key, err });
    }
    const now = this.clock();
    if (stored && stored.expiresAt.getTime() > now) return stored;
    try {
      const points = await fetch();
      const fetchedAt = new Date(now);
      try {
        await this.cache.put(provider, key, points, fetchedAt, this.config.SIGNALS_CACHE_TTL_SECONDS);
      } catch (err) {
        this.logger.warn({ msg: 'signal cache write failed', provider, key, err });
      }
      return { points, fetchedAt };
    } catch (err) {
      const reason = err instanceof ProviderError ? err.message : `unexpected error (${(err as Error).message})`;
      const attempts = err instanceof ProviderError && err.attempts > 1 ? ` after ${err.attempts} attempts` : '';
      this.logger.warn({ msg: 'live signal provider failed', provider, key, reason, attempts: (err as ProviderError).attempts });
      if (stored) {
        warnings.push(
          `${label} is unavailable (${reason}${attempts}): using its answer fetched at ${stored.fetchedAt.toISOString()} (expired)`,
        );
        return stored;
      }
      warnings.push(`${label} is unavailable (${reason}${attempts}): falling back to stored hourly data or the yearly figure`);
      return null;
    }
  }
}
