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
 *   (competition ranking 1, 1, 3); `best` is the first rank-1 entry in input order (baseline first).
 */
import { cloneData } from './clone';
import { LIMITS } from './defaults';
import { estimate } from './estimate';
import { EstimationError, EstimationErrorCode, type ErrorDetail } from './estimation.errors';
import type {
  Comparison,
  ComparisonInput,
  ComparisonVariant,
  EstimateRequest,
  EstimationContext,
  Mitigation,
  VariantError,
  ComparisonProvenance,
} from './estimation.types';
import { EQUIVALENT_FACTORS } from './equivalents';
import { SIZING_KEYS, TOP_LEVEL_KEYS, validateEstimateRequest } from './validate';

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const LOCATION_FORMS: string[][] = [['zone'], ['provider', 'region'], ['gPerKwh']];
const COMPUTE_FORMS: string[][] = [['flops'], ['parameters', 'tokens', 'activeParameters']];
const BASELINE_NAME = 'baseline';

/** Removes the members of the other alternatives of a one-of group when `changes` sets one of them. */
function dropAlternatives(target: Obj, changes: Obj, forms: string[][]): void {
  const chosen = forms.find((form) => form.some((k) => changes[k] !== undefined && changes[k] !== null));
  if (!chosen) return;
  for (const form of forms) if (form !== chosen) for (const k of form) delete target[k];
}

/**
 * Copy-on-write merge: objects on the changed paths are shallow-copied, untouched subtrees are shared
 * with the baseline (nothing downstream mutates a request in place), and values taken from `changes`
 * are copied. This runs once per variant, so it must stay cheap (up to 500 variants per comparison).
 */
function deepMerge(base: unknown, changes: unknown, path: string[]): unknown {
  if (!isObject(changes) || !isObject(base)) return cloneData(changes);
  const out: Obj = { ...base };
  const top = path.length === 0;
  if (top) dropAlternatives(out, changes, SIZING_KEYS.map((k) => [k]));
  if (path.length === 1 && path[0] === 'location') dropAlternatives(out, changes, LOCATION_FORMS);
  if (path.length === 1 && path[0] === 'compute') dropAlternatives(out, changes, COMPUTE_FORMS);
  for (const [key, value] of Object.entries(changes)) {
    if (FORBIDDEN_KEYS.has(key)) continue; // rejected by validation; never written
    if (value === undefined) continue;
    if (value === null) delete out[key];
    else out[key] = deepMerge(out[key], value, [...path, key]);
  }
  return out;
}

/** Deep-merges `changes` onto a baseline request (see the module comment for the rules). */
export function mergeRequest(baseline: EstimateRequest, changes: Obj): Obj {
  return deepMerge(baseline, changes, []) as Obj;
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
}

function parseInput(input: unknown): ParsedInput {
  const details: ErrorDetail[] = [];
  if (!isObject(input)) {
    throw new EstimationError(EstimationErrorCode.VALIDATION_FAILED, 'The comparison must be a JSON object', [
      { path: '', message: 'must be an object with baseline, variants and/or sweep' },
    ]);
  }
  for (const k of Object.keys(input)) {
    if (input[k] !== undefined && !['baseline', 'variants', 'sweep'].includes(k)) details.push({ path: k, message: 'is not a known field' });
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
          if (v[k] !== undefined && !['name', 'changes', 'mitigations'].includes(k)) details.push({ path: `${p}.${k}`, message: 'is not a known field' });
        }
        const name = v.name;
        if (typeof name !== 'string' || name.trim() === '') details.push({ path: `${p}.name`, message: 'must be a non-empty string' });
        else if (name.length > LIMITS.maxRefLength) details.push({ path: `${p}.name`, message: `must be at most ${LIMITS.maxRefLength} characters` });
        else if (names.has(name)) details.push({ path: `${p}.name`, message: `'${name}' is used twice (names must be unique; 'baseline' is reserved)` });
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
          details.push({ path: p, message: 'must be a dotted path into an estimate request (e.g. "location", "hardware.ref", "compute.mfu")' });
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
      [{ path: sweep.length > 0 ? 'sweep' : 'variants', message: `at most ${LIMITS.maxVariants} variants in all (explicit variants + sweep combinations)` }],
    );
  }
  return { baseline: baseline!, variants, sweep };
}

function* cartesian(sweep: [string, unknown[]][]): Generator<[string, unknown][]> {
  if (sweep.length === 0) return;
  const idx = sweep.map(() => 0);
  while (true) {
    yield sweep.map(([k, values], i) => [k, values[idx[i]]]);
    let i = sweep.length - 1;
    while (i >= 0) {
      idx[i]++;
      if (idx[i] < sweep[i][1].length) break;
      idx[i] = 0;
      i--;
    }
    if (i < 0) return;
  }
}

