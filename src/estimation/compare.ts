/**
 * Comparisons: a baseline request, named variants (changes deep-merged onto the baseline, plus extra
 * mitigations) and a sweep (cartesian product of values at dotted paths, one variant per combination).
 * Rules (docs/methodology.md, "Comparisons"):
 * - merge: objects merge key by key, arrays and scalars replace, null deletes a key; one-of groups are exclusive:
 *   setting one sizing method (hours | acceleratorHours | compute | energyKwh) removes the others, setting one
 *   location form (zone | provider + region | gPerKwh) removes the other forms (year and signal are kept), and
 *   setting compute.flops removes parameters/tokens/activeParameters (and the reverse);
 * - a variant's `mitigations` are appended to the (merged) baseline's mitigations;
 * - at most 500 variants in all (explicit + sweep combinations), else TOO_MANY_VARIANTS;
 * - a variant that fails (unknown hardware, invalid merged request, ...) gets `error` and no rank; the baseline
 *   failing fails the comparison;
 * - ranks by co2eKg over the baseline and the successful variants, 1 = lowest; equal values share a rank
 *   (competition ranking 1, 1, 3); `best` is the first rank-1 entry in input order (baseline first);
 * - `detail`: `summary` (default) gives each variant an EstimateSummary (the headline figures of its
 *   Estimate, same names and values) and no request; `full` gives the whole Estimate and the request.
 *   The baseline's estimate is always complete.
 */
import { cloneData, isObject, type Obj } from './clone';
import { LIMITS } from './defaults';
import { citedSources, estimate, estimateSummary } from './estimate';
import { EstimationError, EstimationErrorCode, type ErrorDetail } from './estimation.errors';
import {
  COMPARISON_DETAILS,
  type Comparison,
  type ComparisonDetail,
  type ComparisonInput,
  type ComparisonProvenance,
  type ComparisonVariant,
  type Estimate,
  type EstimateRequest,
  type EstimateSummary,
  type EstimationContext,
  type FullComparison,
  type HardwareLookup,
  type IntensityLookup,
  type Mitigation,
  type PueLookup,
  type SummaryComparison,
  type VariantError,
  type ModelLookup,
} from './estimation.types';
import { EQUIVALENT_FACTORS } from './equivalents';
import { SIZING_KEYS, TOP_LEVEL_KEYS, validateEstimateRequest } from './validate';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const LOCATION_FORMS: string[][] = [['zone'], ['provider', 'region'], ['gPerKwh']];
const COMPUTE_FORMS: string[][] = [['flops'], ['parameters', 'tokens', 'activeParameters']];
const BASELINE_NAME = 'baseline';

const SIZING_FORMS: string[][] = [...SIZING_KEYS.map((k) => [k]), ['serving']];
/** serving's one-of groups: a request count or a deployment; batchSize or its other name. */
const SERVING_REQUEST_FORMS: string[][] = [['requests'], ['requestsPerSecond', 'hours', 'replicas']];
const SERVING_BATCH_FORMS: string[][] = [['batchSize'], ['concurrency']];

/** Removes the members of the other alternatives of a one-of group when `changes` sets one of them. */
function dropAlternatives(target: Obj, changes: Obj, forms: string[][]): void {
  const chosen = forms.find((form) => form.some((k) => changes[k] !== undefined && changes[k] !== null));
  if (!chosen) return;
  for (const form of forms) if (form !== chosen) for (const k of form) delete target[k];
}

/**
 * Copy-on-write merge: objects on the changed paths are shallow-copied, untouched subtrees are shared
 * with the baseline (nothing downstream mutates a request in place), and values taken from `changes`
 * are copied. This runs for every variant, so it must stay cheap (up to 500 variants per comparison).
 * `depth` and `key` locate the level (0 = the request, 1 = one of its fields) for the one-of groups.
 */
function deepMerge(base: unknown, changes: unknown, depth: number, key: string): unknown {
  if (!isObject(changes) || !isObject(base)) return cloneData(changes);
  const out: Obj = { ...base };
  if (depth === 0) dropAlternatives(out, changes, SIZING_FORMS);
  else if (depth === 1 && key === 'location') dropAlternatives(out, changes, LOCATION_FORMS);
  else if (depth === 1 && key === 'compute') dropAlternatives(out, changes, COMPUTE_FORMS);
  else if (depth === 1 && key === 'serving') {
    dropAlternatives(out, changes, SERVING_REQUEST_FORMS);
    dropAlternatives(out, changes, SERVING_BATCH_FORMS);
  }
  for (const k of Object.keys(changes)) {
    if (FORBIDDEN_KEYS.has(k)) continue; // rejected by validation; never written
    const value = changes[k];
    if (value === undefined) continue;
    if (value === null) delete out[k];
    else out[k] = deepMerge(out[k], value, depth + 1, k);
  }
  return out;
}

