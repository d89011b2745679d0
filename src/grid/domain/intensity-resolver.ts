/**
 * Resolves a grid carbon intensity (gCO2e/kWh) for a zone or a cloud region, for a year, with
 * provenance, a low/high range and warnings for every fallback. Pure; all lookups are map lookups
 * over indexes built once in the constructor.
 *
 * Rules
 * - Signal: 'average' unless 'marginal' is asked for. The two are never mixed: an average request
 *   only ever sees average values (and the range is computed over the same signal).
 * - Year: the requested year if present; else the nearest earlier year; else (request predates the
 *   data) the nearest later year, i.e. the earliest available. Any year other than the requested
 *   one adds a warning. Without a requested year the latest available year is used (no warning).
 *   Year is chosen first, then the source by precedence among the values of that year.
 * - Source precedence (default DEFAULT_PRECEDENCE = electricitymaps, ember, unfccc): Electricity
 *   Maps first because it has one consistent lifecycle method for countries and sub-national zones
 *   and a value for every year 2021-2025; Ember (lifecycle too) covers countries Electricity Maps
 *   lacks and the aggregates (WORLD, EU...); UNFCCC is the only marginal source. Sources missing
 *   from a custom precedence list rank after the listed ones.
 * - Fallback: a zone that exists but has no value for the signal falls back to its country
 *   ('country-fallback'), then to WORLD ('world-fallback'), each with a warning. An unknown zone is
 *   an error (ZONE_NOT_FOUND with suggestions), never a silent fallback.
 * - Cloud regions: by default a region whose provider publishes its own per-region figure (Google
 *   for GCP) resolves to that figure ('provider'), as DESIGN.md asks ("GCP regions from Google's own
 *   per-year figures"); note Google's figures from 2021 are operational ('direct' scope) while the
 *   zone figures are lifecycle, so GCP regions read lower than the same grid via the zone. Pass
 *   preferProviderFigure: false to go through the region's zone ('cloud-region') for a
 *   like-for-like comparison across providers. Marginal always goes through the zone.
 * - Range: min/max over every value of the same signal for the zone actually used, across sources
 *   and years (plus the provider's figures for that region when a provider figure is used), so it
 *   always contains gPerKwh. Scopes may differ inside a range (lifecycle vs direct).
 */
import {
  CloudRegionRecord,
  GridReference,
  IntensityValue,
  ProviderIntensityValue,
  PueDefault,
  Signal,
  ZoneRecord,
} from './grid-reference';
import { GridError, GridErrorCode } from './grid.errors';

export interface ResolvedIntensity {
  zone: string;
  requestedZone: string | null;
  year: number;
  requestedYear: number | null;
  gPerKwh: number;
  signal: Signal;
  source: string;
  sourceId: string;
  license: string;
  scope: 'lifecycle' | 'direct' | null;
  resolvedFrom: 'zone' | 'cloud-region' | 'provider' | 'country-fallback' | 'world-fallback' | 'request';
  /** low/high across sources and years available for that zone (same signal); contains gPerKwh */
  range: [number, number];
  warnings: string[];
  provider?: string;
  region?: string;
}

export const DEFAULT_PRECEDENCE: readonly string[] = ['electricitymaps', 'ember', 'unfccc'];

/** Common names that are not zone codes, offered first as suggestions (never resolved silently). */
const ZONE_ALIASES: Record<string, string[]> = {
  UK: ['GB', 'GB-NIR'],
  GLOBAL: ['WORLD'],
  EARTH: ['WORLD'],
  USA: ['US'],
  EU27: ['EU'],
  'EU-27': ['EU'],
};

const PROVIDER_ALIASES: Record<string, string> = {
  aws: 'aws',
  amazon: 'aws',
  'amazon web services': 'aws',
  gcp: 'gcp',
  google: 'gcp',
  'google cloud': 'gcp',
  'google cloud platform': 'gcp',
  azure: 'azure',
  microsoft: 'azure',
  'microsoft azure': 'azure',
};

