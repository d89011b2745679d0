/**
 * Carbon-aware scheduling: when and where to run a job inside a window so that it emits least.
 *
 * The job is estimated once per candidate location (the engine's estimate: energy with that place's
 * PUE, embodied share). Its operational emissions for a start time s are
 *   energyKwh x mean intensity over [s, s + duration) / 1000
 * with the intensity a step function per location: stored (or live) series points where they are,
 * the yearly figure of each calendar year elsewhere (flat: every start is then equal, and the answer
 * says so). Candidate starts are every `stepMinutes` from `window.earliest` while the job still ends
 * by `window.deadline`. An interruptible job runs in the cheapest `stepMinutes` slots of the window
 * instead (enough of them to add up to its duration; the last one partly).
 * "Now" is the carbon-unaware choice: start at window.earliest in the first location, uninterrupted.
 * The mean over a candidate uses a running integral of the step function, so a scan costs
 * O(cuts + candidates) per location.
 *
 * Anchor: the Green Software Foundation's Carbon Aware SDK answers `/emissions/bylocations/best`
 * and `/emissions/forecasts/current` with { location, time, duration, rating } data points and
 * `optimalDataPoints`; here each option adds the estimate around it (co2eKg, energyKwh).
 */
import { EstimationError, EstimationErrorCode, type ErrorDetail } from './estimation.errors';
import type { EstimateRequest, EstimationContext, IntensityLookup, IntensitySeries, LocationRequest } from './estimation.types';
import { estimate } from './estimate';
import { validateEstimateRequest } from './validate';

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

export interface ScheduleJobSimple {
  hours: number;
  powerW: number;
  pue?: number;
}

export interface ScheduleInput {
  /** An estimate request (its location is replaced by each candidate's), or just a duration and power. */
  job: EstimateRequest | ScheduleJobSimple;
  window: { earliest: string; deadline: string };
  interruptible?: boolean;
  /** Candidate places; the first is the default one "now" is measured in. */
  locations: LocationRequest[];
  /** Candidate start spacing (and slot length when interruptible), minutes; default 60. */
  stepMinutes?: number;
  /** How many alternatives to list (default 5). */
  alternatives?: number;
}

export interface ScheduleSignal {
  /** 'forecast': series points after the request time; 'history': points before it; 'mixed'; 'yearly': no series, yearly figures only */
  kind: 'forecast' | 'history' | 'mixed' | 'yearly';
  source: string;
  /** ISO 8601 duration of the data: PT1H for hourly points, P1Y for yearly figures */
  resolution: string;
  /** share (0-1) of the option's hours the series covered */
  coverage: number;
  provider: string | null;
}

export interface ScheduleLocation {
  zone: string | null;
  provider?: string;
  region?: string;
  gPerKwh?: number;
}

export interface ScheduleOption {
  start: string;
  end: string;
  location: ScheduleLocation;
  co2eKg: number;
  operationalCo2eKg: number;
  embodiedCo2eKg: number;
  energyKwh: number;
  /** mean intensity over the hours the job runs (gCO2e/kWh) — the Carbon Aware SDK's "rating" */
  gPerKwh: number;
  /** interruptible jobs: the slots it runs in (merged when adjacent) */
  slots?: { start: string; end: string }[];
  signal: ScheduleSignal;
}

export interface Schedule {
  best: ScheduleOption;
  alternatives: ScheduleOption[];
  /** the carbon-unaware choice: start at window.earliest in the first location */
  now: ScheduleOption;
  savingVsNow: { co2eKg: number; pct: number };
  signal: { kind: ScheduleSignal['kind']; source: string; resolution: string };
  window: { earliest: string; deadline: string };
  durationHours: number;
  interruptible: boolean;
  stepMinutes: number;
  /** candidate (location, start) pairs evaluated */
  candidates: number;
  dataVersion: string;
  warnings: string[];
}

/** Limits of a schedule request. */
export const SCHEDULE_LIMITS = {
  maxLocations: 20,
  maxWindowHours: 24 * 31,
  minStepMinutes: 5,
  maxStepMinutes: 1440,
  maxAlternatives: 50,
} as const;

interface Piece {
  from: number;
  to: number;
  g: number;
  series: boolean;
}

