/**
 * Default-only training cases (validation/default-training-cases.json): each request states what a user
 * planning a run knows (parameters, tokens, hardware, sometimes the device count and precision) and nothing
 * else, so the device-hours come from the service's own defaults (the MFU calibrated on Epoch AI's runs).
 *
 * Out of sample: each case is predicted with a calibration table that never saw the runs it names in
 * `excludeFromCalibration` (its own run and its publication's siblings), recomputed by the engine's
 * `withoutModels`, and the same runs are left out of the mixture-of-experts penalty (`withoutMoeRuns`). The hardware comes from the seed catalog through the same matcher as the API, and the
 * request through the same validation and estimate() as POST /v1/estimates.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadHardwareFamilies, loadSeedHardware } from '../../src/catalog/catalog.seed-files';
import { HardwareIndex } from '../../src/catalog/domain/hardware-matcher';
import { estimate } from '../../src/estimation/estimate';
import type { EstimationContext, MfuCalibrationTable } from '../../src/estimation/estimation.types';
import { DEFAULT_MFU_CALIBRATION } from '../../src/estimation/mfu-calibration.data';
import { withoutModels } from '../../src/estimation/mfu';
import { withoutMoeRuns, type TrainingEfficiencyTable } from '../../src/estimation/training-efficiency';
import { DEFAULT_TRAINING_EFFICIENCY } from '../../src/estimation/training-efficiency.data';
import { validateEstimateRequest } from '../../src/estimation/validate';

export interface DefaultTrainingCase {
  id: string;
  model: string;
  source: string;
  locator: string;
  request: unknown;
  published: { acceleratorHours: number };
  /** Epoch AI run names left out of the MFU calibration when this case is predicted out of sample. */
  excludeFromCalibration: string[];
  notes: string;
}

export interface DefaultCaseResult {
  id: string;
  model: string;
  published: number;
  predicted: number;
  p5: number;
  p95: number;
  ratio: number;
  mfu: number;
  mfuGroup: string | null;
  /** |predicted / published - 1| <= 0.35 */
  within35: boolean;
  /** p5 <= published <= p95 */
  covered: boolean;
}

const repoRoot = resolve(__dirname, '..', '..');

export function loadDefaultTrainingCases(): DefaultTrainingCase[] {
  return JSON.parse(readFileSync(resolve(repoRoot, 'validation', 'default-training-cases.json'), 'utf8')) as DefaultTrainingCase[];
}

let index: HardwareIndex | null = null;
function seedCatalog(): HardwareIndex {
  index ??= new HardwareIndex(loadSeedHardware(), loadHardwareFamilies());
  return index;
}

/** The engine's context over the seed catalog; the cases state their intensity, so no grid data is needed. */
export function seedContext(
  mfuCalibration: MfuCalibrationTable,
  trainingEfficiency: TrainingEfficiencyTable = DEFAULT_TRAINING_EFFICIENCY,
): EstimationContext {
  const catalog = seedCatalog();
  return {
    dataVersion: 'validation',
    mfuCalibration,
    trainingEfficiency,
    resolveHardware(ref) {
      const r = catalog.resolve(ref);
      if (!r) throw new Error(`validation case names hardware the catalog does not know: ${ref}`);
      return { hardware: r.hardware, warnings: r.warnings };
    },
    resolveIntensity(loc) {
      if (loc.gPerKwh === undefined) throw new Error('default-only validation cases state gPerKwh');
      return { zone: null, year: null, gPerKwh: loc.gPerKwh, signal: 'average', source: 'request', range: [loc.gPerKwh, loc.gPerKwh], warnings: [], resolvedFrom: 'request' };
    },
    resolvePue: () => ({ value: 1.56, low: 1.2, high: 1.8, source: 'unused: the cases compare device-hours' }),
  };
}

/** Predicts every case; `outOfSample` leaves each case's own runs out of the MFU calibration. */
export function runDefaultTrainingCases(outOfSample: boolean, cases = loadDefaultTrainingCases()): DefaultCaseResult[] {
  return cases.map((c) => {
    const table = outOfSample ? withoutModels(DEFAULT_MFU_CALIBRATION, c.excludeFromCalibration) : DEFAULT_MFU_CALIBRATION;
    // the mixture-of-experts penalty is fitted on public runs too: out of sample, the case's own run is left out of it
    const efficiency = outOfSample
      ? withoutMoeRuns(DEFAULT_TRAINING_EFFICIENCY, c.excludeFromCalibration)
      : DEFAULT_TRAINING_EFFICIENCY;
    const e = estimate(validateEstimateRequest(c.request), seedContext(table, efficiency));
    const hours = e.percentiles.acceleratorHours;
    if (e.acceleratorHours === null || !hours) throw new Error(`${c.id}: the estimate has no device-hours`);
    const ratio = e.acceleratorHours / c.published.acceleratorHours;
    const mfu = e.factors.mfu;
    return {
      id: c.id,
      model: c.model,
      published: c.published.acceleratorHours,
      predicted: e.acceleratorHours,
      p5: hours.p5,
      p95: hours.p95,
      ratio,
      mfu: mfu?.value ?? NaN,
      mfuGroup: mfu?.group ?? null,
      within35: Math.abs(ratio - 1) <= 0.35,
      covered: hours.p5 <= c.published.acceleratorHours && c.published.acceleratorHours <= hours.p95,
    };
  });
}

export function summariseDefaultCases(results: DefaultCaseResult[]) {
  const n = results.length;
  const within = results.filter((r) => r.within35).length;
  const covered = results.filter((r) => r.covered).length;
  const logs = results.map((r) => Math.log(r.ratio)).sort((a, b) => a - b);
  const medianRatio = Math.exp(n % 2 ? logs[(n - 1) / 2] : (logs[n / 2 - 1] + logs[n / 2]) / 2);
  return { n, within35: within, within35Share: within / n, covered, coveredShare: covered / n, medianRatio };
}