/** A set of values of one signal for one zone (or one provider region), indexed by year. */
interface Series {
  /** best value per year, by precedence */
  byYear: Map<number, IntensityValue>;
  /** available years, ascending */
  years: number[];
  range: [number, number];
}

function normZone(code: string): string {
  return code.trim().toUpperCase();
}
function normRegion(region: string): string {
  return region.toLowerCase().replace(/[^a-z0-9]/g, '');
}
function normProvider(provider: string): string {
  const p = provider.trim().toLowerCase();
  return PROVIDER_ALIASES[p] ?? p;
}
function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}
function levenshtein(a: string, b: string, max = 3): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      rowMin = Math.min(rowMin, cur[j]);
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length];
}

export class IntensityResolver {
  private readonly precedence: string[];
  private readonly zoneByCode = new Map<string, ZoneRecord>();
  private readonly iso3Zones = new Map<string, string>();
  private readonly zoneList: ZoneRecord[];
  private readonly valuesByZone = new Map<string, IntensityValue[]>();
  private readonly series = new Map<string, Series>(); // `${zone}|${signal}`
  private readonly providerSeries = new Map<string, Series>(); // `${provider}|${normRegion}`
  private readonly regionByKey = new Map<string, CloudRegionRecord>(); // `${provider}|${normRegion}`
  private readonly regionsByProvider = new Map<string, CloudRegionRecord[]>();
  private readonly pueByProvider = new Map<string, PueDefault>();
  private readonly unknownPue: PueDefault;

  constructor(
    private readonly ref: GridReference,
    opts: { precedence?: string[] } = {},
  ) {
    this.precedence = [...(opts.precedence ?? DEFAULT_PRECEDENCE)].map((s) => s.toLowerCase());

    for (const z of ref.zones) this.zoneByCode.set(normZone(z.code), z);
    for (const [k, v] of Object.entries(ref.iso3Zones ?? {}))
      if (this.zoneByCode.has(normZone(v))) this.iso3Zones.set(k, normZone(v));
    this.zoneList = [...this.zoneByCode.values()].sort((a, b) => a.code.localeCompare(b.code));

    const groups = new Map<string, IntensityValue[]>();
    for (const v of ref.intensities) {
      const zone = normZone(v.zone);
      const list = this.valuesByZone.get(zone) ?? [];
      list.push(v);
      this.valuesByZone.set(zone, list);
      const key = `${zone}|${v.signal}`;
      const g = groups.get(key) ?? [];
      g.push(v);
      groups.set(key, g);
    }
    for (const [zone, list] of this.valuesByZone) {
      list.sort((a, b) => a.signal.localeCompare(b.signal) || b.year - a.year || this.rank(a.sourceId) - this.rank(b.sourceId));
      this.valuesByZone.set(zone, list);
    }
    for (const [key, list] of groups) this.series.set(key, this.buildSeries(list));

    const pGroups = new Map<string, ProviderIntensityValue[]>();
    for (const v of ref.providerIntensities) {
      const key = `${normProvider(v.provider)}|${normRegion(v.region)}`;
      const g = pGroups.get(key) ?? [];
      g.push(v);
      pGroups.set(key, g);
    }
    for (const [key, list] of pGroups) this.providerSeries.set(key, this.buildSeries(list));

    for (const r of ref.cloudRegions) {
      const p = normProvider(r.provider);
      this.regionByKey.set(`${p}|${normRegion(r.region)}`, r);
      const l = this.regionsByProvider.get(p) ?? [];
      l.push(r);
      this.regionsByProvider.set(p, l);
    }

    for (const p of ref.pue) this.pueByProvider.set(normProvider(p.provider), p);
    const unknown = this.pueByProvider.get('unknown');
    if (!unknown) throw new Error('grid reference has no PUE default for provider "unknown"');
    this.unknownPue = unknown;
  }

  // ---- lookups -------------------------------------------------------------------------------

  zone(code: string): ZoneRecord | null {
    return this.zoneByCode.get(normZone(code)) ?? null;
  }

  zones(): ZoneRecord[] {
    return this.zoneList;
  }

