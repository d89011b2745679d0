import { Inject, Injectable, Logger, type OnModuleInit, Optional } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../common/config/app.config';
import { CommonError, CommonErrorCode } from '../common/errors/common.errors';
import { validationFailed } from '../common/errors/validation-errors';
import { DataVersionsService } from '../data-versions/data-versions.service';
import type { IntensityValue, PueDefault, Signal, ZoneRecord } from './domain/grid-reference';
import { loadIso3Zones } from './domain/grid-reference';
import { GridError, GridErrorCode } from './domain/grid.errors';
import { DEFAULT_PRECEDENCE, IntensityResolver, type ResolvedIntensity } from './domain/intensity-resolver';
import type { CloudRegionsArgs } from './dto/cloud-regions.args';
import { parseIsoDateTime } from './dto/grid-validation';
import type { IntensityArgs } from './dto/intensity.args';
import type { IntensityInput } from './dto/intensity.input';
import { parseSeriesCsv, parseSeriesJson, type ParsedSeries, readSeriesCsv, type SeriesImportArgs } from './dto/series-import';
import type { ZonesArgs } from './dto/zones.args';
import type { LiveSeries } from './signals/live-signal.types';
import { LiveSignalsService } from './signals/live-signals.service';
import { GridRepository } from './grid.repository';
import type { CloudRegionListModel, CloudRegionModel } from './models/cloud-region.model';
import type { IntensityModel, SeriesImportResultModel, UpsertedIntensityModel } from './models/intensity.model';
import { toZoneModel, type ZoneListModel, type ZoneModel } from './models/zone.model';

/**
 * Source precedence: values written by an admin (`PUT /v1/grid/zones/{code}/intensities/{year}`)
 * win over the shipped sources for the same zone, year and signal; then the domain's default order.
 */
export const GRID_PRECEDENCE: readonly string[] = ['admin', ...DEFAULT_PRECEDENCE];
export const ADMIN_SOURCE_ID = 'admin';

/** A series point holds until the next one, for at most this long: older points are a gap (yearly fallback). */
export const SERIES_POINT_VALIDITY_MS = 2 * 60 * 60 * 1000;

/**
 * An `at` lookup this close to now asks Electricity Maps for its latest value (the current hour,
 * https://static.electricitymap.org/api/docs/, "Live carbon intensity"); further off, history or forecast.
 */
const LIVE_LATEST_MS = 60 * 60 * 1000;

/** Where an estimate's electricity comes from (`location` of an EstimateRequest). */
export interface LocationQuery {
  zone?: string | null;
  provider?: string | null;
  region?: string | null;
  gPerKwh?: number | null;
  year?: number | null;
  signal?: Signal | null;
}

export type GridIntensity = Omit<ResolvedIntensity, 'resolvedFrom'> & {
  resolvedFrom: ResolvedIntensity['resolvedFrom'] | 'series';
  /** timestamp of the series point used (`at` lookups), else null */
  at: string | null;
  dataVersion: string;
  /** `at` lookups served by a live provider: which, and when its answer was fetched */
  liveProvider?: string;
  fetchedAt?: string | null;
  /** WattTime's signal index (0-100) for marginal lookups near now */
  signalIndex?: number | null;
};

/** Points of one zone's series (ascending, epoch ms); a point holds until the next, for at most validityMs. */
export interface ZoneSeries {
  zone: string;
  points: { at: number; gPerKwh: number; source?: string }[];
  validityMs: number;
  provider?: string | null;
  fetchedAt?: string | null;
  warnings?: string[];
}

/** A time window a computation will read a location's series over (epoch ms, [from, to)). */
export interface SeriesWindow {
  location: LocationQuery;
  from: number;
  to: number;
}

/** Series points loaded ahead of a (synchronous) estimate: answers a window it loaded, null otherwise. */
export type SeriesLookup = (loc: LocationQuery, from: number, to: number) => ZoneSeries | null;

interface Loaded {
  resolver: IntensityResolver;
  version: string;
}

/**
 * The grid module's one application service. The IntensityResolver is built in memory from the
 * database tables at start and again whenever the reference-data version changes (admin writes
 * included), so yearly lookups cost no query; `at` lookups read the hourly series table.
 */