/** A location's intensity over [from, to) as pieces, with a running integral for O(log n) means. */
class StepIntensity {
  readonly pieces: Piece[] = [];
  /** cumulative integral (g/kWh x ms) at each piece start */
  private readonly cum: number[] = [];
  /** cumulative series-covered ms at each piece start */
  private readonly cumSeries: number[] = [];
  readonly yearly = new Map<number, IntensityLookup>();
  series: IntensitySeries | null = null;
  /** the series' own warnings (e.g. a live provider that failed, so the yearly figure is used) */
  warnings: string[] = [];
  seriesSources = new Set<string>();
  /** median spacing of the series points (ms), null without points */
  spacingMs: number | null = null;

  constructor(
    loc: LocationRequest,
    readonly from: number,
    readonly to: number,
    ctx: Pick<EstimationContext, 'resolveIntensity' | 'intensitySeries'>,
  ) {
    const yearOf = (t: number) => new Date(t).getUTCFullYear();
    const yearLookup = (y: number) => {
      let v = this.yearly.get(y);
      if (!v) {
        v = ctx.resolveIntensity({ ...loc, year: y });
        this.yearly.set(y, v);
      }
      return v;
    };
    const series = ctx.intensitySeries ? ctx.intensitySeries(loc, from, to) : null;
    this.series = series && series.points.length ? series : null;
    this.warnings = series?.warnings ?? [];
    const pts = this.series?.points ?? [];
    const validity = this.series?.validityMs ?? 0;
    const cuts = new Set<number>([from, to]);
    for (let y = yearOf(from) + 1; Date.UTC(y, 0, 1) < to; y++) cuts.add(Date.UTC(y, 0, 1));
    for (const p of pts) {
      if (p.at > from && p.at < to) cuts.add(p.at);
      const exp = p.at + validity;
      if (exp > from && exp < to) cuts.add(exp);
    }
    const bounds = [...cuts].sort((a, b) => a - b);
    let j = -1; // last point at or before the piece start
    for (let i = 0; i + 1 < bounds.length; i++) {
      const a = bounds[i];
      while (j + 1 < pts.length && pts[j + 1].at <= a) j++;
      const pt = j >= 0 && a - pts[j].at < validity ? pts[j] : null;
      if (pt?.source) this.seriesSources.add(pt.source);
      this.pieces.push({ from: a, to: bounds[i + 1], g: pt ? pt.gPerKwh : yearLookup(yearOf(a)).gPerKwh, series: !!pt });
    }
    let c = 0;
    let s = 0;
    for (const p of this.pieces) {
      this.cum.push(c);
      this.cumSeries.push(s);
      c += p.g * (p.to - p.from);
      if (p.series) s += p.to - p.from;
    }
    this.cum.push(c);
    this.cumSeries.push(s);
    if (pts.length > 1) {
      const gaps = pts
        .slice(1)
        .map((p, i) => p.at - pts[i].at)
        .sort((a, b) => a - b);
      this.spacingMs = gaps[Math.floor(gaps.length / 2)];
    } else if (pts.length === 1) this.spacingMs = HOUR_MS;
  }

  private index(t: number): number {
    let lo = 0;
    let hi = this.pieces.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.pieces[mid].from <= t) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** integral of g over [from, t] and the series-covered ms in it */
  private at(t: number): { g: number; s: number } {
    if (t >= this.to) return { g: this.cum[this.pieces.length], s: this.cumSeries[this.pieces.length] };
    const i = this.index(t);
    const p = this.pieces[i];
    const d = t - p.from;
    return { g: this.cum[i] + p.g * d, s: this.cumSeries[i] + (p.series ? d : 0) };
  }

  /** mean intensity over [a, b) and the share of it the series covered */
  mean(a: number, b: number): { g: number; coverage: number } {
    if (b <= a) {
      const p = this.pieces[this.index(a)];
      return { g: p.g, coverage: p.series ? 1 : 0 };
    }
    const x = this.at(a);
    const y = this.at(b);
    return { g: (y.g - x.g) / (b - a), coverage: (y.s - x.s) / (b - a) };
  }
}

const iso = (t: number) => new Date(t).toISOString();
const round = (x: number, d = 6) => +x.toFixed(d);

function isSimpleJob(job: unknown): job is ScheduleJobSimple {
  if (!job || typeof job !== 'object') return false;
  const keys = Object.keys(job);
  return keys.includes('powerW') && keys.every((k) => ['hours', 'powerW', 'pue'].includes(k));
}