/** Deep-merges `changes` onto a baseline request (see the module comment for the rules). */
export function mergeRequest(baseline: EstimateRequest, changes: Obj): Obj {
  return deepMerge(baseline, changes, 0, '') as Obj;
}

/** `{ "hardware.ref": x }` -> `{ hardware: { ref: x } }`. */
export function pathToChanges(path: string, value: unknown): Obj {
  const parts = path.split('.');
  const root: Obj = {};
  let cur = root;
  parts.forEach((p, i) => {
    if (i === parts.length - 1) cur[p] = value;
    else {
      const next: Obj = {};
      cur[p] = next;
      cur = next;
    }
  });
  return root;
}

export function formatSweepValue(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (isObject(v) && Object.values(v).every((x) => ['string', 'number', 'boolean'].includes(typeof x))) {
    return Object.values(v).map(String).join('/');
  }
  return JSON.stringify(v);
}

function findForbidden(v: unknown, path: string): string | null {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const hit = findForbidden(v[i], `${path}[${i}]`);
      if (hit) return hit;
    }
    return null;
  }
  if (!isObject(v)) return null;
  for (const [k, x] of Object.entries(v)) {
    if (FORBIDDEN_KEYS.has(k)) return `${path}.${k}`;
    const hit = findForbidden(x, `${path}.${k}`);
    if (hit) return hit;
  }
  return null;
}

interface ParsedInput {
  baseline: EstimateRequest;
  variants: { name: string; changes: Obj; mitigations: Mitigation[] }[];
  sweep: [string, unknown[]][];
  detail: ComparisonDetail;
}

function parseInput(input: unknown): ParsedInput {
  const details: ErrorDetail[] = [];
  if (!isObject(input)) {
    throw new EstimationError(EstimationErrorCode.VALIDATION_FAILED, 'The comparison must be a JSON object', [
      { path: '', message: 'must be an object with baseline, variants and/or sweep' },
    ]);
  }
  for (const k of Object.keys(input)) {
    if (input[k] !== undefined && !['baseline', 'variants', 'sweep', 'detail'].includes(k))
      details.push({ path: k, message: 'is not a known field' });
  }
  let detail: ComparisonDetail = 'summary';
  if (input.detail !== undefined && input.detail !== null) {
    if (typeof input.detail === 'string' && (COMPARISON_DETAILS as readonly string[]).includes(input.detail))
      detail = input.detail as ComparisonDetail;
    else details.push({ path: 'detail', message: `must be one of ${COMPARISON_DETAILS.join(', ')}` });
  }
  let baseline: EstimateRequest | undefined;
  if (input.baseline === undefined || input.baseline === null) details.push({ path: 'baseline', message: 'is required' });
  else {
    try {
      baseline = validateEstimateRequest(input.baseline, 'baseline');
    } catch (err) {
      if (err instanceof EstimationError) details.push(...err.details);
      else throw err;
    }
  }

  const variants: ParsedInput['variants'] = [];
  const names = new Set<string>([BASELINE_NAME]);
  if (input.variants !== undefined && input.variants !== null) {
    if (!Array.isArray(input.variants)) details.push({ path: 'variants', message: 'must be an array' });
    else {
      input.variants.forEach((v, i) => {
        const p = `variants[${i}]`;
        if (!isObject(v)) {
          details.push({ path: p, message: 'must be an object { name, changes?, mitigations? }' });
          return;
        }
        for (const k of Object.keys(v)) {
          if (v[k] !== undefined && !['name', 'changes', 'mitigations'].includes(k))
            details.push({ path: `${p}.${k}`, message: 'is not a known field' });
        }
        const name = v.name;
        if (typeof name !== 'string' || name.trim() === '')
          details.push({ path: `${p}.name`, message: 'must be a non-empty string' });
        else if (name.length > LIMITS.maxRefLength)
          details.push({ path: `${p}.name`, message: `must be at most ${LIMITS.maxRefLength} characters` });
        else if (names.has(name))
          details.push({ path: `${p}.name`, message: `'${name}' is used twice (names must be unique; 'baseline' is reserved)` });
        else names.add(name);
        let changes: Obj = {};
        if (v.changes !== undefined && v.changes !== null) {
          if (!isObject(v.changes)) details.push({ path: `${p}.changes`, message: 'must be an object' });
          else {
            const bad = findForbidden(v.changes, `${p}.changes`);
            if (bad) details.push({ path: bad, message: 'is not an allowed key' });
            changes = v.changes;
          }
        }
        let mitigations: Mitigation[] = [];
        if (v.mitigations !== undefined && v.mitigations !== null) {
          if (!Array.isArray(v.mitigations)) details.push({ path: `${p}.mitigations`, message: 'must be an array' });
          else mitigations = v.mitigations as Mitigation[]; // checked with the merged request
        }
        if (typeof name === 'string') variants.push({ name, changes, mitigations });
      });
    }
  }

  const sweep: [string, unknown[]][] = [];
  if (input.sweep !== undefined && input.sweep !== null) {
    if (!isObject(input.sweep)) details.push({ path: 'sweep', message: 'must be an object { "<dotted.path>": [values...] }' });
    else {
      for (const [key, values] of Object.entries(input.sweep)) {
        const p = `sweep["${key}"]`;
        const parts = key.split('.');
        if (parts.some((s) => s === '' || FORBIDDEN_KEYS.has(s)) || !TOP_LEVEL_KEYS.has(parts[0])) {
          details.push({
            path: p,
            message: 'must be a dotted path into an estimate request (e.g. "location", "hardware.ref", "compute.mfu")',
          });
          continue;
        }
        if (!Array.isArray(values) || values.length === 0) {
          details.push({ path: p, message: 'must be a non-empty array of values' });
          continue;
        }
        const bad = findForbidden(values, p);
        if (bad) {
          details.push({ path: bad, message: 'is not an allowed key' });
          continue;
        }
        sweep.push([key, values]);
      }
    }
  }
  if (details.length > 0) {
    throw new EstimationError(
      EstimationErrorCode.VALIDATION_FAILED,
      `The comparison is invalid: ${details.map((d) => `${d.path || '(comparison)'} ${d.message}`).join('; ')}`,
      details,
    );
  }

  // Count before materialising anything.
  let combos = sweep.length > 0 ? 1 : 0;
  for (const [, values] of sweep) {
    combos *= values.length;
    if (combos > LIMITS.maxVariants) break;
  }
  const total = variants.length + combos;
  if (total > LIMITS.maxVariants) {
    throw new EstimationError(
      EstimationErrorCode.TOO_MANY_VARIANTS,
      `The comparison would produce ${combos > LIMITS.maxVariants ? `more than ${LIMITS.maxVariants}` : total} variants; at most ${LIMITS.maxVariants} are allowed`,
      [
        {
          path: sweep.length > 0 ? 'sweep' : 'variants',
          message: `at most ${LIMITS.maxVariants} variants in all (explicit variants + sweep combinations)`,
        },
      ],
    );
  }
  return { baseline: baseline!, variants, sweep, detail };
}