@Injectable()
export class GridService implements OnModuleInit {
  private readonly logger = new Logger(GridService.name);
  private loaded: Loaded | null = null;

  constructor(
    private readonly repo: GridRepository,
    private readonly dataVersions: DataVersionsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() private readonly live?: LiveSignalsService,
  ) {}

  onModuleInit() {
    this.dataVersions.subscribe((version) => this.reload(version));
  }

  /** Rebuilds the in-memory resolver from the tables (called at start and on every data-version change). */
  async reload(version: string): Promise<void> {
    const ref = await this.repo.loadReference();
    if (ref.zones.length === 0 || !ref.pue.some((p) => p.provider === 'unknown')) {
      this.logger.warn({ msg: 'grid reference data is not seeded: grid lookups answer 503 until it is', version });
      this.loaded = null;
      return;
    }
    this.loaded = {
      resolver: new IntensityResolver({ ...ref, iso3Zones: loadIso3Zones() }, { precedence: [...GRID_PRECEDENCE] }),
      version,
    };
    this.logger.log({ msg: 'grid reference loaded', version, zones: ref.zones.length, values: ref.intensities.length });
  }

  // ---- for other modules (estimates) ---------------------------------------------------------

  /** The in-memory resolver of the current data version (sync; no query). */
  resolver(): IntensityResolver {
    return this.state().resolver;
  }

  /** The data version the resolver was built from. */
  dataVersion(): string {
    return this.state().version;
  }

  /** Resolves an estimate's location: an explicit gPerKwh, a zone, or a cloud provider and region (sync). */
  resolveLocation(q: LocationQuery): ResolvedIntensity {
    const r = this.resolver();
    const opts = { year: q.year ?? undefined, signal: q.signal ?? undefined };
    if (q.gPerKwh !== undefined && q.gPerKwh !== null) return r.fromRequest(q.gPerKwh, opts);
    if (q.zone) return r.byZone(q.zone, opts);
    if (q.provider && q.region) return r.byCloudRegion(q.provider, q.region, opts);
    throw validationFailed([{ path: 'location', message: 'location needs a zone, a provider and region, or a gPerKwh' }]);
  }

  /** The zone whose series a location reads: the zone itself, or a cloud region's grid zone; null for gPerKwh or unknown places. */
  seriesZone(q: LocationQuery): string | null {
    const r = this.resolver();
    if (q.gPerKwh !== undefined && q.gPerKwh !== null) return null;
    // called before the request is validated (the series are read first): a zone that is not a string is no place
    if (q.zone) return typeof q.zone === 'string' ? (r.zone(q.zone)?.code ?? null) : null;
    if (q.provider && q.region) {
      return typeof q.provider === 'string' && typeof q.region === 'string' ? this.regionZone(r, q.provider, q.region) : null;
    }
    return null;
  }

