import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { moePenalty, moeRunModels, precisionSpeedup, relativeSpeed, withoutMoeRuns } from './training-efficiency';
import { defaultMfu, withoutModels } from './mfu';
import { DEFAULT_MFU_CALIBRATION } from './mfu-calibration.data';
import { DEFAULT_TRAINING_EFFICIENCY } from './training-efficiency.data';
import { A100, H100, V100, hardwareFactory } from './__tests__/fixtures';

const seedPath = resolve(__dirname, '..', '..', 'seed', 'training-efficiency.json');

describe('training efficiency table', () => {
  it('the engine copy equals seed/training-efficiency.json (regenerate with scripts/seed-data/build-training-efficiency.ts)', () => {
    expect(existsSync(seedPath)).toBe(true);
    expect(JSON.parse(readFileSync(seedPath, 'utf8'))).toEqual(DEFAULT_TRAINING_EFFICIENCY);
  });

  it.each(DEFAULT_TRAINING_EFFICIENCY.precision.rows.map((r) => [r.id, r] as const))(
    'row %s is sourced and ordered',
    (_id, r) => {
      expect(r.low).toBeLessThanOrEqual(r.relativeSpeed);
      expect(r.relativeSpeed).toBeLessThanOrEqual(r.high);
      expect(r.source.length).toBeGreaterThan(40);
      expect(r.url).toMatch(/^https:\/\//);
      expect(r.year).toBeGreaterThanOrEqual(2017);
      expect(r.license).not.toBe('');
    },
  );

  it('a measured speed-up never exceeds the peak ratio of its pair', () => {
    for (const [hw, from, to] of [
      [H100, 'bf16', 'fp8'],
      [H100, 'fp32', 'bf16'],
      [H100, 'tf32', 'bf16'],
      [A100, 'tf32', 'bf16'],
      [A100, 'fp32', 'bf16'],
      [V100, 'fp32', 'fp16'],
    ] as const) {
      const s = precisionSpeedup(hw, from, to)!;
      const peak = hw.peakTflops[to]! / hw.peakTflops[from]!;
      expect(s.value).toBeLessThan(peak);
      expect(s.high).toBeLessThanOrEqual(peak);
      expect(s.low).toBeLessThanOrEqual(s.value);
    }
  });

  it('speeds compose through 16-bit and invert', () => {
    const up = precisionSpeedup(H100, 'fp32', 'fp8')!;
    expect(up.value).toBeCloseTo(1.3 / 0.1538, 9);
    expect(precisionSpeedup(H100, 'fp8', 'fp32')!.value).toBeCloseTo(1 / up.value, 9);
    expect(precisionSpeedup(H100, 'bf16', 'fp16')!.value).toBe(1);
  });

  it('no figure: null (fp8 on an unknown generation, int8 anywhere)', () => {
    expect(relativeSpeed(hardwareFactory({ id: 'amd-mi300x', name: 'AMD Instinct MI300X' }), 'fp8')).toBeNull();
    expect(precisionSpeedup(H100, 'bf16', 'int8')).toBeNull();
  });

  it('MoE penalty: median of the runs, range min..max; leave-one-out drops a run', () => {
    expect(moePenalty()).toMatchObject({ value: 0.7218, low: 0.625, high: 0.7769 });
    const loo = withoutMoeRuns(DEFAULT_TRAINING_EFFICIENCY, ['DeepSeek-V3']);
    expect(moePenalty(loo)!.value).toBe(0.7107);
    expect(
      moePenalty(withoutMoeRuns(DEFAULT_TRAINING_EFFICIENCY, loo.moe.runs.map((r) => r.model).concat('DeepSeek-V3'))),
    ).toBeNull();
  });
});

describe("the MoE penalty's Epoch runs are measured against the engine's own dense default", () => {
  // penalty x default MFU must give the MoE run's MFU: a change of the dense calibration method must update the ratios
  const dense = withoutModels(DEFAULT_MFU_CALIBRATION, moeRunModels());
  const utilization = (model: string) =>
    DEFAULT_MFU_CALIBRATION.groups.flatMap((g) => g.runs).find((r) => r.model === model)!.utilization;
  const ratio = (model: string) => DEFAULT_TRAINING_EFFICIENCY.moe.runs.find((r) => r.model === model)!.ratio;
  const dflt = (id: string, name: string) => defaultMfu('training', hardwareFactory({ id, name }), undefined, dense).value;

  it.each<[string, string, string, number]>([
    ['GLaM', 'google-tpu-v4', 'Google TPU v4', 1],
    ['Switch', 'google-tpu-v3', 'Google TPU v3', 1],
    // DeepSeek-V3: Epoch's figure is against an FP8 peak of 1,513: x 1513 / 989 to the BF16 peak, / 1.3 (Hopper FP8 speed)
    ['DeepSeek-V3', 'nvidia-h800-sxm5', 'NVIDIA H800 SXM5', 1513 / 989 / 1.3],
  ])('%s', (model, id, name, toDense16) => {
    expect(ratio(model)).toBeCloseTo((utilization(model) * toDense16) / dflt(id, name), 3);
  });
});
