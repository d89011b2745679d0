/**
 * `npm run validate`: every validation case, training and serving, with its predicted/measured ratio.
 * - Training: validation/published-training-cases.json through validateEstimateRequest + estimate (the
 *   code path of POST /v1/estimates), each reproducing a published figure from its stated inputs (no
 *   fitted constant is involved, so none is in sample).
 * - Serving: the ML.ENERGY configurations predicted leave one model out (out of sample), with the
 *   in-sample ratio (constants fitted on all cases, as shipped) beside it; the other publications'
 *   cases are out of sample by construction (never fitted).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { estimate } from '../../src/estimation/estimate';
import { estimateDeployment, estimateServing } from '../../src/estimation/inference';
import { DEFAULT_HOST_FACTOR } from '../../src/estimation/defaults';
import { SERVING_CALIBRATION } from '../../src/estimation/serving-calibration.data';
import { leaveOneGroupOut, predictCase, summarise, type CaseResult } from '../../src/estimation/serving-calibration';
import { makeContext } from '../../src/estimation/__tests__/fixtures';
import { loadServingData, repoRoot } from './serving-data';
import { runDefaultTrainingCases, summariseDefaultCases } from './training-defaults';
import { DEFAULT_MFU_CALIBRATION } from '../../src/estimation/mfu-calibration.data';
import { leaveOneRunOut, withoutModels } from '../../src/estimation/mfu';
import { moeRunModels } from '../../src/estimation/training-efficiency';

const pad = (s: string, n: number): string => (s.length >= n ? s.slice(0, n) : s + ' '.repeat(n - s.length));
const num = (x: number): string => (Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 1 ? x.toFixed(2) : x.toPrecision(3));

// ---- training ------------------------------------------------------------------------------------------
const trainingFile = resolve(repoRoot, 'validation/published-training-cases.json');
if (existsSync(trainingFile)) {
  const cases = JSON.parse(readFileSync(trainingFile, 'utf8')) as { id: string; request: unknown; expected: { energyKwh?: number; co2eKg?: number }; tolerance: number }[];
  const ctx = makeContext({ genericHardware: true });
  console.log('\nTRAINING (published figures recomputed from their stated inputs; no fitted constants: none in sample)');
  console.log(`${pad('case', 34)} ${pad('quantity', 10)} ${pad('measured', 12)} ${pad('predicted', 12)} ratio   within tolerance`);
  let ok = 0;
  let n = 0;
  for (const c of cases) {
    const e = estimate(c.request as Parameters<typeof estimate>[0], ctx);
    for (const k of ['energyKwh', 'co2eKg'] as const) {
      const m = c.expected[k];
      if (m === undefined) continue;
      const r = e[k] / m;
      n++;
      const inTol = Math.abs(r - 1) <= c.tolerance;
      if (inTol) ok++;
      console.log(`${pad(c.id, 34)} ${pad(k, 10)} ${pad(num(m), 12)} ${pad(num(e[k]), 12)} ${r.toFixed(3)}   ${inTol ? 'yes' : 'NO'}`);
    }
  }
  console.log(`training: ${ok}/${n} figures within their tolerance`);
} else {
  console.log(`\nTRAINING: ${trainingFile} not found (the reference-data copy brings it)`);
}

// ---- training with the service's defaults ----------------------------------------------------------------
{
  const inSample = new Map(runDefaultTrainingCases(false).map((r) => [r.id, r]));
  const oos = runDefaultTrainingCases(true);
  console.log(
    "\nTRAINING WITH DEFAULTS (device-hours from parameters, tokens and hardware only; out of sample = the case's own Epoch runs left out of the MFU calibration)",
  );
  console.log(
    `${pad('case', 18)} ${pad('published h', 12)} ${pad('predicted h', 12)} ${pad('ratio OOS', 9)} ${pad('p5-p95 / published', 19)} ${pad('MFU (group)', 30)} ratio in-sample`,
  );
  for (const r of oos) {
    const flags = `${r.within35 ? '' : '  <-- outside 35%'}${r.covered ? '' : '  <-- outside p5-p95'}`;
    console.log(
      `${pad(r.id, 18)} ${pad(num(r.published), 12)} ${pad(num(r.predicted), 12)} ${pad(r.ratio.toFixed(2), 9)} ${pad(`${(r.p5 / r.published).toFixed(2)}-${(r.p95 / r.published).toFixed(2)}`, 19)} ${pad(`${r.mfu} (${r.mfuGroup})`, 30)} ${inSample.get(r.id)!.ratio.toFixed(2)}${flags}`,
    );
  }
  const s = summariseDefaultCases(oos);
  console.log(
    `training with defaults, out of sample: ${s.within35}/${s.n} within 35% (${(s.within35Share * 100).toFixed(0)}%), published inside p5-p95 for ${s.covered}/${s.n} (${(s.coveredShare * 100).toFixed(0)}%), median ratio ${s.medianRatio.toFixed(2)}` +
      ` (targets: 80% within 35%${s.within35Share >= 0.8 ? ' met' : ' not met'}, 90% inside p5-p95${s.coveredShare >= 0.9 ? ' met' : ' not met'}; see docs/methodology.md section 12.1)`,
  );
  const loo = leaveOneRunOut(withoutModels(DEFAULT_MFU_CALIBRATION, moeRunModels()));
  console.log(
    `MFU calibration, each of Epoch's ${loo.n} dense runs left out in turn: ${(loo.within35Share * 100).toFixed(0)}% within 35%, ${(loo.coveredShare * 100).toFixed(0)}% inside p5-p95, mean |ln ratio| ${loo.meanAbsLogError.toFixed(3)}, rms ${loo.rmsLogError.toFixed(3)} (docs/methodology.md section 7.1)`,
  );
}

// ---- serving ---------------------------------------------------------------------------------------------
const data = loadServingData();
const shipped = SERVING_CALIBRATION.constants;
console.log('\nSERVING (GPU energy per output token, J; out-of-sample = leave one model out; in-sample = the shipped constants, fitted on every ML.ENERGY case)');
console.log('fitting', data.cases.filter((c) => c.fit).length, 'cases, one fold per model group...');
const loo = leaveOneGroupOut(data.cases, shipped);
const inSample = new Map(data.cases.map((c) => [c.id, predictCase(c, shipped) / c.measuredJPerOutputToken]));
console.log(`${pad('case', 72)} ${pad('measured', 9)} ${pad('predicted', 9)} ${pad('ratio OOS', 9)} ratio in-sample`);
for (const r of loo.results) {
  const flag = r.ratio < 0.5 || r.ratio > 2 ? '  <-- outside 2x' : '';
  console.log(`${pad(r.id, 72)} ${pad(num(r.measured), 9)} ${pad(num(r.predicted), 9)} ${pad(r.ratio.toFixed(2), 9)} ${inSample.get(r.id)!.toFixed(2)} ${r.set === 'ml-energy-v3' ? '' : '(never fitted)'}${flag}`);
}

// deployments: the whole deployment's energy (idle provisioned capacity included)
const deploymentResults: CaseResult[] = [];
for (const d of data.deployments) {
  const s = d.spec;
  const serving = estimateServing({
    model: d.model,
    device: d.device,
    devices: s.devices,
    batchSize: s.batchSize,
    inputTokens: s.inputTokens,
    outputTokens: s.outputTokens,
    weightPrecision: s.weightPrecision as never,
    kvPrecision: s.kvPrecision as never,
    constants: shipped,
  });
  const dep = estimateDeployment(serving, d.device, { requestsPerSecond: s.deployment!.requests / (s.deployment!.hours * 3600), hours: s.deployment!.hours, replicas: 1 });
  const hostFactor = DEFAULT_HOST_FACTOR.value;
  const predictedKwh = (dep.energyJ / 3.6e6) * hostFactor;
  const ratio = predictedKwh / s.measuredKwh!;
  deploymentResults.push({ id: s.id, set: s.set, group: s.id, measured: s.measuredKwh!, predicted: predictedKwh, ratio, inSample: false });
  console.log(
    `${pad(s.id + ' (kWh, server: devices x host factor ' + hostFactor + ')', 72)} ${pad(num(s.measuredKwh!), 9)} ${pad(num(predictedKwh), 9)} ${pad(ratio.toFixed(2), 9)} (never fitted; utilisation ${(dep.utilization * 100).toPrecision(2)}%)`,
  );
}

const every = [...loo.results, ...deploymentResults];
const sum = summarise(every);
const mle = summarise(loo.results.filter((r) => r.set === 'ml-energy-v3'));
console.log(
  `\nserving, out of sample: ${every.filter((r) => r.ratio >= 0.5 && r.ratio <= 2).length}/${every.length} cases within 2x (${(sum.within2x * 100).toFixed(1)}%), ` +
    `${(sum.within1_5x * 100).toFixed(1)}% within 1.5x; ML.ENERGY alone ${(mle.within2x * 100).toFixed(1)}% within 2x, median |ln ratio| ${mle.medianAbsLogRatio.toFixed(3)}`,
);
console.log('shipped constants:', JSON.stringify(shipped));
if (sum.within2x < 0.8) {
  console.error('FAIL: fewer than 80% of serving cases within 2x out of sample');
  process.exitCode = 1;
}
