/**
 * The grid intensity of a period: the work ran from `start` to `end`, so its electricity is priced
 * with the intensity of those hours, not with the latest year's figure.
 *
 *   I = integral of w(t) x I(t) dt / integral of w(t) dt   over [start, end)
 *
 * - I(t): the series point in force at t (a point holds from its `at` until the next point, for at
 *   most `validityMs`), else the yearly figure of t's (UTC) year as the context resolves it (a missing
 *   year falls back to the nearest one, with the resolver's warning).
 * - w(t): 1 (flat power, the default), or the power profile's sample in force at t (a sample holds
 *   until the next one; before the first sample the first one holds, after the last the last one).
 *   The profile only weighs the hours against each other: the energy stays the estimate's.
 * The integral is exact for these step functions: the period is cut at every year boundary, series
 * point, point expiry and profile sample, and each piece is constant.
 * Pure: the yearly figures and the series come from the EstimationContext.
 */
import type {
  EstimateRequest,
  EstimationContext,
  IntensityLookup,
  IntensityPeriodFactor,
  IntensitySeries,
  LocationRequest,
  PowerSample,
  WorkPeriod,
} from './estimation.types';

const HOUR_MS = 3_600_000;

export interface ResolvedPeriod {
  start: number;
  end: number;
  /** power samples (epoch ms), ascending; null = flat */
  profile: { at: number; powerW: number }[] | null;
  warnings: string[];
}

function toMs(v: string | Date | null | undefined): number | null {
  if (v === undefined || v === null) return null;
  const t = v instanceof Date ? v.getTime() : Date.parse(v);
  return Number.isFinite(t) ? t : null;
}

/** Wall-clock hours of the work when the request says them (`hours`, or `acceleratorHours` / `hardware.count`). */
function requestWallHours(req: EstimateRequest): number | null {
  if (typeof req.hours === 'number' && req.hours > 0) return req.hours;
  const count = req.hardware?.count;
  if (typeof req.acceleratorHours === 'number' && typeof count === 'number' && count > 0) return req.acceleratorHours / count;
  return null;
}

/**
 * The period the intensity covers: [startedAt, endedAt]; with only one end given, the other is
 * derived from the request's wall-clock hours when it has them. Null when no time is given, or when
 * location.year or location.gPerKwh fixes the intensity (an explicit year wins).
 */
export function workPeriod(req: EstimateRequest, period: WorkPeriod | null | undefined): ResolvedPeriod | null {
  if (!period) return null;
  const loc = req.location ?? ({} as LocationRequest);
  if (loc.year !== undefined && loc.year !== null) return null;
  if (loc.gPerKwh !== undefined && loc.gPerKwh !== null) return null;
  let start = toMs(period.startedAt);
  let end = toMs(period.endedAt);
  if (start === null && end === null) return null;
  const warnings: string[] = [];
  const wall = requestWallHours(req);
  if (start !== null && end === null) {
    if (wall !== null) end = start + wall * HOUR_MS;
    else {
      end = start;
      warnings.push(
        'endedAt not given and the request does not state its wall-clock hours: priced with the intensity at startedAt',
      );
    }
  } else if (start === null && end !== null) {
    if (wall !== null) start = end - wall * HOUR_MS;
    else {
      start = end;
      warnings.push(
        'startedAt not given and the request does not state its wall-clock hours: priced with the intensity at endedAt',
      );
    }
  }
  if (end! < start!) return null; // the transports reject this; never price a negative period
  let profile: ResolvedPeriod['profile'] = null;
  if (period.powerProfile && period.powerProfile.length > 0) {
    profile = period.powerProfile
      .map((p: PowerSample) => ({ at: toMs(p.at) ?? NaN, powerW: p.powerW }))
      .filter((p) => Number.isFinite(p.at) && Number.isFinite(p.powerW) && p.powerW >= 0)
      .sort((a, b) => a.at - b.at);
    if (profile.length === 0) profile = null;
    else if (profile[0].at > start!)
      warnings.push('powerProfile starts after the period: its first sample is used for the hours before it');
  }
  return { start: start!, end: end!, profile, warnings };
}