  /** Every value for the zone (both signals, all sources and years): signal, newest year, precedence. */
  intensitiesFor(code: string): IntensityValue[] {
    return this.valuesByZone.get(normZone(code)) ?? [];
  }

  cloudRegions(provider?: string): CloudRegionRecord[] {
    if (provider === undefined || provider === null || provider === '') return this.ref.cloudRegions;
    return this.regionsByProvider.get(normProvider(provider)) ?? [];
  }

  /** The provider's default PUE; unknown or missing provider -> the unknown-data-centre default. */
  pueFor(provider?: string | null): PueDefault {
    if (!provider) return this.unknownPue;
    return this.pueByProvider.get(normProvider(provider)) ?? this.unknownPue;
  }

  /** The precedence in effect (sourceIds, highest first). */
  sourcePrecedence(): string[] {
    return [...this.precedence];
  }

  // ---- resolution ----------------------------------------------------------------------------

  byZone(zone: string, opts: { year?: number; signal?: Signal } = {}): ResolvedIntensity {
    const code = normZone(zone);
    const iso3 = this.zoneByCode.has(code) ? undefined : this.iso3Zones.get(code);
    if (iso3) {
      // A country's ISO 3166-1 alpha-3 code (CodeCarbon's country_iso_code) is that country's zone.
      const res = this.resolveZone(iso3, iso3, opts.signal ?? 'average', opts.year, 'zone');
      return { ...res, warnings: [`zone '${zone}' read as the ISO 3166-1 alpha-3 code of ${iso3}`, ...res.warnings] };
    }
    if (!this.zoneByCode.has(code)) {
      const suggestions = this.suggestZones(zone);
      throw new GridError(
        GridErrorCode.ZONE_NOT_FOUND,
        `Unknown grid zone '${zone}'` + (suggestions.length ? `; did you mean ${suggestions.join(', ')}?` : ''),
        suggestions,
      );
    }
    return this.resolveZone(code, code, opts.signal ?? 'average', opts.year, 'zone');
  }

  byCloudRegion(
    provider: string,
    region: string,
    opts: { year?: number; signal?: Signal; preferProviderFigure?: boolean } = {},
  ): ResolvedIntensity {
    const p = normProvider(provider ?? '');
    const rec = this.regionByKey.get(`${p}|${normRegion(region ?? '')}`);
    if (!rec) {
      const known = this.regionsByProvider.has(p);
      const suggestions = known ? this.suggestRegions(p, region ?? '') : [...this.regionsByProvider.keys()].sort();
      throw new GridError(
        GridErrorCode.CLOUD_REGION_NOT_FOUND,
        known
          ? `Unknown ${p} region '${region}'` + (suggestions.length ? `; did you mean ${suggestions.join(', ')}?` : '')
          : `Unknown cloud provider '${provider}'; known providers: ${suggestions.join(', ')}`,
        suggestions,
      );
    }
    const signal = opts.signal ?? 'average';
    const prefer = opts.preferProviderFigure ?? true;
    const provSeries = this.providerSeries.get(`${p}|${normRegion(rec.region)}`);
    const extra = { provider: rec.provider, region: rec.region };

    if (signal === 'average' && prefer && provSeries) {
      const { value, warnings } = this.pickYear(provSeries, opts.year, `${rec.provider} ${rec.region}`, 'average');
      const zoneSeries = this.series.get(`${normZone(rec.zone)}|average`);
      const range: [number, number] = zoneSeries
        ? [Math.min(provSeries.range[0], zoneSeries.range[0]), Math.max(provSeries.range[1], zoneSeries.range[1])]
        : provSeries.range;
      return {
        zone: normZone(rec.zone),
        requestedZone: null,
        year: value.year,
        requestedYear: opts.year ?? null,
        gPerKwh: value.gPerKwh,
        signal: 'average',
        source: value.source,
        sourceId: value.sourceId,
        license: value.license,
        scope: value.scope,
        resolvedFrom: 'provider',
        range,
        warnings,
        ...extra,
      };
    }

    const pre: string[] = [];
    if (signal === 'marginal' && opts.preferProviderFigure === true && provSeries) {
      pre.push(`${rec.provider} publishes average figures only; using the marginal intensity of zone ${rec.zone}`);
    }
    const res = this.resolveZone(normZone(rec.zone), null, signal, opts.year, 'cloud-region');
    return { ...res, warnings: [...pre, ...res.warnings], ...extra };
  }