function toVariantError(err: unknown): VariantError {
  if (err instanceof EstimationError) return { code: err.code, message: err.message, details: err.details };
  if (isObject(err) && typeof err.code === 'string' && typeof err.message === 'string') {
    return { code: err.code, message: err.message, details: Array.isArray(err.details) ? err.details : [] };
  }
  throw err; // not a coded error: a bug, let it surface
}

const sameValue = (a: number, b: number): boolean => a === b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));

/** Validates and runs a comparison. Throws VALIDATION_FAILED / TOO_MANY_VARIANTS, or the baseline's error. */
export function compare(input: ComparisonInput, ctx: EstimationContext): Comparison {
  const parsed = parseInput(input);
  const baseEstimate = estimate(parsed.baseline, ctx);
  const baseCo2 = baseEstimate.co2eKg;

  const jobs: { name: string; origin: 'variant' | 'sweep'; request: Obj; sweep?: Record<string, unknown> }[] = [];
  for (const v of parsed.variants) {
    const merged = mergeRequest(parsed.baseline, v.changes);
    if (v.mitigations.length > 0) {
      const existing = Array.isArray(merged.mitigations) ? merged.mitigations : [];
      merged.mitigations = [...existing, ...cloneData(v.mitigations)];
    }
    jobs.push({ name: v.name, origin: 'variant', request: merged });
  }
  const taken = new Set<string>([BASELINE_NAME, ...parsed.variants.map((v) => v.name)]);
  for (const combo of cartesian(parsed.sweep)) {
    let request: Obj = parsed.baseline as unknown as Obj;
    for (const [path, value] of combo) request = mergeRequest(request as unknown as EstimateRequest, pathToChanges(path, value));
    const base = combo.map(([k, v]) => `${k}=${formatSweepValue(v)}`).join(', ');
    let name = base;
    for (let i = 2; taken.has(name); i++) name = `${base} #${i}`;
    taken.add(name);
    jobs.push({ name, origin: 'sweep', request, sweep: Object.fromEntries(combo) });
  }

  const variants: ComparisonVariant[] = jobs.map((job) => {
    const common = { name: job.name, origin: job.origin, ...(job.sweep ? { sweep: job.sweep } : {}), request: job.request as unknown as EstimateRequest };
    try {
      const e = estimate(job.request as unknown as EstimateRequest, ctx);
      const delta = e.co2eKg - baseCo2;
      return { ...common, estimate: e, deltaCo2eKg: delta, deltaPct: baseCo2 > 0 ? (delta / baseCo2) * 100 : null, rank: null };
    } catch (err) {
      return { ...common, estimate: null, deltaCo2eKg: null, deltaPct: null, rank: null, error: toVariantError(err) };
    }
  });

  // Competition ranking over the baseline (index -1) and successful variants.
  const entries = [
    { index: -1, co2: baseCo2 },
    ...variants.flatMap((v, index) => (v.estimate ? [{ index, co2: v.estimate.co2eKg }] : [])),
  ];
  const sorted = [...entries].sort((a, b) => a.co2 - b.co2 || a.index - b.index);
  const rankOf = new Map<number, number>();
  sorted.forEach((e, i) => {
    const prev = sorted[i - 1];
    rankOf.set(e.index, prev && sameValue(prev.co2, e.co2) ? rankOf.get(prev.index)! : i + 1);
  });
  for (const [index, rank] of rankOf) if (index >= 0) variants[index].rank = rank;
  const bestIndex = sorted[0].index;

  const provenance = compactVariants(variants);
  const failed = variants.filter((v) => v.error).length;
  const warnings = failed > 0 ? [`${failed} of ${variants.length} variants failed and are not ranked (see each variant's error)`] : [];
  return {
    baseline: { name: BASELINE_NAME, estimate: baseEstimate, rank: rankOf.get(-1)! },
    variants,
    best: bestIndex === -1 ? BASELINE_NAME : variants[bestIndex].name,
    failed,
    dataVersion: ctx.dataVersion,
    warnings,
    provenance,
  };
}

/**
 * Variant estimates repeat two provenance lists that do not depend on the variant: the catalog
 * sources of each device and the definitions of the equivalence factors. They are listed once in
 * `provenance` and left out of each variant's `factors` (`hardware.sources` absent, `equivalents`
 * empty), which halves the size of a 500-variant answer. The baseline's estimate stays complete.
 */
function compactVariants(variants: ComparisonVariant[]): ComparisonProvenance {
  const hardwareSources: ComparisonProvenance['hardwareSources'] = {};
  for (const v of variants) {
    const hw = v.estimate?.factors.hardware;
    if (!hw) continue;
    if (hw.id && hw.sources) hardwareSources[hw.id] ??= hw.sources;
    const { sources: _omitted, ...rest } = hw;
    v.estimate!.factors = { ...v.estimate!.factors, hardware: rest, equivalents: [] };
  }
  return { hardwareSources, equivalentFactors: EQUIVALENT_FACTORS.map((f) => ({ ...f })) };
}