  /**
   * Loads the stored series points the windows need (one range scan per zone and signal, over the
   * union of its windows) so the estimate can then run synchronously; the lookup answers any window
   * inside a loaded one and null for the rest (priced with yearly figures).
   */
  async loadSeries(windows: SeriesWindow[]): Promise<SeriesLookup> {
    const spans = new Map<string, { zone: string; signal: Signal; from: number; to: number }>();
    for (const w of windows) {
      if (!(Number.isFinite(w.from) && Number.isFinite(w.to) && w.to >= w.from)) continue;
      const zone = this.seriesZone(w.location);
      if (!zone) continue;
      const signal = w.location.signal ?? 'average';
      if (signal !== 'average' && signal !== 'marginal') continue; // refused by the validation that follows
      const key = `${zone}|${signal}`;
      const cur = spans.get(key);
      spans.set(
        key,
        cur ? { ...cur, from: Math.min(cur.from, w.from), to: Math.max(cur.to, w.to) } : { zone, signal, from: w.from, to: w.to },
      );
    }
    const loaded = new Map<
      string,
      { from: number; to: number; points: ZoneSeries['points']; live?: Omit<LiveSeries, 'points'> }
    >();
    for (const [key, span] of spans) {
      // `to` inclusive (+1 ms) so an instant's own point is read; points before `from` may still hold at `from`
      const points = await this.repo.pointsBetween(
        span.zone,
        span.signal,
        new Date(span.from - SERIES_POINT_VALIDITY_MS),
        new Date(span.to + 1),
      );
      if (points.length === 0 && this.live) {
        // nothing stored: recent and coming hours from a live provider when one is configured (never throws)
        // (the provider's ranges start at the hour, so the point in force at `from` is included)
        const live = await this.live.series(span.zone, span.signal, span.from, span.to);
        if (live) {
          const { points: livePoints, ...meta } = live;
          loaded.set(key, {
            from: span.from,
            to: span.to,
            points: livePoints.map((p) => ({ at: p.at, gPerKwh: p.gPerKwh, source: live.source })),
            live: meta,
          });
          continue;
        }
      }
      loaded.set(key, { from: span.from, to: span.to, points });
    }
    return (loc, from, to) => {
      const zone = this.seriesZone(loc);
      if (!zone) return null;
      const hit = loaded.get(`${zone}|${loc.signal ?? 'average'}`);
      if (!hit || from < hit.from || to > hit.to) return null;
      if (hit.points.length === 0) {
        // a live provider that failed or had nothing: no points, but its warnings go with the result
        return hit.live?.warnings.length
          ? { zone, points: [], validityMs: SERIES_POINT_VALIDITY_MS, warnings: hit.live.warnings }
          : null;
      }
      return {
        zone,
        points: hit.points,
        validityMs: SERIES_POINT_VALIDITY_MS,
        ...(hit.live ? { provider: hit.live.provider, fetchedAt: hit.live.fetchedAt, warnings: hit.live.warnings } : {}),
      };
    };
  }

  /** The provider's default PUE with its source (unknown provider: the unknown-data-centre default). */
  pueFor(provider?: string | null): PueDefault {
    return this.resolver().pueFor(provider);
  }

  // ---- zones ---------------------------------------------------------------------------------

  listZones(args: ZonesArgs): ZoneListModel {
    const r = this.resolver();
    const limit = args.limit ?? 50;
    const after = args.cursor !== undefined ? decodeCursor(args.cursor) : null;
    const q = args.q ? fold(args.q.trim()) : '';
    const country = args.country?.toUpperCase();
    const matches = r
      .zones()
      .filter(
        (z) =>
          (!after || z.code > after) &&
          (!args.kind || z.kind === args.kind) &&
          (!country || z.countryCode === country) &&
          (!q || fold(z.code).includes(q) || fold(z.name).includes(q)),
      );
    const page = matches.slice(0, limit);
    return {
      items: page.map((z) => this.zoneModel(r, z)),
      nextCursor: matches.length > limit ? encodeCursor(page[page.length - 1].code) : null,
    };
  }

  getZone(code: string): ZoneModel {
    const r = this.resolver();
    return this.zoneModel(r, this.requireZone(r, code));
  }

  // ---- cloud regions -------------------------------------------------------------------------

  listCloudRegions(args: CloudRegionsArgs): CloudRegionListModel {
    const r = this.resolver();
    const signal = args.signal ?? 'average';
    const items = r.cloudRegions(args.provider).map((c): CloudRegionModel => {
      const pue = r.pueFor(c.provider);
      const base = {
        provider: c.provider,
        region: c.region,
        zone: c.zone,
        location: c.location,
        mappingSource: c.source,
        pue: pue.value,
        pueRange: [pue.low, pue.high],
        pueSource: pue.source,
        signal,
      };
      try {
        const res = r.byCloudRegion(c.provider, c.region, { year: args.year, signal });
        return {
          ...base,
          gPerKwh: res.gPerKwh,
          year: res.year,
          source: res.source,
          sourceId: res.sourceId,
          resolvedFrom: res.resolvedFrom,
          warnings: res.warnings,
        };
      } catch (err) {
        if (!(err instanceof GridError)) throw err;
        return { ...base, gPerKwh: null, year: null, source: null, sourceId: null, resolvedFrom: null, warnings: [err.message] };
      }
    });
    return { items, dataVersion: this.dataVersion() };
  }

