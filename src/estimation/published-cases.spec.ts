/**
 * Every published training case (validation/published-training-cases.json, sources in validation/SOURCE.md)
 * recomputed through validateEstimateRequest + estimate within its tolerance. The cases state power per
 * device, PUE and intensity themselves, so the fake context resolves any hardware ref to a generic spec
 * and answers intensity with source 'request'. (The service also runs them end to end over HTTP.)
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { estimate } from './estimate';
import { validateEstimateRequest } from './validate';
import { makeContext } from './__tests__/fixtures';

interface PublishedCase {
  id: string;
  model: string;
  source: string;
  request: unknown;
  expected: { energyKwh?: number; co2eKg?: number };
  tolerance: number;
}

const repoRoot = resolve(__dirname, '..', '..');
const casesPath = resolve(repoRoot, 'validation', 'published-training-cases.json');
const cases = JSON.parse(readFileSync(casesPath, 'utf8')) as PublishedCase[];
const ctx = makeContext({ genericHardware: true });

const relErr = (actual: number, expected: number): number => Math.abs(actual - expected) / Math.abs(expected);

describe('published training cases', () => {
  it('loads a non-trivial set of cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
    for (const c of cases) expect(c.expected.energyKwh !== undefined || c.expected.co2eKg !== undefined).toBe(true);
  });

  const energyCases = cases.filter((c) => c.expected.energyKwh !== undefined).map((c) => [c.id, c] as const);
  const co2Cases = cases.filter((c) => c.expected.co2eKg !== undefined).map((c) => [c.id, c] as const);

  it.each(energyCases)('%s: energyKwh within tolerance', (_id, c) => {
    const result = estimate(validateEstimateRequest(c.request), ctx);
    expect(result.method).toBe('device-hours');
    expect(relErr(result.energyKwh, c.expected.energyKwh!)).toBeLessThanOrEqual(c.tolerance);
  });

  it.each(co2Cases)('%s: co2eKg within tolerance', (_id, c) => {
    const result = estimate(validateEstimateRequest(c.request), ctx);
    expect(relErr(result.co2eKg, c.expected.co2eKg!)).toBeLessThanOrEqual(c.tolerance);
    // They state every factor of their CO2e, so nothing is defaulted: the ranges and percentiles collapse to the value.
    expect(result.embodiedCo2eKg).toBe(0);
    expect(result.ranges.co2eKg[0]).toBeCloseTo(result.co2eKg, 6);
    expect(result.ranges.co2eKg[1]).toBeCloseTo(result.co2eKg, 6);
    expect(result.percentiles.co2eKg).toEqual({ p5: result.co2eKg, p50: result.co2eKg, p95: result.co2eKg });
    expect(result.percentiles.energyKwh).toEqual({ p5: result.energyKwh, p50: result.energyKwh, p95: result.energyKwh });
    // Water is not part of what they state: its default factors are the only warnings.
    expect(result.warnings.filter((w) => !w.startsWith('water:'))).toEqual([]);
  });
});