/** Index of the last element with at <= t (binary search), or -1. */
function lastAtOrBefore(points: { at: number }[], t: number): number {
  let lo = 0;
  let hi = points.length - 1;
  let ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (points[mid].at <= t) {
      ans = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return ans;
}

const utcYear = (t: number): number => new Date(t).getUTCFullYear();
const yearStart = (y: number): number => Date.UTC(y, 0, 1);
const round = (x: number, digits = 6): number => +x.toFixed(digits);

/**
 * The period intensity of a location (see the file comment). The yearly figures come from
 * ctx.resolveIntensity per year, the points from ctx.intensitySeries (when the context has one).
 */
export function periodIntensity(
  loc: LocationRequest,
  p: ResolvedPeriod,
  ctx: Pick<EstimationContext, 'resolveIntensity' | 'intensitySeries'>,
): IntensityLookup {
  const yearly = new Map<number, IntensityLookup>();
  const yearLookup = (y: number): IntensityLookup => {
    let v = yearly.get(y);
    if (!v) {
      v = ctx.resolveIntensity({ ...loc, year: y });
      yearly.set(y, v);
    }
    return v;
  };

  const series: IntensitySeries | null = ctx.intensitySeries ? ctx.intensitySeries(loc, p.start, p.end) : null;
  const points = series?.points ?? [];
  const validity = series?.validityMs ?? 0;

  // Cut points: the ends, year boundaries, series points and their expiry, profile samples.
  const cuts = new Set<number>([p.start, p.end]);
  for (let y = utcYear(p.start) + 1; yearStart(y) < p.end; y++) cuts.add(yearStart(y));
  if (points.length) {
    for (let i = Math.max(0, lastAtOrBefore(points, p.start)); i < points.length && points[i].at < p.end; i++) {
      const a = points[i].at;
      if (a > p.start) cuts.add(a);
      const exp = a + validity;
      if (exp > p.start && exp < p.end) cuts.add(exp);
    }
  }
  if (p.profile) for (const s of p.profile) if (s.at > p.start && s.at < p.end) cuts.add(s.at);
  const bounds = [...cuts].sort((a, b) => a - b);

  const pointAt = (t: number): { gPerKwh: number; source?: string } | null => {
    if (!points.length) return null;
    const i = lastAtOrBefore(points, t);
    if (i < 0) return null;
    return t - points[i].at < validity ? points[i] : null;
  };
  const powerAt = (t: number): number => {
    const prof = p.profile!;
    const i = lastAtOrBefore(prof, t);
    return prof[i < 0 ? 0 : i].powerW;
  };

  // Pieces [a, b): a zero-length period is one instant, weighed 1.
  const pieces: [number, number, number][] = []; // [a, durationMs, weight]
  if (p.end === p.start) pieces.push([p.start, 0, 1]);
  else for (let i = 0; i + 1 < bounds.length; i++) pieces.push([bounds[i], bounds[i + 1] - bounds[i], 0]);

  let wSum = 0;
  let wI = 0;
  let wLow = 0;
  let wHigh = 0;
  let seriesMs = 0;
  let seriesW = 0;
  let seriesWI = 0;
  const seriesIdx = new Set<number>();
  const sources = new Set<string>();
  const byYear = new Map<number, { ms: number; w: number }>();
  for (const piece of pieces) {
    const [a, dur] = piece;
    const w = p.end === p.start ? 1 : (dur / HOUR_MS) * (p.profile ? powerAt(a) : 1);
    const pt = pointAt(a);
    let g: number;
    let lo: number;
    let hi: number;
    if (pt) {
      g = lo = hi = pt.gPerKwh;
      seriesMs += dur;
      seriesW += w;
      seriesWI += w * g;
      seriesIdx.add(lastAtOrBefore(points, a));
      if (pt.source) sources.add(pt.source);
    } else {
      const y = utcYear(a);
      const v = yearLookup(y);
      g = v.gPerKwh;
      lo = Math.min(v.range[0], g);
      hi = Math.max(v.range[1], g);
      const e = byYear.get(y) ?? { ms: 0, w: 0 };
      e.ms += dur;
      e.w += w;
      byYear.set(y, e);
    }
    wSum += w;
    wI += w * g;
    wLow += w * lo;
    wHigh += w * hi;
  }

  const warnings: string[] = [...p.warnings];
  const weighting: IntensityPeriodFactor['weighting'] = p.profile ? 'power-profile' : 'flat';
  if (wSum <= 0) {
    // every sample of the profile is 0 W: nothing to weigh by, fall back to flat time weights
    warnings.push('powerProfile has no power over the period: the hours are weighed equally');
    return periodIntensity(loc, { ...p, profile: null, warnings }, ctx);
  }
  const gPerKwh = wI / wSum;
  const totalMs = p.end - p.start;
  const coverage = totalMs > 0 ? seriesMs / totalMs : seriesIdx.size > 0 ? 1 : 0;
  const method: IntensityPeriodFactor['method'] =
    byYear.size === 0 ? 'hourly' : seriesMs > 0 || seriesIdx.size > 0 ? 'mixed' : 'yearly';

  const years = [...byYear.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([y, e]) => {
      const v = yearly.get(y)!;
      return { year: y, hours: round(e.ms / HOUR_MS), gPerKwh: v.gPerKwh, dataYear: v.year ?? y, source: v.source };
    });
  for (const y of byYear.keys()) for (const w of yearly.get(y)!.warnings) if (!warnings.includes(w)) warnings.push(w);
  if (series?.warnings) for (const w of series.warnings) if (!warnings.includes(w)) warnings.push(w);
  if (method === 'mixed') {
    warnings.push(
      `The hourly series for ${series!.zone} covers ${round(coverage * 100, 1)}% of the period; the other hours use the yearly figure`,
    );
  }

  // The factor's headline year/zone/source: the series when it covered anything, else the year with the most hours.
  const mainYear = years.length ? years.reduce((a, b) => (b.hours > a.hours ? b : a)).year : utcYear(p.start);
  const main = byYear.size ? yearly.get(mainYear)! : null;
  const seriesSources = [...sources].sort();
  const seriesLabel = seriesSources.length ? seriesSources.join(', ') : 'hourly series';
  const yearlySources = [...new Set(years.map((y) => y.source))];
  const source =
    method === 'hourly'
      ? `${seriesLabel} (hourly)`
      : method === 'mixed'
        ? `${seriesLabel} (hourly, ${round(coverage * 100, 1)}% of the hours); ${yearlySources.join('; ')} (yearly)`
        : yearlySources.join('; ');
  const base = main ?? yearLookup(mainYear); // an hourly-only period still reports the zone's yearly provenance fields

  const factor: IntensityPeriodFactor = {
    start: new Date(p.start).toISOString(),
    end: new Date(p.end).toISOString(),
    hours: round(totalMs / HOUR_MS),
    method,
    weighting,
    years,
    series:
      seriesIdx.size > 0
        ? {
            zone: series!.zone,
            hours: round(seriesMs / HOUR_MS),
            points: seriesIdx.size,
            gPerKwh: seriesWI / seriesW,
            sources: seriesSources,
            provider: series!.provider ?? null,
            fetchedAt: series!.fetchedAt ?? null,
          }
        : null,
    coverage: round(coverage),
  };

  return {
    zone: method === 'hourly' ? series!.zone : base.zone,
    year: main ? main.year : mainYear,
    gPerKwh,
    signal: base.signal,
    source,
    ...(method === 'hourly' ? {} : base.license !== undefined ? { license: base.license } : {}),
    range: [Math.min(wLow / wSum, gPerKwh), Math.max(wHigh / wSum, gPerKwh)],
    warnings,
    resolvedFrom: method === 'yearly' ? base.resolvedFrom : 'series',
    period: factor,
  };
}
