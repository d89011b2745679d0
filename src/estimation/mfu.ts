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

function matches(group: MfuCalibrationGroup, hardware: HardwareSpec): boolean {
  if (group.match === null) return true;
  return new RegExp(group.match, 'i').test(`${hardware.id} ${hardware.name}`);
}

/**
 * Picks the default MFU: for training and fine-tuning the median of the most specific usable calibration
 * group (generation + scale, generation, all + scale, all), range [min, max]; for inference the documented
 * inference default.
 */
export function defaultMfu(
  workload: Workload,
  hardware: HardwareSpec,
  deviceCount: number | undefined,
  table: MfuCalibrationTable = DEFAULT_MFU_CALIBRATION,
): MfuFactor {
  if (workload === 'inference') {
    return { ...DEFAULT_INFERENCE_MFU, group: null, n: null };
  }
  const scale = deviceCount === undefined ? undefined : deviceCount >= table.method.largeScaleDevices ? 'large' : 'small';
  const usable = table.groups.filter((g) => g.usable && g.n >= table.method.minN);
  const generation = usable.filter((g) => g.match !== null && matches(g, hardware));
  const generic = usable.filter((g) => g.match === null);
  const candidates = [
    scale ? generation.find((g) => g.scale === scale) : undefined,
    generation.find((g) => g.scale === 'any'),
    scale ? generic.find((g) => g.scale === scale) : undefined,
    generic.find((g) => g.scale === 'any'),
  ];
  const chosen = candidates.find((g): g is MfuCalibrationGroup => g !== undefined);
  if (!chosen) return { ...FALLBACK_TRAINING_MFU, group: null, n: null };
  return {
    value: chosen.median,
    low: Math.min(chosen.min, chosen.median),
    high: Math.max(chosen.max, chosen.median),
    source: `median of ${chosen.n} training runs in '${chosen.label}' (range = min..max), ${table.source.name} (${table.source.license}, ${table.version})`,
    group: chosen.id,
    n: chosen.n,
  };
}

/** Interquartile range of a standard normal: a lognormal's log-sigma = ln(p75 / p25) / 1.349. */
const NORMAL_IQR = 1.3489795003921634;

/**
 * Log-space sigma of a run's MFU around its group's median: the group's interquartile spread, never narrower
 * than that of all runs (small groups understate it). Used for the percentiles of compute-sized estimates.
 */
export function mfuSigma(groupId: string | null, table: MfuCalibrationTable = DEFAULT_MFU_CALIBRATION): number {
  const spread = (g: MfuCalibrationGroup | undefined): number =>
    g && g.p25 > 0 && g.p75 > g.p25 ? Math.log(g.p75 / g.p25) / NORMAL_IQR : 0;
  const all = spread(table.groups.find((g) => g.id === 'all'));
  const own = groupId ? spread(table.groups.find((g) => g.id === groupId)) : 0;
  const fallback = Math.log(FALLBACK_TRAINING_MFU.high / FALLBACK_TRAINING_MFU.low) / (2 * 1.6448536269514722);
  return Math.max(own, all || fallback);
}

/** Linear interpolation between closest ranks (R type 7, numpy's default) of an ascending list. */
export function quantile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

const round4 = (x: number): number => Math.round(x * 1e4) / 1e4;

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