function toVariantError(err: unknown): VariantError {
  if (err instanceof EstimationError) return { code: err.code, message: err.message, details: err.details };
  if (isObject(err) && typeof err.code === 'string' && typeof err.message === 'string') {
    return { code: err.code, message: err.message, details: Array.isArray(err.details) ? err.details : [] };
  }
  throw err; // not a coded error: a bug, let it surface
}

const sameValue = (a: number, b: number): boolean => a === b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));

/** One self-delimiting part of a cache key: absent, a length-prefixed string, or a number. */
const keyPart = (v: string | number | null | undefined): string =>
  v === undefined || v === null ? '-' : typeof v === 'string' ? `${v.length}:${v}` : `#${v};`;

/**
 * The context with its lookups memoised for the duration of one comparison: 500 variants usually
 * name a handful of devices and zones, and the reference data cannot change within a call. Lookup
 * results are only read by the engine, so sharing them between variants is safe. Failures are
 * memoised too (the same unknown ref fails every variant that names it, with the same error).
 */
function memoizedContext(ctx: EstimationContext): EstimationContext {
  type Memo<T> = { ok: true; value: T } | { ok: false; error: unknown };
  const run = <T>(cache: Map<string, Memo<T>>, key: string, fn: () => T): T => {
    let hit = cache.get(key);
    if (hit === undefined) {
      try {
        hit = { ok: true, value: fn() };
      } catch (error) {
        hit = { ok: false, error };
      }
      cache.set(key, hit);
    }
    if (!hit.ok) throw hit.error;
    return hit.value;
  };
  const hardware = new Map<string, Memo<HardwareLookup>>();
  const intensity = new Map<string, Memo<IntensityLookup>>();
  const pue = new Map<string, Memo<PueLookup>>();
  const memo: EstimationContext = Object.create(ctx) as EstimationContext;
  memo.resolveHardware = (ref) => run(hardware, ref, () => ctx.resolveHardware(ref));
  const models = new Map<string, Memo<ModelLookup>>();
  const resolveModel = ctx.resolveModel;
  if (resolveModel) memo.resolveModel = (ref) => run(models, ref, () => resolveModel.call(ctx, ref));
  memo.resolveIntensity = (loc) =>
    run(
      intensity,
      keyPart(loc.zone) +
        keyPart(loc.provider) +
        keyPart(loc.region) +
        keyPart(loc.gPerKwh) +
        keyPart(loc.year) +
        keyPart(loc.signal),
      () => ctx.resolveIntensity(loc),
    );
  memo.resolvePue = (provider) => run(pue, keyPart(provider), () => ctx.resolvePue(provider));
  return memo;
}