function isoDuration(ms: number): string {
  if (ms % (24 * HOUR_MS) === 0) return `P${ms / (24 * HOUR_MS)}D`;
  if (ms % HOUR_MS === 0) return `PT${ms / HOUR_MS}H`;
  return `PT${Math.round(ms / MINUTE_MS)}M`;
}

/** Validates the parts of a schedule request the engine's EstimateRequest validation does not cover. */
function validateSchedule(input: ScheduleInput): { earliest: number; deadline: number; step: number; alternatives: number } {
  const details: ErrorDetail[] = [];
  const o = (input ?? {}) as unknown as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (!['job', 'window', 'interruptible', 'locations', 'stepMinutes', 'alternatives'].includes(k))
      details.push({ path: k, message: `unknown field '${k}'` });
  }
  if (!o.job || typeof o.job !== 'object' || Array.isArray(o.job))
    details.push({ path: 'job', message: 'is required: an estimate request, or { hours, powerW }' });
  const w = o.window as Record<string, unknown> | undefined;
  const time = (k: 'earliest' | 'deadline') => {
    const v = w?.[k];
    const t = typeof v === 'string' && /[zZ]|[+-]\d\d:?\d\d$/.test(v) ? Date.parse(v) : NaN;
    if (!Number.isFinite(t)) details.push({ path: `window.${k}`, message: 'must be an ISO 8601 date-time with a time zone' });
    return t;
  };
  let earliest = NaN;
  let deadline = NaN;
  if (!w || typeof w !== 'object' || Array.isArray(w))
    details.push({ path: 'window', message: 'is required: { earliest, deadline }' });
  else {
    earliest = time('earliest');
    deadline = time('deadline');
    if (Number.isFinite(earliest) && Number.isFinite(deadline)) {
      if (deadline <= earliest) details.push({ path: 'window.deadline', message: 'must be after window.earliest' });
      else if (deadline - earliest > SCHEDULE_LIMITS.maxWindowHours * HOUR_MS) {
        details.push({ path: 'window.deadline', message: `the window may span at most ${SCHEDULE_LIMITS.maxWindowHours} hours` });
      }
    }
  }
  if (o.interruptible !== undefined && typeof o.interruptible !== 'boolean')
    details.push({ path: 'interruptible', message: 'must be a boolean' });
  const locs = o.locations;
  if (!Array.isArray(locs) || locs.length === 0)
    details.push({ path: 'locations', message: 'must list 1 or more places: { zone } or { provider, region }' });
  else if (locs.length > SCHEDULE_LIMITS.maxLocations)
    details.push({ path: 'locations', message: `must list at most ${SCHEDULE_LIMITS.maxLocations} places` });
  else {
    locs.forEach((l, i) => {
      const r = l as Record<string, unknown> | null;
      const ok =
        r &&
        typeof r === 'object' &&
        (typeof r.zone === 'string' ||
          (typeof r.provider === 'string' && typeof r.region === 'string') ||
          typeof r.gPerKwh === 'number');
      if (!ok) details.push({ path: `locations.${i}`, message: 'must be { zone } or { provider, region } (or { gPerKwh })' });
      else if (r.year !== undefined)
        details.push({
          path: `locations.${i}.year`,
          message: 'a schedule prices each hour with its own data; year is not allowed',
        });
    });
  }
  const intIn = (k: 'stepMinutes' | 'alternatives', min: number, max: number, dflt: number) => {
    const v = o[k];
    if (v === undefined || v === null) return dflt;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      details.push({ path: k, message: `must be an integer from ${min} to ${max}` });
      return dflt;
    }
    return v;
  };
  const step = intIn('stepMinutes', SCHEDULE_LIMITS.minStepMinutes, SCHEDULE_LIMITS.maxStepMinutes, 60);
  const alternatives = intIn('alternatives', 0, SCHEDULE_LIMITS.maxAlternatives, 5);
  if (details.length)
    throw new EstimationError(EstimationErrorCode.VALIDATION_FAILED, 'The schedule request is invalid.', details);
  return { earliest, deadline, step: step * MINUTE_MS, alternatives };
}

/** The job as an EstimateRequest in a given location. */
function jobRequest(job: ScheduleInput['job'], loc: LocationRequest): EstimateRequest {
  if (isSimpleJob(job)) {
    return {
      hardware: { powerW: job.powerW, count: 1 },
      hours: job.hours,
      location: loc,
      ...(job.pue !== undefined ? { pue: job.pue } : {}),
      includeEmbodied: false,
    };
  }
  return { ...(job as EstimateRequest), location: loc };
}

