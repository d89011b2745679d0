/** Peak FLOP/s per precision and the default MFU (calibrated from Epoch AI's notable-models data). */
import { DEFAULT_INFERENCE_MFU, FALLBACK_TRAINING_MFU, PRECISION_FALLBACKS } from './defaults';
import { EstimationError, EstimationErrorCode } from './estimation.errors';
import type { HardwareSpec, MfuCalibrationGroup, MfuCalibrationTable, MfuFactor, Precision, Workload } from './estimation.types';
import { DEFAULT_MFU_CALIBRATION } from './mfu-calibration.data';

export interface PeakResolution {
  precision: Precision;
  peakPrecision: Precision;
  tflops: number;
  warnings: string[];
}

const usablePeak = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;

/** Dense peak TFLOP/s of `hardware` at `precision`, falling back along PRECISION_FALLBACKS with a warning. */
export function resolvePeak(hardware: HardwareSpec, precision: Precision): PeakResolution {
  const direct = hardware.peakTflops[precision];
  if (usablePeak(direct)) return { precision, peakPrecision: precision, tflops: direct, warnings: [] };
  for (const alt of PRECISION_FALLBACKS[precision]) {
    const v = hardware.peakTflops[alt];
    if (usablePeak(v)) {
      return {
        precision,
        peakPrecision: alt,
        tflops: v,
        warnings: [`${hardware.name} has no ${precision} peak in the catalog; used its ${alt} peak (${v} TFLOP/s) instead`],
      };
    }
  }
  const known = Object.entries(hardware.peakTflops)
    .filter(([, v]) => usablePeak(v))
    .map(([k]) => k);
  throw new EstimationError(
    EstimationErrorCode.PEAK_FLOPS_UNKNOWN,
    `${hardware.name} has no peak FLOP/s for ${precision} (or its fallbacks ${PRECISION_FALLBACKS[precision].join(', ') || 'none'})`,
    [
      {
        path: 'compute.precision',
        message: known.length
          ? `known precisions for ${hardware.id}: ${known.join(', ')}`
          : `no peak FLOP/s known for ${hardware.id}`,
      },
    ],
  );
}

/** Whether `subject` (a catalog entry's `id + ' ' + name`, or an Epoch run's hardware) is on the group's hardware. */
function matches(group: MfuCalibrationGroup, subject: string): boolean {
  if (group.match === null) return true;
  return new RegExp(group.match, 'i').test(subject);
}

/** z of the standard normal's 95th percentile: a lognormal's p5-p95 is median x exp(-/+ Z95 x sigma). */
const Z95 = 1.6448536269514722;

/**
 * P(|T| <= t) for Student's t with an integer number of degrees of freedom, in closed form (Abramowitz & Stegun
 * 26.7.3-26.7.4: finite series in cos(theta), theta = atan(t / sqrt(df))).
 */
function studentTwoSided(t: number, df: number): number {
  const theta = Math.atan(Math.abs(t) / Math.sqrt(df));
  const c2 = Math.cos(theta) ** 2;
  const s = Math.sin(theta);
  if (df % 2 === 1) {
    // odd: (2/pi) [theta + sin cos (1 + 2/3 cos^2 + 2.4/(3.5) cos^4 + ...)], series up to cos^(df-2)
    let term = 1;
    let sum = df > 1 ? 1 : 0;
    for (let k = 3; k <= df - 2; k += 2) {
      term *= ((k - 1) / k) * c2;
      sum += term;
    }
    return (2 / Math.PI) * (theta + s * Math.cos(theta) * sum);
  }
  // even: sin (1 + 1/2 cos^2 + 1.3/(2.4) cos^4 + ...), series up to cos^(df-2)
  let term = 1;
  let sum = 1;
  for (let k = 2; k <= df - 2; k += 2) {
    term *= ((k - 1) / k) * c2;
    sum += term;
  }
  return s * sum;
}