/** One variant to run: its name, where it came from, and its merged request. */
interface Job {
  name: string;
  origin: 'variant' | 'sweep';
  sweep: Record<string, unknown> | undefined;
  request: Obj;
}

/**
 * The sweep's combinations in order (the last path varies fastest), each merged onto the baseline
 * path by path as `changes`. Merges of a prefix of the paths are kept and reused by every combination
 * that shares it, so a 10 x 5 x 10 sweep runs 10 + 50 + 500 merges instead of 3 x 500; each sweep
 * value's changes tree and label are built once.
 */
function sweepJobs(baseline: EstimateRequest, sweep: [string, unknown[]][], taken: Set<string>, out: Job[]): void {
  const n = sweep.length;
  if (n === 0) return;
  const changes = sweep.map(([path, values]) => values.map((v) => pathToChanges(path, v)));
  const labels = sweep.map(([path, values]) => values.map((v) => `${path}=${formatSweepValue(v)}`));
  const idx = new Array<number>(n).fill(0);
  const merged = new Array<Obj>(n + 1);
  merged[0] = baseline as unknown as Obj;
  let from = 0; // first level whose merge is stale
  while (true) {
    for (let i = from; i < n; i++) merged[i + 1] = mergeRequest(merged[i] as unknown as EstimateRequest, changes[i][idx[i]]);
    const values: Record<string, unknown> = {};
    let base = '';
    for (let i = 0; i < n; i++) {
      values[sweep[i][0]] = sweep[i][1][idx[i]];
      base = i === 0 ? labels[0][idx[0]] : `${base}, ${labels[i][idx[i]]}`;
    }
    let name = base;
    for (let k = 2; taken.has(name); k++) name = `${base} #${k}`;
    taken.add(name);
    out.push({ name, origin: 'sweep', sweep: values, request: merged[n] });
    let i = n - 1;
    while (i >= 0) {
      idx[i]++;
      if (idx[i] < sweep[i][1].length) break;
      idx[i] = 0;
      i--;
    }
    if (i < 0) return;
    from = i;
  }
}

/** Validates and runs a comparison. Throws VALIDATION_FAILED / TOO_MANY_VARIANTS, or the baseline's error. */
export function compare(input: ComparisonInput & { detail: 'full' }, ctx: EstimationContext): FullComparison;
export function compare(input: ComparisonInput, ctx: EstimationContext): Comparison;
export function compare(input: ComparisonInput, ctx: EstimationContext): Comparison {
  const parsed = parseInput(input);
  const memo = memoizedContext(ctx);
  const baseEstimate = estimate(parsed.baseline, memo);
  const baseCo2 = baseEstimate.co2eKg;

  const jobs: Job[] = [];
  for (const v of parsed.variants) {
    const merged = mergeRequest(parsed.baseline, v.changes);
    if (v.mitigations.length > 0) {
      const existing = Array.isArray(merged.mitigations) ? merged.mitigations : [];
      merged.mitigations = [...existing, ...cloneData(v.mitigations)];
    }
    jobs.push({ name: v.name, origin: 'variant', sweep: undefined, request: merged });
  }
  const taken = new Set<string>([BASELINE_NAME, ...parsed.variants.map((v) => v.name)]);
  sweepJobs(parsed.baseline, parsed.sweep, taken, jobs);

  const full = parsed.detail === 'full';
  const hardwareSources: HardwareSources = {};
  const variants: ComparisonVariant[] = jobs.map((job) =>
    full ? fullVariant(job, memo, baseCo2, hardwareSources) : summaryVariant(job, memo, baseCo2, hardwareSources),
  );

  // Competition ranking over the baseline (index -1) and successful variants.
  const sorted: { index: number; co2: number }[] = [{ index: -1, co2: baseCo2 }];
  for (let i = 0; i < variants.length; i++) {
    const e = variants[i].estimate;
    if (e) sorted.push({ index: i, co2: e.co2eKg });
  }
  sorted.sort((a, b) => a.co2 - b.co2 || a.index - b.index);
  const rankOf = new Map<number, number>();
  sorted.forEach((e, i) => {
    const prev = sorted[i - 1];
    rankOf.set(e.index, prev && sameValue(prev.co2, e.co2) ? rankOf.get(prev.index)! : i + 1);
  });
  for (const [index, rank] of rankOf) if (index >= 0) variants[index].rank = rank;
  const bestIndex = sorted[0].index;

  const failed = variants.filter((v) => v.error).length;
  const warnings =
    failed > 0 ? [`${failed} of ${variants.length} variants failed and are not ranked (see each variant's error)`] : [];
  return {
    baseline: { name: BASELINE_NAME, estimate: baseEstimate, rank: rankOf.get(-1)! },
    variants,
    best: bestIndex === -1 ? BASELINE_NAME : variants[bestIndex].name,
    detail: parsed.detail,
    failed,
    dataVersion: ctx.dataVersion,
    warnings,
    provenance: { hardwareSources, equivalentFactors: EQUIVALENT_FACTORS.map((f) => ({ ...f })) },
  } as SummaryComparison | FullComparison;
}

