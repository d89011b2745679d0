import { DEFAULT_MFU_CALIBRATION } from './mfu-calibration.data';
import { defaultMfu, fitMfuCalibration, leaveOneRunOut, mfuSigma, studentT95, withoutModels } from './mfu';
import { moeRunModels } from './training-efficiency';
import type { MfuCalibrationGroup, MfuCalibrationTable } from './estimation.types';
import { hardwareFactory } from './__tests__/fixtures';

/** A table of generation groups (scale 'any') plus the all-hardware group, from utilisations per generation. */
function table(gens: Record<string, number[]>, others: number[] = []): MfuCalibrationTable {
  const group = (id: string, match: string | null, us: number[], prefix: string): MfuCalibrationGroup => ({
    id,
    label: id,
    match,
    scale: 'any',
    n: us.length,
    median: 0,
    p25: 0,
    p75: 0,
    min: 0,
    max: 0,
    usable: true,
    runs: us.map((u, i) => ({
      model: `${prefix}${i}`,
      publicationDate: '2024-01-01',
      hardware: id,
      devices: null,
      utilization: u,
    })),
  });
  const groups = Object.entries(gens).map(([id, us]) => group(id, `\\b${id}\\b`, us, `${id}-`));
  const all = group('all', null, others, 'other-');
  all.runs = [...groups.flatMap((g) => g.runs), ...all.runs.map((r) => ({ ...r, hardware: `other ${r.model}` }))];
  return { ...DEFAULT_MFU_CALIBRATION, groups: [...groups, all] };
}

const log = Math.log;
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

describe('Student t quantile', () => {
  it.each([
    [1, 6.3138],
    [2, 2.92],
    [3, 2.3534],
    [5, 2.015],
    [10, 1.8125],
    [29, 1.6991],
    [120, 1.6577],
  ])('t(0.95, %i) = %f (published tables)', (df, t) => {
    expect(studentT95(df)).toBeCloseTo(t, 3);
  });
});