  // ---- intensity lookups ---------------------------------------------------------------------

  async intensity(args: IntensityArgs): Promise<IntensityModel> {
    const details = [];
    if (args.zone && (args.provider || args.region))
      details.push({ path: 'zone', message: 'give either zone, or provider and region, not both' });
    else if (!args.zone && !(args.provider && args.region)) {
      details.push({
        path: args.provider ? 'region' : args.region ? 'provider' : 'zone',
        message: 'give a zone, or a provider and a region',
      });
    }
    let at: Date | null = null;
    if (args.at !== undefined) {
      at = parseIsoDateTime(args.at);
      if (!at) details.push({ path: 'at', message: 'at must be a valid ISO 8601 date-time with a time zone, years 1990-2100' });
    }
    if (details.length) throw validationFailed(details);
    const res = await this.resolveIntensity({
      zone: args.zone,
      provider: args.provider,
      region: args.region,
      year: args.year,
      signal: args.signal,
      at,
    });
    return { ...res, range: [...res.range], provider: res.provider ?? null, region: res.region ?? null };
  }

  /**
   * A zone or cloud-region intensity; with `at`, the newest series point of the (resolved) zone at
   * or before `at` and at most SERIES_POINT_VALIDITY_MS old, else the yearly figure of `at`'s year
   * (or `year`) with a warning. Series do not fall back to a parent zone's series.
   */
  async resolveIntensity(q: Omit<LocationQuery, 'gPerKwh'> & { at?: Date | null }): Promise<GridIntensity> {
    const { resolver, version } = this.state();
    const signal = q.signal ?? 'average';
    const year = q.year ?? (q.at ? q.at.getUTCFullYear() : undefined);
    const yearly = this.resolveLocation({ zone: q.zone, provider: q.provider, region: q.region, year, signal });
    if (!q.at) return { ...yearly, at: null, dataVersion: version };
    const seriesZone = q.zone ? resolver.zone(q.zone)!.code : (this.regionZone(resolver, q.provider!, q.region!) ?? yearly.zone);
    const point = await this.repo.pointAt(seriesZone, signal, q.at, new Date(q.at.getTime() - SERIES_POINT_VALIDITY_MS));
    if (!point) {
      const live = this.live ? await this.liveAt(seriesZone, signal, q.at) : null;
      if (live?.point) {
        return {
          zone: seriesZone,
          requestedZone: q.zone ? yearly.requestedZone : null,
          year: new Date(live.point.at).getUTCFullYear(),
          requestedYear: q.year ?? null,
          gPerKwh: live.point.gPerKwh,
          signal,
          source: live.source,
          sourceId: live.provider,
          license: '',
          scope: null,
          resolvedFrom: 'series',
          range: [live.point.gPerKwh, live.point.gPerKwh],
          warnings: live.warnings,
          provider: yearly.provider,
          region: yearly.region,
          at: new Date(live.point.at).toISOString(),
          dataVersion: version,
          liveProvider: live.provider,
          fetchedAt: live.fetchedAt,
          ...(live.signalIndex !== undefined ? { signalIndex: live.signalIndex } : {}),
        };
      }
      const warning = `No ${signal} hourly intensity for ${seriesZone} within ${SERIES_POINT_VALIDITY_MS / 3_600_000} h before ${q.at.toISOString()}; using the yearly figure`;
      return { ...yearly, warnings: [warning, ...(live?.warnings ?? []), ...yearly.warnings], at: null, dataVersion: version };
    }
    return {
      zone: seriesZone,
      requestedZone: q.zone ? yearly.requestedZone : null,
      year: point.at.getUTCFullYear(),
      requestedYear: q.year ?? null,
      gPerKwh: point.gPerKwh,
      signal,
      source: point.source,
      sourceId: 'series',
      license: '',
      scope: null,
      resolvedFrom: 'series',
      range: [point.gPerKwh, point.gPerKwh],
      warnings: [],
      provider: yearly.provider,
      region: yearly.region,
      at: point.at.toISOString(),
      dataVersion: version,
    };
  }