function locationOut(loc: LocationRequest, zone: string | null): ScheduleLocation {
  const out: ScheduleLocation = { zone };
  if (loc.provider) out.provider = loc.provider;
  if (loc.region) out.region = loc.region;
  if (loc.gPerKwh !== undefined) out.gPerKwh = loc.gPerKwh;
  return out;
}

/**
 * The schedule (see the file comment). Throws EstimationError(VALIDATION_FAILED) with field paths
 * for a bad request, and the context's coded errors (e.g. ZONE_NOT_FOUND) for an unknown place.
 */
export function schedule(input: ScheduleInput, ctx: EstimationContext): Schedule {
  const { earliest, deadline, step, alternatives } = validateSchedule(input);
  const interruptible = input.interruptible ?? false;
  const now = ctx.now ? ctx.now().getTime() : Date.now();
  const warnings: string[] = [];

  // The job in each place: the engine's estimate (energy with the place's PUE, embodied share).
  const places = input.locations.map((loc, i) => {
    let req: EstimateRequest;
    try {
      req = validateEstimateRequest(jobRequest(input.job, loc));
    } catch (err) {
      if (err instanceof EstimationError) {
        // the job's paths are under `job`, its location is locations[i]
        const details = err.details.map((d) => ({
          ...d,
          path: d.path.startsWith('location') ? d.path.replace(/^location/, `locations.${i}`) : `job.${d.path}`,
        }));
        throw new EstimationError(err.code, err.message, details);
      }
      throw err;
    }
    const e = estimate(req, ctx);
    return { loc, req, e, index: i };
  });
  const wallHours = places[0].e.wallHours;
  if (wallHours === null || !(wallHours > 0)) {
    throw new EstimationError(EstimationErrorCode.VALIDATION_FAILED, 'The job needs a duration to be scheduled.', [
      { path: 'job.hours', message: 'give hours (or acceleratorHours with hardware.count) so the job has a wall-clock duration' },
    ]);
  }
  const duration = wallHours * HOUR_MS;
  if (duration > deadline - earliest) {
    throw new EstimationError(EstimationErrorCode.VALIDATION_FAILED, 'The job does not fit in the window.', [
      {
        path: 'window.deadline',
        message: `the job runs ${round(wallHours, 3)} h but the window is ${round((deadline - earliest) / HOUR_MS, 3)} h`,
      },
    ]);
  }
  for (const w of places[0].e.warnings) if (!warnings.includes(w)) warnings.push(w);

  let candidates = 0;
  const options: ScheduleOption[][] = [];
  let nowOption: ScheduleOption | null = null;
  for (const place of places) {
    const step_ = new StepIntensity(place.loc, earliest, deadline, ctx);
    for (const w of step_.warnings) if (!warnings.includes(w)) warnings.push(w);
    const e = place.e;
    const zone = e.factors.intensity.zone;
    const mk = (
      start: number,
      end: number,
      g: number,
      coverage: number,
      slots?: { start: string; end: string }[],
    ): ScheduleOption => {
      const operational = (e.energyKwh * g) / 1000;
      return {
        start: iso(start),
        end: iso(end),
        location: locationOut(place.loc, zone),
        co2eKg: operational + e.embodiedCo2eKg,
        operationalCo2eKg: operational,
        embodiedCo2eKg: e.embodiedCo2eKg,
        energyKwh: e.energyKwh,
        gPerKwh: g,
        ...(slots ? { slots } : {}),
        signal: signalOf(step_, start, end, coverage, now),
      };
    };
    if (place.loc.gPerKwh === undefined && !step_.series) {
      warnings.push(
        `No hourly data for ${zone ?? 'this place'} in the window: its yearly figure is flat, so every start there emits the same`,
      );
    }
    const list: ScheduleOption[] = [];
    if (!interruptible) {
      for (let s = earliest; s + duration <= deadline + 1e-6; s += step) {
        const m = step_.mean(s, s + duration);
        list.push(mk(s, s + duration, m.g, m.coverage));
        candidates++;
      }
    } else {
      // slots of `step` across the window, cheapest first; enough for the duration (the last one partly)
      const slots: { a: number; b: number; g: number; cov: number }[] = [];
      for (let a = earliest; a < deadline; a += step) {
        const b = Math.min(a + step, deadline);
        const m = step_.mean(a, b);
        slots.push({ a, b, g: m.g, cov: m.coverage });
      }
      candidates += slots.length;
      const order = [...slots].sort((x, y) => x.g - y.g || x.a - y.a);
      let need = duration;
      const chosen: { a: number; b: number; g: number; cov: number }[] = [];
      for (const sl of order) {
        if (need <= 0) break;
        const take = Math.min(need, sl.b - sl.a);
        chosen.push({ ...sl, b: sl.a + take });
        need -= take;
      }
      chosen.sort((x, y) => x.a - y.a);
      let gSum = 0;
      let covSum = 0;
      for (const c of chosen) {
        gSum += c.g * (c.b - c.a);
        covSum += c.cov * (c.b - c.a);
      }
      const merged: { start: string; end: string }[] = [];
      let cur: { a: number; b: number } | null = null;
      for (const c of chosen) {
        if (cur && c.a === cur.b) cur.b = c.b;
        else {
          if (cur) merged.push({ start: iso(cur.a), end: iso(cur.b) });
          cur = { a: c.a, b: c.b };
        }
      }
      if (cur) merged.push({ start: iso(cur.a), end: iso(cur.b) });
      list.push(mk(chosen[0].a, chosen[chosen.length - 1].b, gSum / duration, covSum / duration, merged));
    }
    if (place.index === 0) {
      const m = step_.mean(earliest, earliest + duration);
      nowOption = mk(earliest, earliest + duration, m.g, m.coverage);
    }
    options.push(list);
  }

  // Rank: lowest co2eKg first; ties go to the earlier start, then the earlier-listed place.
  const all = options.flatMap((list, li) => list.map((o) => ({ o, li })));
  all.sort((x, y) => x.o.co2eKg - y.o.co2eKg || Date.parse(x.o.start) - Date.parse(y.o.start) || x.li - y.li);
  const best = all[0].o;
  // Alternatives: the next best options that do not overlap a better one listed for the same place.
  const picked: { o: ScheduleOption; li: number }[] = [all[0]];
  for (const c of all.slice(1)) {
    if (picked.length > alternatives) break;
    const overlaps = picked.some(
      (p) => p.li === c.li && Date.parse(c.o.start) < Date.parse(p.o.end) && Date.parse(p.o.start) < Date.parse(c.o.end),
    );
    if (!overlaps) picked.push(c);
  }
  const nowOpt = nowOption!;
  const saving = nowOpt.co2eKg - best.co2eKg;
  const kinds = new Set([best, nowOpt].map((o) => o.signal.kind));
  const overall: ScheduleSignal['kind'] = kinds.size === 1 ? [...kinds][0] : 'mixed';
  return {
    best,
    alternatives: picked.slice(1).map((p) => p.o),
    now: nowOpt,
    savingVsNow: { co2eKg: saving, pct: nowOpt.co2eKg > 0 ? (saving / nowOpt.co2eKg) * 100 : 0 },
    signal: { kind: overall, source: best.signal.source, resolution: best.signal.resolution },
    window: { earliest: iso(earliest), deadline: iso(deadline) },
    durationHours: wallHours,
    interruptible,
    stepMinutes: step / MINUTE_MS,
    candidates,
    dataVersion: ctx.dataVersion,
    warnings,
  };
}

function signalOf(s: StepIntensity, start: number, end: number, coverage: number, now: number): ScheduleSignal {
  const yearlySources = [...new Set([...s.yearly.values()].map((v) => v.source))];
  if (coverage <= 0 || !s.series) {
    return { kind: 'yearly', source: yearlySources.join('; ') || 'request', resolution: 'P1Y', coverage: 0, provider: null };
  }
  const seriesSource = [...s.seriesSources].sort().join(', ') || 'hourly series';
  const kind: ScheduleSignal['kind'] = start >= now ? 'forecast' : end <= now ? 'history' : 'mixed';
  return {
    kind,
    source:
      coverage < 1
        ? `${seriesSource}; ${yearlySources.join('; ')} (yearly, ${round((1 - coverage) * 100, 1)}% of the hours)`
        : seriesSource,
    resolution: isoDuration(s.spacingMs ?? HOUR_MS),
    coverage: round(coverage),
    provider: s.series?.provider ?? null,
  };
}