  /** An intensity given in the request itself (`location: { gPerKwh }`), in the same shape. */
  fromRequest(gPerKwh: number, opts: { year?: number; signal?: Signal } = {}): ResolvedIntensity {
    if (!Number.isFinite(gPerKwh) || gPerKwh < 0) {
      throw new GridError(GridErrorCode.INTENSITY_NOT_FOUND, `Invalid intensity ${gPerKwh} gCO2e/kWh`);
    }
    const year = opts.year ?? new Date().getUTCFullYear();
    return {
      zone: 'REQUEST',
      requestedZone: null,
      year,
      requestedYear: opts.year ?? null,
      gPerKwh,
      signal: opts.signal ?? 'average',
      source: 'request',
      sourceId: 'request',
      license: '',
      scope: null,
      resolvedFrom: 'request',
      range: [gPerKwh, gPerKwh],
      warnings: [],
    };
  }

  // ---- suggestions ---------------------------------------------------------------------------

  /** Zone codes close to q (code prefix, name match, small edit distance), best first. */
  suggestZones(q: string, limit = 5): string[] {
    const raw = (q ?? '').trim();
    if (!raw) return [];
    const code = normZone(raw);
    const fq = fold(raw);
    const scored: { code: string; score: number }[] = [];
    const aliases = ZONE_ALIASES[code] ?? [];
    aliases.forEach((c, i) => this.zoneByCode.has(c) && scored.push({ code: c, score: 0.5 + i / 100 }));
    for (const z of this.zoneList) {
      const c = z.code;
      if (aliases.includes(c)) continue;
      const name = fold(z.name);
      let score: number | null = null;
      if (c === code) score = 0;
      else if (name === fq) score = 1;
      else if (c.startsWith(code)) score = 2 + (c.length - code.length) / 100;
      else if (code.startsWith(c + '-'))
        score = 2.5; // the parent of an unknown sub-zone
      else if (fq.length >= 3 && name.includes(fq)) score = 3 + name.length / 1000;
      else {
        const d = levenshtein(code, c, 2);
        if (d <= Math.min(2, Math.floor(code.length / 2))) score = 4 + d;
        else if (fq.length >= 4) {
          // typo in a name or in the start of a name ('califrnia' -> 'California ISO')
          const dn = Math.min(levenshtein(fq, name, 2), levenshtein(fq, name.slice(0, fq.length), 2));
          if (dn <= 2) score = 6 + dn + name.length / 1000;
        }
      }
      if (score !== null) scored.push({ code: c, score });
    }
    scored.sort((a, b) => a.score - b.score || a.code.localeCompare(b.code));
    return scored.slice(0, limit).map((s) => s.code);
  }

  private suggestRegions(provider: string, q: string, limit = 5): string[] {
    const nq = normRegion(q);
    const fq = fold(q);
    const scored: { region: string; score: number }[] = [];
    for (const r of this.regionsByProvider.get(provider) ?? []) {
      const nr = normRegion(r.region);
      let score: number | null = null;
      if (nq && (nr.startsWith(nq) || nq.startsWith(nr))) score = Math.abs(nr.length - nq.length) / 100;
      else if (fq.length >= 3 && fold(r.location).includes(fq)) score = 1;
      else {
        const d = levenshtein(nq, nr, 3);
        if (d <= 3) score = 2 + d;
      }
      if (score !== null) scored.push({ region: r.region, score });
    }
    scored.sort((a, b) => a.score - b.score || a.region.localeCompare(b.region));
    return scored.slice(0, limit).map((s) => s.region);
  }

  // ---- internals -----------------------------------------------------------------------------

  private rank(sourceId: string): number {
    const i = this.precedence.indexOf(sourceId.toLowerCase());
    return i === -1 ? this.precedence.length : i;
  }