/** The 95th percentile of Student's t with `df` (integer >= 1) degrees of freedom, by bisection on the exact CDF. */
export function studentT95(df: number): number {
  const d = Math.max(1, Math.round(df));
  let lo = 0;
  let hi = 10;
  while (studentTwoSided(hi, d) < 0.9) hi *= 2;
  for (let i = 0; i < 80; i++) {
    const mid = (lo + hi) / 2;
    if (studentTwoSided(mid, d) < 0.9) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** One generation's runs in the random-effects fit. */
interface FittedGeneration {
  group: MfuCalibrationGroup;
  n: number;
  /** mean log utilisation of its runs */
  mean: number;
}

/**
 * The partial-pooling fit of a calibration table (docs/methodology.md section 7.1): log MFU of run i on generation j is
 * mu + a_j + e_ij, a_j ~ N(0, tau^2) between generations, e_ij ~ N(0, sigma^2) within. Variance components by the
 * one-way ANOVA (method-of-moments) estimators; lambda = tau^2 / sigma^2.
 */
export interface MfuFit {
  /** all distinct runs (every group's runs, by model name) */
  n: number;
  /** generations with runs (generation groups, plus each run of no known generation as a group of its own) */
  groups: number;
  /** GLS estimate of mu (log space) and its variance divided by sigma^2 */
  mu: number;
  muVarFactor: number;
  sigma2: number;
  /** tau^2 / sigma^2 (1 / k of docs/methodology.md section 7.1) */
  lambda: number;
  /** degrees of freedom of the predictive t band: runs - generations (within-generation residuals) */
  df: number;
  generations: FittedGeneration[];
  /** the table's all-hardware group (match null, scale any), reported as the group of an unseen generation */
  allGroup: MfuCalibrationGroup | undefined;
}

const fits = new WeakMap<MfuCalibrationTable, MfuFit | null>();

/** The partial-pooling fit of `table` (memoised per table object), or null when it has no runs. */
export function fitMfuCalibration(table: MfuCalibrationTable = DEFAULT_MFU_CALIBRATION): MfuFit | null {
  if (fits.has(table)) return fits.get(table)!;
  const runs = new Map<string, number>();
  for (const g of table.groups) for (const r of g.runs) if (r.utilization > 0) runs.set(r.model, r.utilization);
  const genGroups = table.groups.filter((g) => g.match !== null && g.scale === 'any' && g.runs.length > 0);
  const generationOf = new Map<string, number>();
  genGroups.forEach((g, i) => g.runs.forEach((r) => generationOf.has(r.model) || generationOf.set(r.model, i)));
  // cells: one per generation group, and one per run of no known generation (its hardware is a generation of its own)
  const logs: number[][] = genGroups.map(() => []);
  const others: number[][] = [];
  for (const [model, u] of runs) {
    const j = generationOf.get(model);
    if (j === undefined) others.push([Math.log(u)]);
    else logs[j].push(Math.log(u));
  }
  const cellOf = (ys: number[]) => {
    const mean = ys.reduce((s, y) => s + y, 0) / ys.length;
    return { n: ys.length, mean, within: ys.reduce((s, y) => s + (y - mean) ** 2, 0) };
  };
  const genCells = logs.map((ys) => (ys.length ? cellOf(ys) : null));
  const cells = [...genCells.filter((c): c is NonNullable<typeof c> => c !== null), ...others.map(cellOf)];
  const total = runs.size;
  const allGroup = table.groups.find((g) => g.match === null && g.scale === 'any');
  if (total === 0) {
    fits.set(table, null);
    return null;
  }
  let fit: MfuFit;
  const pooledMean = cells.reduce((s, c) => s + c.n * c.mean, 0) / total;
  const ssw = cells.reduce((s, c) => s + c.within, 0);
  const ssb = cells.reduce((s, c) => s + c.n * (c.mean - pooledMean) ** 2, 0);
  const generations = genGroups
    .map((group, j) => ({ group, n: genCells[j]?.n ?? 0, mean: genCells[j]?.mean ?? 0 }))
    .filter((g) => g.n > 0);
  const k = cells.length;
  if (total - k < 1 || ssw <= 0) {
    // no run shares a generation with another (or they all agree): no within-generation variance to estimate, so
    // complete pooling, the spread of all runs
    const sigma2 = total > 1 ? (ssw + ssb) / (total - 1) : 0;
    fit = {
      n: total,
      groups: k,
      mu: pooledMean,
      muVarFactor: 1 / total,
      sigma2,
      lambda: 0,
      df: Math.max(1, total - 1),
      generations,
      allGroup,
    };
  } else {
    // ANOVA (method-of-moments) estimators of the unbalanced one-way random-effects model (Searle, Casella &
    // McCulloch 1992, Variance Components, section 3.5): sigma^2 = MSW, tau^2 = (MSB - MSW) / n0, truncated at 0
    const sigma2 = ssw / (total - k);
    const n0 = k > 1 ? (total - cells.reduce((s, c) => s + c.n * c.n, 0) / total) / (k - 1) : 1;
    const tau2 = k > 1 ? Math.max(0, (ssb / (k - 1) - sigma2) / n0) : 0;
    const lambda = tau2 / sigma2;
    // mu: the generalised-least-squares mean, each generation weighted by 1 / (tau^2 + sigma^2 / n_j)
    let a = 0;
    let b = 0;
    for (const c of cells) {
      const w = c.n / (1 + lambda * c.n);
      a += w;
      b += w * c.mean;
    }
    fit = { n: total, groups: k, mu: b / a, muVarFactor: 1 / a, sigma2, lambda, df: total - k, generations, allGroup };
  }
  fits.set(table, fit);
  return fit;
}

/** The prediction for a new run on `generation` (undefined: a generation without runs): log-space mean and sd. */
function predictLog(fit: MfuFit, generation: FittedGeneration | undefined): { mean: number; sd: number; weight: number } {
  const { lambda, sigma2, mu, muVarFactor } = fit;
  if (!generation) return { mean: mu, sd: Math.sqrt(sigma2 * (1 + lambda + muVarFactor)), weight: 0 };
  const d = 1 + lambda * generation.n;
  const weight = (lambda * generation.n) / d;
  return {
    mean: mu + weight * (generation.mean - mu),
    sd: Math.sqrt(sigma2 * (1 + lambda / d + muVarFactor / (d * d))),
    weight,
  };
}

const round4 = (x: number): number => Math.round(x * 1e4) / 1e4;

const measureNotes = new WeakMap<MfuCalibrationTable, string>();

/**
 * How many of the table's runs count model FLOPs only, hardware FLOPs, or are unknown (seed/mfu-annotations.json),
 * as ' (a MFU, b HFU, c unknown: docs/methodology.md section 7.1)'; '' when a run is not annotated (an older table).
 */
function measureNote(table: MfuCalibrationTable): string {
  const memo = measureNotes.get(table);
  if (memo !== undefined) return memo;
  const measures = new Map<string, string | undefined>();
  for (const g of table.groups) for (const r of g.runs) if (r.utilization > 0) measures.set(r.model, r.measure);
  const all = [...measures.values()];
  const count = (m: string) => all.filter((x) => x === m).length;
  const note = all.every((m) => m !== undefined)
    ? ` (${count('mfu')} MFU, ${count('hfu')} HFU, ${count('unknown')} unknown: docs/methodology.md section 7.1)`
    : '';
  measureNotes.set(table, note);
  return note;
}

/** The calibrated MFU for hardware described by `subject` (`id + ' ' + name`), or null when the table has no runs. */
function calibratedMfu(subject: string, table: MfuCalibrationTable): MfuFactor | null {
  const fit = fitMfuCalibration(table);
  if (!fit) return null;
  const generation = fit.generations.find((g) => matches(g.group, subject));
  const p = predictLog(fit, generation);
  const sigma = predictiveSigma(fit, generation);
  const value = round4(Math.exp(p.mean));
  const cite = `${table.source.name} (${table.source.license}, ${table.version})`;
  return {
    value,
    low: Math.min(value, round4(Math.exp(p.mean - Z95 * sigma))),
    high: Math.max(value, Math.min(1, round4(Math.exp(p.mean + Z95 * sigma)))),
    source: generation
      ? `partial pooling of ${fit.n} dense training runs${measureNote(table)}: the mean log MFU of the ${generation.n} in '${generation.group.label}' weighted ${round4(p.weight)} against all generations' (random-effects shrinkage); range = Student-t p5-p95 of a new run; ${cite}`
      : `partial pooling of ${fit.n} dense training runs${measureNote(table)}: no run on this hardware's generation, so the mean of all generations; range = Student-t p5-p95 of a new run on a new generation; ${cite}`,
    group: generation?.group.id ?? fit.allGroup?.id ?? 'all',
    n: generation ? generation.n : fit.n,
  };
}

/**
 * The default MFU: for training and fine-tuning the partial-pooling estimate for the device's generation (its runs'
 * mean log MFU shrunk toward all generations' by the weight lambda n / (1 + lambda n), lambda = tau^2 / sigma^2),
 * range = the Student-t predictive p5-p95 band of a new run; for inference the documented inference default.
 * `_deviceCount` is not used: splitting by scale did not predict Epoch's runs better out of sample
 * (docs/methodology.md section 7.1).
 */
export function defaultMfu(
  workload: Workload,
  hardware: HardwareSpec,
  _deviceCount: number | undefined,
  table: MfuCalibrationTable = DEFAULT_MFU_CALIBRATION,
): MfuFactor {
  if (workload === 'inference') {
    return { ...DEFAULT_INFERENCE_MFU, group: null, n: null };
  }
  return calibratedMfu(`${hardware.id} ${hardware.name}`, table) ?? { ...FALLBACK_TRAINING_MFU, group: null, n: null };
}

export interface LeftOutRun {
  model: string;
  hardware: string | null;
  utilization: number;
  predicted: MfuFactor;
  /** device-hours predicted / device-hours implied by the run's own MFU = utilization / predicted MFU */
  ratio: number;
  /** predicted.low <= utilization <= predicted.high */
  covered: boolean;
}

/**
 * Leave-one-run-out validation of the calibration on its own runs: each run's MFU predicted from a table without it
 * (`withoutModels`, so the variance components are re-estimated too), with the share of device-hours within 35% and
 * of runs inside the predicted p5-p95.
 */
export function leaveOneRunOut(table: MfuCalibrationTable = DEFAULT_MFU_CALIBRATION) {
  const runs = new Map<string, MfuCalibrationGroup['runs'][number]>();
  for (const g of table.groups) for (const r of g.runs) if (!runs.has(r.model)) runs.set(r.model, r);
  const results: LeftOutRun[] = [];
  for (const r of runs.values()) {
    const predicted = calibratedMfu(r.hardware ?? '', withoutModels(table, [r.model]));
    if (!predicted) continue;
    const ratio = r.utilization / predicted.value;
    results.push({
      model: r.model,
      hardware: r.hardware,
      utilization: r.utilization,
      predicted,
      ratio,
      covered: predicted.low <= r.utilization && r.utilization <= predicted.high,
    });
  }
  const n = results.length;
  const logErr = results.map((x) => Math.abs(Math.log(x.ratio)));
  return {
    results,
    n,
    within35Share: results.filter((x) => Math.abs(x.ratio - 1) <= 0.35).length / n,
    coveredShare: results.filter((x) => x.covered).length / n,
    meanAbsLogError: logErr.reduce((s, e) => s + e, 0) / n,
    rmsLogError: Math.sqrt(logErr.reduce((s, e) => s + e * e, 0) / n),
  };
}

/** Log-space sd of a new run's MFU, scaled so that the lognormal's p5-p95 equals the Student-t band (t95 / z95). */
function predictiveSigma(fit: MfuFit, generation: FittedGeneration | undefined): number {
  return predictLog(fit, generation).sd * (studentT95(fit.df) / Z95);
}

/**
 * Log-space sigma of a run's MFU around the default of `groupId` (a generation group, or the all-hardware group for a
 * generation without runs): the predictive sd of a new run, which includes the uncertainty of the generation's
 * estimate from few runs, widened so that a lognormal's p5-p95 matches the Student-t band. Used for the percentiles
 * of compute-sized estimates.
 */
export function mfuSigma(groupId: string | null, table: MfuCalibrationTable = DEFAULT_MFU_CALIBRATION): number {
  const fit = groupId ? fitMfuCalibration(table) : null;
  if (!fit) return Math.log(FALLBACK_TRAINING_MFU.high / FALLBACK_TRAINING_MFU.low) / (2 * Z95);
  return predictiveSigma(
    fit,
    fit.generations.find((g) => g.group.id === groupId),
  );
}

/** Linear interpolation between closest ranks (R type 7, numpy's default) of an ascending list. */
export function quantile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** A group's statistics from its runs' utilisations: n, median, quartiles and range (rounded to 4 places). */
export function summariseUtilization(
  values: readonly number[],
): Pick<MfuCalibrationGroup, 'n' | 'median' | 'p25' | 'p75' | 'min' | 'max'> {
  const v = [...values].sort((a, b) => a - b);
  return {
    n: v.length,
    median: round4(quantile(v, 0.5)),
    p25: round4(quantile(v, 0.25)),
    p75: round4(quantile(v, 0.75)),
    min: round4(v[0]),
    max: round4(v[v.length - 1]),
  };
}

/**
 * The calibration table without the runs of the named models, every group's statistics recomputed (groups left
 * empty are dropped, groups left below minN become unusable). Leave-one-out validation predicts a published
 * run with a table that never saw it.
 */
export function withoutModels(table: MfuCalibrationTable, models: readonly string[]): MfuCalibrationTable {
  if (models.length === 0) return table;
  const drop = new Set(models);
  const groups: MfuCalibrationGroup[] = [];
  for (const g of table.groups) {
    const runs = g.runs.filter((r) => !drop.has(r.model));
    if (runs.length === 0) continue;
    if (runs.length === g.runs.length) {
      groups.push(g);
      continue;
    }
    groups.push({
      ...g,
      ...summariseUtilization(runs.map((r) => r.utilization)),
      usable: runs.length >= table.method.minN,
      runs,
    });
  }
  return { ...table, groups };
}
