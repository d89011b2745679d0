/**
 * Fitting and validating the serving model's free constants (ServingConstants) against measured cases,
 * through `estimateServing` itself (the function the API calls). Pure: the cases come in as values.
 *
 * Fit: minimise the sum over cases of ln(predicted / measured)^2 of energy per output token and of
 * throughput (a ratio error, so a 2x miss costs the same at 0.05 J/token as at 5 J/token), by Nelder-Mead on transformed parameters (logistic for
 * fractions, log for times) from a few starting points. Validation: leave one group out (one model
 * checkpoint family with its quantised twin, see the case file), fit on the rest, predict the group.
 */
import {
  estimateServing,
  type ServingConstants,
  type ServingDevice,
  type ServingModel,
  type ServingPrecision,
} from './inference';

export interface ServingCase {
  id: string;
  /** Which publication or dataset the case comes from. */
  set: string;
  /** Leave-one-out group (cases of one group are held out together). */
  group: string;
  model: ServingModel;
  device: ServingDevice;
  devices: number;
  batchSize: number;
  inputTokens: number;
  outputTokens: number;
  weightPrecision: ServingPrecision;
  kvPrecision: ServingPrecision;
  servingEfficiency?: number;
  /** Measured device (GPU) energy per output token, J. */
  measuredJPerOutputToken: number;
  /** Measured output tokens per second of the replica, where published (constrains the time terms). */
  measuredOutputTokensPerSecond?: number;
  /** Whether the case takes part in fitting (false: validation only). */
  fit: boolean;
  note?: string;
}

export const CONSTANT_KEYS = [
  'bandwidthEfficiency',
  'computeEfficiency',
  'stepOverheadPerLayerS',
  'multiDeviceOverheadPerLayerS',
  'moeOverheadPerLayerPerSequenceS',
  'busyPowerFraction',
  'overheadPowerFraction',
] as const satisfies readonly (keyof ServingConstants)[];

type Transform = 'logistic' | 'log';
const TRANSFORMS: Record<(typeof CONSTANT_KEYS)[number], Transform> = {
  bandwidthEfficiency: 'logistic',
  computeEfficiency: 'logistic',
  stepOverheadPerLayerS: 'log',
  multiDeviceOverheadPerLayerS: 'log',
  moeOverheadPerLayerPerSequenceS: 'log',
  busyPowerFraction: 'logistic',
  overheadPowerFraction: 'logistic',
};

const clampX = (x: number): number => Math.max(-25, Math.min(25, x));
const toConstants = (x: number[]): ServingConstants => {
  const out = {} as ServingConstants;
  CONSTANT_KEYS.forEach((k, i) => {
    const v = clampX(x[i]);
    out[k] = TRANSFORMS[k] === 'logistic' ? 1 / (1 + Math.exp(-v)) : Math.exp(v);
  });
  return out;
};
const fromConstants = (c: ServingConstants): number[] =>
  CONSTANT_KEYS.map((k) => (TRANSFORMS[k] === 'logistic' ? Math.log(c[k] / (1 - c[k])) : Math.log(c[k])));

/** Predicted device energy per output token of a case under the given constants, J. */
export function predictCase(c: ServingCase, constants: ServingConstants): number {
  return run(c, constants).energyJPerOutputToken;
}

function run(c: ServingCase, constants: ServingConstants) {
  return estimateServing({
    model: c.model,
    device: c.device,
    devices: c.devices,
    batchSize: c.batchSize,
    inputTokens: c.inputTokens,
    outputTokens: c.outputTokens,
    weightPrecision: c.weightPrecision,
    kvPrecision: c.kvPrecision,
    servingEfficiency: c.servingEfficiency,
    // the measured setups ran; memory checks are the API's concern, not the fit's
    memoryUtilization: 1e9,
    constants,
  });
}

/**
 * Sum of squared log ratios of energy per output token, plus (where measured) of throughput: energy
 * alone would let a time term trade against a power term (a long stall at idle power costs the same
 * energy as a short busy spell); the measured tokens per second pin the times down.
 */
export function lossOf(cases: ServingCase[], constants: ServingConstants): number {
  let s = 0;
  for (const c of cases) {
    const r = run(c, constants);
    const e = Math.log(r.energyJPerOutputToken / c.measuredJPerOutputToken);
    s += e * e;
    if (c.measuredOutputTokensPerSecond !== undefined) {
      const t = Math.log(r.outputTokensPerSecond / c.measuredOutputTokensPerSecond);
      s += t * t;
    }
  }
  return s;
}

/** Nelder-Mead minimisation of f from x0 (standard coefficients; a fixed iteration budget keeps it deterministic). */
function nelderMead(f: (x: number[]) => number, x0: number[], step: number, iterations: number): { x: number[]; fx: number } {
  const n = x0.length;
  let simplex: { x: number[]; fx: number }[] = [{ x: x0, fx: f(x0) }];
  for (let i = 0; i < n; i++) {
    const x = [...x0];
    x[i] += step;
    simplex.push({ x, fx: f(x) });
  }
  for (let it = 0; it < iterations; it++) {
    simplex.sort((a, b) => a.fx - b.fx);
    const best = simplex[0];
    const worst = simplex[n];
    if (Math.abs(worst.fx - best.fx) < 1e-10 * (1 + Math.abs(best.fx))) break;
    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j] += simplex[i].x[j] / n;
    const along = (t: number): number[] => centroid.map((c, j) => c + t * (worst.x[j] - c));
    const xr = along(-1);
    const fr = f(xr);
    if (fr < best.fx) {
      const xe = along(-2);
      const fe = f(xe);
      simplex[n] = fe < fr ? { x: xe, fx: fe } : { x: xr, fx: fr };
    } else if (fr < simplex[n - 1].fx) {
      simplex[n] = { x: xr, fx: fr };
    } else {
      const xc = fr < worst.fx ? along(-0.5) : along(0.5);
      const fc = f(xc);
      if (fc < Math.min(fr, worst.fx)) simplex[n] = { x: xc, fx: fc };
      else {
        simplex = simplex.map((p, i) => {
          if (i === 0) return p;
          const x = p.x.map((v, j) => best.x[j] + 0.5 * (v - best.x[j]));
          return { x, fx: f(x) };
        });
      }
    }
  }
  simplex.sort((a, b) => a.fx - b.fx);
  return simplex[0];
}