  private buildSeries(values: IntensityValue[]): Series {
    const byYear = new Map<number, IntensityValue>();
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of values) {
      lo = Math.min(lo, v.gPerKwh);
      hi = Math.max(hi, v.gPerKwh);
      const cur = byYear.get(v.year);
      const better =
        !cur ||
        this.rank(v.sourceId) < this.rank(cur.sourceId) ||
        (this.rank(v.sourceId) === this.rank(cur.sourceId) && v.sourceId.localeCompare(cur.sourceId) < 0);
      if (better) byYear.set(v.year, v);
    }
    const years = [...byYear.keys()].sort((a, b) => a - b);
    return { byYear, years, range: [lo, hi] };
  }

  private pickYear(
    s: Series,
    year: number | undefined,
    label: string,
    signal: Signal,
  ): { value: IntensityValue; warnings: string[] } {
    if (year === undefined || year === null) {
      return { value: s.byYear.get(s.years[s.years.length - 1])!, warnings: [] };
    }
    const exact = s.byYear.get(year);
    if (exact) return { value: exact, warnings: [] };
    let earlier: number | undefined;
    for (const y of s.years) if (y < year) earlier = y;
    if (earlier !== undefined) {
      return {
        value: s.byYear.get(earlier)!,
        warnings: [`No ${signal} intensity for ${label} in ${year}; using ${earlier}, the nearest earlier year`],
      };
    }
    const first = s.years[0];
    return {
      value: s.byYear.get(first)!,
      warnings: [`No ${signal} intensity for ${label} in or before ${year}; using ${first}, the earliest year available`],
    };
  }

  private resolveZone(
    code: string,
    requestedZone: string | null,
    signal: Signal,
    year: number | undefined,
    direct: 'zone' | 'cloud-region',
  ): ResolvedIntensity {
    const warnings: string[] = [];
    let current: string | null = code;
    let resolvedFrom: ResolvedIntensity['resolvedFrom'] = direct;
    const visited = new Set<string>();
    while (current && !visited.has(current)) {
      visited.add(current);
      const s = this.series.get(`${current}|${signal}`);
      if (s) {
        const picked = this.pickYear(s, year, current, signal);
        const v = picked.value;
        warnings.push(...picked.warnings);
        if (signal === 'marginal' && v.gPerKwh === 0) {
          warnings.push(
            `The ${v.sourceId} marginal factor for ${current} is 0 (hydro-dominated grid with no fossil operating margin); ` +
              `the real marginal effect of extra load (e.g. reduced exports displacing fossil generation) may be higher`,
          );
        }
        return {
          zone: current,
          requestedZone,
          year: v.year,
          requestedYear: year ?? null,
          gPerKwh: v.gPerKwh,
          signal,
          source: v.source,
          sourceId: v.sourceId,
          license: v.license,
          scope: v.scope,
          resolvedFrom,
          range: s.range,
          warnings,
        };
      }
      const z = this.zoneByCode.get(current);
      const next = this.fallbackOf(z);
      if (!next) break;
      const nextKind = next === 'WORLD' ? 'world-fallback' : 'country-fallback';
      warnings.push(
        `Zone ${current} has no ${signal} intensity; using ${next === 'WORLD' ? 'the world figure' : `its country ${next}`} instead`,
      );
      resolvedFrom = nextKind;
      current = next;
    }
    throw new GridError(
      GridErrorCode.INTENSITY_NOT_FOUND,
      `No ${signal} intensity for zone ${code} or its fallbacks`,
      this.signalsOf(code),
    );
  }

  /** subnational -> its country (if known) -> WORLD; country and aggregates -> WORLD; WORLD -> none. */
  private fallbackOf(z: ZoneRecord | undefined): string | null {
    if (!z || z.code === 'WORLD') return null;
    if (z.parent && this.zoneByCode.has(z.parent)) return z.parent;
    return this.zoneByCode.has('WORLD') ? 'WORLD' : null;
  }

  private signalsOf(code: string): string[] {
    return (['average', 'marginal'] as Signal[]).filter((s) => this.series.has(`${code}|${s}`));
  }
}