  /**
   * A live value at `at` when no point is stored: Electricity Maps' latest for an average lookup
   * within the last hour, else the provider's history or forecast around `at` (the point in force at
   * `at`); for marginal lookups near now, WattTime's signal index too. Null when no provider serves
   * the signal or the time; `point` null (with warnings) when the provider failed or had nothing.
   */
  private async liveAt(
    zone: string,
    signal: Signal,
    at: Date,
  ): Promise<{
    point: { at: number; gPerKwh: number } | null;
    provider: string;
    source: string;
    fetchedAt: string | null;
    warnings: string[];
    signalIndex?: number | null;
  } | null> {
    const live = this.live!;
    const t = at.getTime();
    const now = Date.now();
    const nearNow = t >= now - LIVE_LATEST_MS && t <= now + LIVE_LATEST_MS;
    const holds = (p: { at: number }) => p.at <= t && t - p.at < SERIES_POINT_VALIDITY_MS;
    if (signal === 'average' && nearNow && live.providerFor('average')) {
      const latest = await live.latest(zone);
      if (latest?.point && holds(latest.point)) {
        return {
          point: latest.point,
          provider: 'electricitymaps',
          source: 'Electricity Maps (live)',
          fetchedAt: latest.fetchedAt,
          warnings: latest.warnings,
        };
      }
    }
    const series = await live.series(zone, signal, t, t);
    if (!series) return null;
    const point = [...series.points].reverse().find(holds) ?? null;
    const index = signal === 'marginal' && nearNow ? await live.signalIndex(zone) : null;
    return {
      point,
      provider: series.provider,
      source: series.source,
      fetchedAt: series.fetchedAt,
      warnings: [...series.warnings, ...(index?.warnings ?? [])],
      ...(index ? { signalIndex: index.percent } : {}),
    };
  }

  // ---- admin writes --------------------------------------------------------------------------

  /** Upserts an admin yearly value (it wins over shipped sources) as a new data version, served at once. */
  async upsertIntensity(code: string, year: number, input: IntensityInput): Promise<UpsertedIntensityModel> {
    const zone = this.requireZone(this.resolver(), code).code;
    const value: IntensityValue = {
      zone,
      year,
      gPerKwh: input.gPerKwh,
      signal: input.signal ?? 'average',
      source: input.source,
      sourceId: ADMIN_SOURCE_ID,
      url: input.url ?? '',
      license: input.license ?? '',
      scope: input.scope ?? null,
    };
    const { version, counts } = await this.repo.transaction(async (manager) => {
      const version = await this.dataVersions.recordAdminWrite(
        manager,
        `grid: ${zone} ${year} ${value.signal} intensity = ${value.gPerKwh} g/kWh`,
        {
          module: 'grid',
          zone,
          year,
          signal: value.signal,
          gPerKwh: value.gPerKwh,
          source: value.source,
        },
      );
      return { version, counts: await this.repo.upsertYearly(manager, value, version) };
    });
    await this.catchUp(version);
    return { ...value, created: counts.inserted === 1, dataVersion: version };
  }