type HardwareSources = ComparisonProvenance['hardwareSources'];

/** detail `summary`: `{ name, origin, sweep?, estimate: EstimateSummary | null, deltaCo2eKg, deltaPct, rank, error? }`. */
function summaryVariant(
  job: Job,
  ctx: EstimationContext,
  baseCo2: number,
  hardwareSources: HardwareSources,
): ComparisonVariant<EstimateSummary> {
  let result: ReturnType<typeof estimateSummary>;
  try {
    result = estimateSummary(job.request as unknown as EstimateRequest, ctx);
  } catch (err) {
    return withSweep(job, { estimate: null, deltaCo2eKg: null, deltaPct: null, rank: null, error: toVariantError(err) });
  }
  const { summary, hardware } = result;
  // The same sources as an Estimate's factors.hardware.sources.
  if (hardware?.id && hardware.sources && hardwareSources[hardware.id] === undefined)
    hardwareSources[hardware.id] = citedSources(hardware.sources);
  const delta = summary.co2eKg - baseCo2;
  const pct = deltaPct(delta, baseCo2);
  // Literals rather than withSweep's spread: this is the per-variant hot path (~5% of a comparison).
  return job.sweep
    ? { name: job.name, origin: job.origin, sweep: job.sweep, estimate: summary, deltaCo2eKg: delta, deltaPct: pct, rank: null }
    : { name: job.name, origin: job.origin, estimate: summary, deltaCo2eKg: delta, deltaPct: pct, rank: null };
}

/**
 * detail `full`: the whole Estimate and the merged request. The variant-independent provenance is
 * moved to `provenance` (factors.hardware.sources left out, factors.equivalents empty).
 */
function fullVariant(
  job: Job,
  ctx: EstimationContext,
  baseCo2: number,
  hardwareSources: HardwareSources,
): ComparisonVariant<Estimate> {
  const request = job.request as unknown as EstimateRequest;
  let e: Estimate;
  try {
    e = estimate(request, ctx);
  } catch (err) {
    return withSweep(job, { request, estimate: null, deltaCo2eKg: null, deltaPct: null, rank: null, error: toVariantError(err) });
  }
  const hw = e.factors.hardware;
  if (hw) {
    const { sources, ...rest } = hw;
    if (hw.id && sources) hardwareSources[hw.id] ??= sources;
    e.factors = { ...e.factors, hardware: rest, equivalents: [] };
  } else e.factors = { ...e.factors, equivalents: [] };
  const delta = e.co2eKg - baseCo2;
  return withSweep(job, { request, estimate: e, deltaCo2eKg: delta, deltaPct: deltaPct(delta, baseCo2), rank: null });
}

/** A variant's difference to the baseline in percent (null when the baseline is 0). */
const deltaPct = (delta: number, baseCo2: number): number | null => (baseCo2 > 0 ? (delta / baseCo2) * 100 : null);

/** `{ name, origin, sweep? }` followed by `rest`, in one object literal shape per case. */
function withSweep<T extends object>(
  job: Job,
  rest: T,
): { name: string; origin: 'variant' | 'sweep'; sweep?: Record<string, unknown> } & T {
  return job.sweep
    ? { name: job.name, origin: job.origin, sweep: job.sweep, ...rest }
    : { name: job.name, origin: job.origin, ...rest };
}