describe('partial pooling of the MFU calibration', () => {
  it('estimates the variance components with the one-way ANOVA estimators', () => {
    const gens = { aa: [0.3, 0.4, 0.5], bb: [0.2, 0.25], cc: [0.45, 0.5, 0.55, 0.6] };
    const f = fitMfuCalibration(table(gens))!;
    const cells = Object.values(gens).map((us) => us.map(log));
    const all = cells.flat();
    const N = all.length;
    const k = cells.length;
    const ssw = cells.reduce((s, c) => s + c.reduce((t, y) => t + (y - mean(c)) ** 2, 0), 0);
    const ssb = cells.reduce((s, c) => s + c.length * (mean(c) - mean(all)) ** 2, 0);
    const msw = ssw / (N - k);
    const n0 = (N - cells.reduce((s, c) => s + c.length ** 2, 0) / N) / (k - 1);
    const tau2 = (ssb / (k - 1) - msw) / n0;
    expect(f.sigma2).toBeCloseTo(msw, 10);
    expect(f.lambda * f.sigma2).toBeCloseTo(tau2, 10);
    expect(f.df).toBe(N - k);
    expect(f.n).toBe(N);
  });

  it("shrinks a generation's mean toward all generations' by lambda n / (1 + lambda n)", () => {
    const t = table({ aa: [0.3, 0.4, 0.5], bb: [0.2, 0.25], cc: [0.45, 0.5, 0.55, 0.6] });
    const f = fitMfuCalibration(t)!;
    const bb = defaultMfu('training', hardwareFactory({ id: 'bb', name: 'bb' }), undefined, t);
    const w = (f.lambda * 2) / (1 + f.lambda * 2);
    const own = mean([0.2, 0.25].map(log));
    expect(bb.value).toBeCloseTo(Math.exp(f.mu + w * (own - f.mu)), 4);
    // between the generation's own geometric mean and the overall one
    expect(bb.value).toBeGreaterThan(Math.exp(own));
    expect(bb.value).toBeLessThan(Math.exp(f.mu));
    expect(bb).toMatchObject({ group: 'bb', n: 2 });
    expect(bb.low).toBeLessThan(bb.value);
    expect(bb.high).toBeGreaterThan(bb.value);
  });

  it('a thin generation gets a wider predictive band than a well-measured one (the uncertainty of its mean)', () => {
    const t = table({ aa: [0.3, 0.32, 0.35, 0.38, 0.4, 0.42, 0.45, 0.3, 0.36, 0.4], bb: [0.2, 0.3], cc: [0.5, 0.4, 0.6] });
    expect(mfuSigma('bb', t)).toBeGreaterThan(mfuSigma('aa', t));
    // a generation without runs is wider still: the between-generation variance comes on top
    expect(mfuSigma('all', t)).toBeGreaterThan(mfuSigma('bb', t));
  });

  it('with generations far apart (no pooling) the band is s x sqrt(1 + 1/n) with Student-t quantiles', () => {
    const t = table({ aa: [0.1, 0.11, 0.12], bb: [0.8, 0.85, 0.9] });
    const f = fitMfuCalibration(t)!;
    expect(f.lambda).toBeGreaterThan(100);
    const aa = defaultMfu('training', hardwareFactory({ id: 'aa', name: 'aa' }), undefined, t);
    const s = Math.sqrt(f.sigma2);
    expect(mfuSigma('aa', t)).toBeCloseTo((s * Math.sqrt(1 + 1 / 3) * studentT95(4)) / 1.6448536269514722, 2);
    expect(aa.value).toBeCloseTo(Math.exp(mean([0.1, 0.11, 0.12].map(log))), 3);
  });

  it('identical generations pool completely (between-generation variance 0)', () => {
    const t = table({ aa: [0.3, 0.4], bb: [0.3, 0.4] });
    const f = fitMfuCalibration(t)!;
    expect(f.lambda).toBe(0);
    const a = defaultMfu('training', hardwareFactory({ id: 'aa', name: 'aa' }), undefined, t);
    expect(a.value).toBeCloseTo(Math.sqrt(0.3 * 0.4), 4);
  });

  it('runs of no known generation count as generations of their own', () => {
    const f = fitMfuCalibration(table({ aa: [0.3, 0.4, 0.5] }, [0.2, 0.6]))!;
    expect(f.groups).toBe(3);
    expect(f.n).toBe(5);
  });

  it('the device count does not change the default (a scale split did not predict better out of sample)', () => {
    const h = hardwareFactory({ id: 'nvidia-a100-sxm4-80gb', name: 'NVIDIA A100 SXM4 80GB' });
    expect(defaultMfu('training', h, 64)).toEqual(defaultMfu('training', h, 16384));
  });
});

describe("leave one run out on Epoch's dense runs", () => {
  const dense = withoutModels(DEFAULT_MFU_CALIBRATION, moeRunModels());
  const loo = leaveOneRunOut(dense);

  it('predicts every run from a table without it', () => {
    const models = new Set(dense.groups.flatMap((g) => g.runs.map((r) => r.model)));
    expect(loo.n).toBe(models.size);
    // a run that sits far above its generation would be predicted higher if it were in the table
    const lamda = loo.results.find((r) => r.model === 'LaMDA')!;
    expect(lamda.predicted.value).toBeLessThan(
      defaultMfu('training', hardwareFactory({ id: 'tpu-v3', name: 'TPU v3' }), undefined, dense).value,
    );
  });

  it('does not fall below what the method achieves out of sample (30/38 within 35%, 33/38 inside p5-p95)', () => {
    expect(loo.within35Share).toBeGreaterThanOrEqual(30 / 38);
    expect(loo.coveredShare).toBeGreaterThanOrEqual(33 / 38);
    expect(loo.rmsLogError).toBeLessThan(0.32);
  });
});
