/**
 * Percentiles with meaning. Every defaulted factor is a lognormal with a documented median and 5th-95th
 * percentile band (defaults.ts); a factor the request states has no spread. A result Y is treated as a
 * lognormal with median the central estimate and log-variance sum_i (d ln Y / d ln X_i)^2 sigma_i^2 (first-order
 * propagation in log space). For a pure product (device-hours x power x PUE x intensity) this is exact: log-variances
 * add. For the sums (device + host power, operational + embodied) it is the first-order approximation, taken by
 * central differences at +/- one sigma of each factor. Deterministic: no sampling, so the same request always
 * gets the same percentiles.
 */
import { Z95 } from './defaults';

export interface Percentiles {
  p5: number;
  p50: number;
  p95: number;
}

/** One uncertain input: its log-space standard deviation and how to move the inputs by a factor. */
export interface Knob<I> {
  name: string;
  sigma: number;
  scale(inputs: I, factor: number): I;
}

export const point = (v: number): Percentiles => ({ p5: v, p50: v, p95: v });

/**
 * Percentiles of each output of `f` (all outputs >= 0) under the knobs. Outputs equal to 0 stay 0.
 */
export function propagate<I, K extends string>(
  f: (inputs: I) => Record<K, number>,
  mid: I,
  knobs: readonly Knob<I>[],
  keys: readonly K[],
): Record<K, Percentiles> {
  const y0 = f(mid);
  const variance = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  for (const knob of knobs) {
    if (!(knob.sigma > 0)) continue;
    const up = f(knob.scale(mid, Math.exp(knob.sigma)));
    const down = f(knob.scale(mid, Math.exp(-knob.sigma)));
    for (const k of keys) {
      if (!(up[k] > 0 && down[k] > 0)) continue;
      const d = Math.log(up[k] / down[k]) / 2;
      variance[k] += d * d;
    }
  }
  const out = {} as Record<K, Percentiles>;
  for (const k of keys) {
    const v = y0[k];
    const s = Math.sqrt(variance[k]);
    out[k] = v > 0 && s > 0 ? { p5: v * Math.exp(-Z95 * s), p50: v, p95: v * Math.exp(Z95 * s) } : point(v);
  }
  return out;
}