  /**
   * Imports series points: JSON (array or object), or CSV (a stream or, from GraphQL, a string) in the
   * service's own form, a plain datetime,gPerKwh file or Electricity Maps' hourly export. Idempotent on
   * (zone, signal, instant): the same point from the same source again changes nothing (`unchanged`);
   * another value or source replaces it (`updated`).
   */
  async importSeries(
    code: string,
    args: SeriesImportArgs,
    body: { json?: unknown; csv?: unknown; csvText?: string },
  ): Promise<SeriesImportResultModel> {
    const zone = this.requireZone(this.resolver(), code).code;
    const isCsv = body.csv !== undefined || body.csvText !== undefined;
    if (args.format && (args.format === 'json') === isCsv) {
      throw validationFailed([
        {
          path: 'format',
          message: isCsv ? 'format json takes an application/json body' : `format ${args.format} takes a text/csv body`,
        },
      ]);
    }
    const csvOptions = {
      format: args.format && args.format !== 'json' ? args.format : null,
      zone,
      emissionFactorType: args.emissionFactorType ?? 'lifecycle',
    };
    const parsed: ParsedSeries & { format?: string } =
      body.csvText !== undefined
        ? parseSeriesCsv(body.csvText, csvOptions)
        : body.csv !== undefined
          ? await readSeriesCsv(body.csv, this.config.BODY_LIMIT_BYTES, csvOptions)
          : parseSeriesJson(body.json);
    const signal = parsed.signal ?? args.signal ?? 'average';
    const source = parsed.source ?? args.source ?? parsed.defaultSource ?? 'admin import';
    const from = new Date(parsed.points[0].at).toISOString();
    const to = new Date(parsed.points[parsed.points.length - 1].at).toISOString();
    const { version, counts } = await this.repo.transaction(async (manager) => {
      const version = await this.dataVersions.recordAdminWrite(
        manager,
        `grid: ${zone} ${signal} series, ${parsed.points.length} point(s) ${from}..${to}`,
        {
          module: 'grid',
          zone,
          signal,
          source,
          points: parsed.points.length,
          from,
          to,
        },
      );
      return { version, counts: await this.repo.upsertPoints(manager, { zone, signal, source, version, points: parsed.points }) };
    });
    await this.catchUp(version);
    return {
      zone,
      signal,
      format: parsed.format ?? 'json',
      source,
      received: parsed.received,
      duplicates: parsed.duplicates,
      ...counts,
      unchanged: parsed.points.length - counts.inserted - counts.updated,
      from,
      to,
      dataVersion: version,
    };
  }

  // ---- internals -----------------------------------------------------------------------------

  private state(): Loaded {
    if (!this.loaded) {
      throw new CommonError(CommonErrorCode.SERVICE_UNAVAILABLE, 'Grid reference data is not loaded yet (the seed has not run).');
    }
    return this.loaded;
  }

  /** Makes this replica serve `version` before answering the write (others follow within REFERENCE_REFRESH_MS). */
  private async catchUp(version: string) {
    await this.dataVersions.refresh();
    if (this.dataVersions.current() !== version && this.loaded?.version !== version) await this.dataVersions.refresh();
  }

  private regionZone(r: IntensityResolver, provider: string, region: string): string | null {
    const norm = (x: string) => x.toLowerCase().replace(/[^a-z0-9]/g, '');
    return r.cloudRegions(provider).find((c) => norm(c.region) === norm(region))?.zone ?? null;
  }

  private requireZone(r: IntensityResolver, code: string): ZoneRecord {
    const z = r.zone(code);
    if (z) return z;
    const suggestions = r.suggestZones(code);
    throw new GridError(
      GridErrorCode.ZONE_NOT_FOUND,
      `Unknown grid zone '${code}'` + (suggestions.length ? `; did you mean ${suggestions.join(', ')}?` : ''),
      suggestions,
    );
  }

  private zoneModel(r: IntensityResolver, z: ZoneRecord): ZoneModel {
    const values = r.intensitiesFor(z.code);
    const precedence = r.sourcePrecedence();
    const rank = (id: string) => {
      const i = precedence.indexOf(id.toLowerCase());
      return i === -1 ? precedence.length : i;
    };
    const best = new Map<string, IntensityValue>();
    for (const v of values) {
      const key = `${v.year}|${v.signal}`;
      const cur = best.get(key);
      if (
        !cur ||
        rank(v.sourceId) < rank(cur.sourceId) ||
        (rank(v.sourceId) === rank(cur.sourceId) && v.sourceId.localeCompare(cur.sourceId) < 0)
      ) {
        best.set(key, v);
      }
    }
    return toZoneModel(z, values, (v) => best.get(`${v.year}|${v.signal}`) === v);
  }
}

function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

function encodeCursor(code: string): string {
  return Buffer.from(JSON.stringify({ after: code })).toString('base64url');
}

function decodeCursor(cursor: string): string {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { after?: unknown };
    if (typeof v.after === 'string' && v.after) return v.after;
  } catch {
    /* reported below */
  }
  throw validationFailed([{ path: 'cursor', message: 'cursor is not a cursor this API returned' }]);
}
