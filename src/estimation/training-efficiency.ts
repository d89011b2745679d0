/**
 * Training efficiency from evidence (docs/methodology.md §7): the measured speed of a number format relative to
 * 16-bit mixed precision per accelerator generation, and the MFU penalty of mixture-of-experts training. Pure.
 */
import type { FactorValue, HardwareSpec, Precision, TrainingEfficiencyTable } from './estimation.types';
import { DEFAULT_TRAINING_EFFICIENCY } from './training-efficiency.data';

export type { MoeRun, PrecisionSpeedRow, TrainingEfficiencyTable } from './estimation.types';

/** 16-bit mixed precision: the formats the MFU calibration's runs used, relative speed 1 by definition. */
const SIXTEEN_BIT: readonly Precision[] = ['bf16', 'fp16'];

export interface RelativeSpeed {
  value: number;
  low: number;
  high: number;
  source: string;
}

const UNIT: RelativeSpeed = { value: 1, low: 1, high: 1, source: '16-bit mixed precision (reference)' };

/** Speed of `precision` relative to 16-bit on `hardware`, or null when no published figure covers the pair. */
export function relativeSpeed(
  hardware: Pick<HardwareSpec, 'id' | 'name'>,
  precision: Precision,
  table: TrainingEfficiencyTable = DEFAULT_TRAINING_EFFICIENCY,
): RelativeSpeed | null {
  if (SIXTEEN_BIT.includes(precision)) return UNIT;
  const subject = `${hardware.id} ${hardware.name}`;
  const row = table.precision.rows.find((r) => r.precision === precision && new RegExp(r.match, 'i').test(subject));
  if (!row) return null;
  return {
    value: row.relativeSpeed,
    low: row.low,
    high: row.high,
    source: `${row.generation}, ${row.basis}: ${row.source} (${row.url}, ${row.year}, ${row.license})`,
  };
}

/**
 * Speed of running in `to` instead of `from` on `hardware` (>1: `to` is faster): the ratio of their speeds relative
 * to 16-bit; the band combines both bands (log-sigmas add in quadrature, computed by the caller from low/high).
 * Null when either format has no published figure for this generation.
 */
export function precisionSpeedup(
  hardware: Pick<HardwareSpec, 'id' | 'name'>,
  from: Precision,
  to: Precision,
  table: TrainingEfficiencyTable = DEFAULT_TRAINING_EFFICIENCY,
): FactorValue | null {
  if (from === to || (SIXTEEN_BIT.includes(from) && SIXTEEN_BIT.includes(to)))
    return { value: 1, low: 1, high: 1, source: `${from} and ${to}: same speed` };
  const a = relativeSpeed(hardware, from, table);
  const b = relativeSpeed(hardware, to, table);
  if (!a || !b) return null;
  const sources = [a, b].filter((r) => r !== UNIT).map((r) => r.source);
  const source = `measured end-to-end training speed, ${to} vs ${from}: ${sources.join('; ')}`;
  // one side is the 16-bit reference: the row's own band
  if (a === UNIT) return { value: b.value, low: b.low, high: b.high, source };
  if (b === UNIT) return { value: 1 / a.value, low: 1 / a.high, high: 1 / a.low, source };
  // the band of a ratio of two independent lognormals: log-sigmas add in quadrature
  const s = (r: RelativeSpeed) => (r.high > r.low ? Math.log(r.high / r.low) : 0);
  const half = Math.hypot(s(a), s(b)) / 2;
  const value = b.value / a.value;
  return { value, low: value * Math.exp(-half), high: value * Math.exp(half), source };
}

/** The mixture-of-experts MFU penalty: median of the runs' ratios, band [min, max]; null when the table has no runs. */
export function moePenalty(table: TrainingEfficiencyTable = DEFAULT_TRAINING_EFFICIENCY): FactorValue | null {
  const runs = table.moe.runs;
  if (runs.length === 0) return null;
  const ratios = runs.map((r) => r.ratio).sort((x, y) => x - y);
  const mid = (ratios.length - 1) / 2;
  const value = Math.round(((ratios[Math.floor(mid)] + ratios[Math.ceil(mid)]) / 2) * 1e4) / 1e4;
  return {
    value,
    low: ratios[0],
    high: ratios[ratios.length - 1],
    source: `mixture-of-experts MFU penalty: median of ${runs.length} public runs' MFU relative to dense runs on the same generation (${runs
      .map((r) => `${r.model} ${r.ratio}`)
      .join(', ')}; ${table.id} ${table.version}, docs/methodology.md §7)`,
  };
}

/** Names of the mixture-of-experts runs (left out of the dense MFU calibration: their penalty is applied separately). */
export const moeRunModels = (table: TrainingEfficiencyTable = DEFAULT_TRAINING_EFFICIENCY): string[] =>
  table.moe.runs.map((r) => r.model);

/** The table without the named runs (leave-one-out validation). */
export function withoutMoeRuns(table: TrainingEfficiencyTable, models: readonly string[]): TrainingEfficiencyTable {
  if (models.length === 0) return table;
  const drop = new Set(models);
  return { ...table, moe: { ...table.moe, runs: table.moe.runs.filter((r) => !drop.has(r.model)) } };
}
