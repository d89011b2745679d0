import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { moePenalty, precisionSpeedup, relativeSpeed, withoutMoeRuns } from './training-efficiency';
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
    expect(moePenalty()).toMatchObject({ value: 0.6391, low: 0.5845, high: 0.7837 });
    const loo = withoutMoeRuns(DEFAULT_TRAINING_EFFICIENCY, ['DeepSeek-V3']);
    expect(moePenalty(loo)!.value).toBe(0.625);
    expect(
      moePenalty(withoutMoeRuns(DEFAULT_TRAINING_EFFICIENCY, loo.moe.runs.map((r) => r.model).concat('DeepSeek-V3'))),
    ).toBeNull();
  });
});