/** Starting points: a roofline-textbook guess and two perturbations (fixed, so fits are reproducible). */
const STARTS: ServingConstants[] = [
  {
    bandwidthEfficiency: 0.7,
    computeEfficiency: 0.5,
    stepOverheadPerLayerS: 150e-6,
    multiDeviceOverheadPerLayerS: 100e-6,
    moeOverheadPerLayerPerSequenceS: 1e-6,
    busyPowerFraction: 0.6,
    overheadPowerFraction: 0.3,
  },
  {
    bandwidthEfficiency: 0.85,
    computeEfficiency: 0.35,
    stepOverheadPerLayerS: 50e-6,
    multiDeviceOverheadPerLayerS: 300e-6,
    moeOverheadPerLayerPerSequenceS: 3e-6,
    busyPowerFraction: 0.75,
    overheadPowerFraction: 0.15,
  },
  {
    bandwidthEfficiency: 0.55,
    computeEfficiency: 0.6,
    stepOverheadPerLayerS: 300e-6,
    multiDeviceOverheadPerLayerS: 30e-6,
    moeOverheadPerLayerPerSequenceS: 0.3e-6,
    busyPowerFraction: 0.5,
    overheadPowerFraction: 0.5,
  },
];

export interface FitResult {
  constants: ServingConstants;
  /** Root-mean-square of the loss terms (energy and throughput log ratios) per fitted case. */
  rmsLogError: number;
  cases: number;
}

export function fitServingConstants(cases: ServingCase[], iterations = 1500): FitResult {
  const fitting = cases.filter((c) => c.fit);
  if (fitting.length === 0) throw new Error('no cases to fit');
  const f = (x: number[]): number => lossOf(fitting, toConstants(x));
  let best: { x: number[]; fx: number } | null = null;
  for (const start of STARTS) {
    let r = nelderMead(f, fromConstants(start), 0.5, iterations);
    r = nelderMead(f, r.x, 0.2, iterations); // restart from the optimum to escape a collapsed simplex
    if (!best || r.fx < best.fx) best = r;
  }
  return { constants: toConstants(best!.x), rmsLogError: Math.sqrt(best!.fx / fitting.length), cases: fitting.length };
}

export interface CaseResult {
  id: string;
  set: string;
  group: string;
  measured: number;
  predicted: number;
  /** predicted / measured. */
  ratio: number;
  /** true when the case's own measurement was used to fit the constants that predicted it. */
  inSample: boolean;
}

export interface LeaveOneOutResult {
  results: CaseResult[];
  folds: { group: string; constants: ServingConstants }[];
  /** Share of out-of-sample cases within 2x (ratio in [0.5, 2]). */
  within2x: number;
  within1_5x: number;
  medianAbsLogRatio: number;
}

/**
 * Leave-one-group-out: for each group with fitted cases, fit on every other group's cases and predict
 * the group's. Cases marked `fit: false` (other publications) are predicted with the constants fitted
 * on all fitted cases: they are out of sample by construction.
 */
export function leaveOneGroupOut(cases: ServingCase[], all: ServingConstants, iterations = 1500): LeaveOneOutResult {
  const groups = [...new Set(cases.filter((c) => c.fit).map((c) => c.group))].sort();
  const results: CaseResult[] = [];
  const folds: LeaveOneOutResult['folds'] = [];
  for (const g of groups) {
    const { constants } = fitServingConstants(
      cases.filter((c) => c.group !== g),
      iterations,
    );
    folds.push({ group: g, constants });
    for (const c of cases.filter((x) => x.group === g && x.fit)) {
      const predicted = predictCase(c, constants);
      results.push({
        id: c.id,
        set: c.set,
        group: g,
        measured: c.measuredJPerOutputToken,
        predicted,
        ratio: predicted / c.measuredJPerOutputToken,
        inSample: false,
      });
    }
  }
  for (const c of cases.filter((x) => !x.fit)) {
    const predicted = predictCase(c, all);
    results.push({
      id: c.id,
      set: c.set,
      group: c.group,
      measured: c.measuredJPerOutputToken,
      predicted,
      ratio: predicted / c.measuredJPerOutputToken,
      inSample: false,
    });
  }
  return { results, folds, ...summarise(results) };
}

export function summarise(results: CaseResult[]): { within2x: number; within1_5x: number; medianAbsLogRatio: number } {
  const n = results.length || 1;
  const abs = results.map((r) => Math.abs(Math.log(r.ratio))).sort((a, b) => a - b);
  return {
    within2x: results.filter((r) => r.ratio >= 0.5 && r.ratio <= 2).length / n,
    within1_5x: results.filter((r) => r.ratio >= 1 / 1.5 && r.ratio <= 1.5).length / n,
    medianAbsLogRatio: abs.length ? abs[Math.floor(abs.length / 2)] : 0,
  };
}

/** Quantile q in [0, 1] of values (linear interpolation). */
export function quantile(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}
