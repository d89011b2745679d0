import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_MFU_CALIBRATION } from './mfu-calibration.data';
import { defaultMfu, withoutModels } from './mfu';
import { hardwareFactory } from './__tests__/fixtures';
import type { MfuCalibrationRun } from './estimation.types';

const seedPath = resolve(__dirname, '..', '..', 'seed', 'mfu-calibration.json');

describe('MFU calibration table', () => {
  it('the engine copy equals seed/mfu-calibration.json (regenerate both with scripts/seed-data/build-mfu.ts)', () => {
    expect(existsSync(seedPath)).toBe(true);
    expect(JSON.parse(readFileSync(seedPath, 'utf8'))).toEqual(DEFAULT_MFU_CALIBRATION);
  });

  it('credits Epoch AI under CC-BY', () => {
    expect(DEFAULT_MFU_CALIBRATION.source.license).toBe('CC-BY-4.0');
    expect(DEFAULT_MFU_CALIBRATION.source.url).toBe('https://epoch.ai/data/notable-ai-models');
  });

  it.each(DEFAULT_MFU_CALIBRATION.groups.map((g) => [g.id, g] as const))('group %s is consistent', (_id, g) => {
    expect(g.n).toBe(g.runs.length);
    expect(g.usable).toBe(g.n >= DEFAULT_MFU_CALIBRATION.method.minN);
    expect(g.min).toBeLessThanOrEqual(g.p25);
    expect(g.p25).toBeLessThanOrEqual(g.median);
    expect(g.median).toBeLessThanOrEqual(g.p75);
    expect(g.p75).toBeLessThanOrEqual(g.max);
    expect(g.min).toBeGreaterThan(0);
    expect(g.max).toBeLessThanOrEqual(1);
  });

  it.each<[string, string, string]>([
    ['nvidia-h100-sxm5-80gb', 'NVIDIA H100 SXM5 80GB', 'nvidia-hopper'],
    ['nvidia-h800-sxm5', 'NVIDIA H800 SXM5', 'nvidia-hopper'],
    ['nvidia-a100-pcie-40gb', 'NVIDIA A100 PCIe 40GB', 'nvidia-ampere'],
    ['nvidia-tesla-v100-sxm2-16gb', 'Tesla V100-SXM2-16GB', 'nvidia-volta'],
    ['google-tpu-v4', 'Google TPU v4', 'google-tpu-v4-plus'],
    ['google-tpu-v5p', 'TPU v5p', 'google-tpu-v4-plus'],
    ['google-tpu-v3', 'TPU v3', 'google-tpu-v2-v3'],
    ['nvidia-b200', 'NVIDIA B200', 'all'],
    ['amd-mi300x', 'AMD Instinct MI300X', 'all'],
  ])('%s (%s) maps to %s', (id, name, group) => {
    expect(defaultMfu('training', hardwareFactory({ id, name }), undefined).group).toBe(group);
  });
});

describe('MFU calibration: precision and MFU/HFU per run (seed/mfu-annotations.json)', () => {
  const annotationsPath = resolve(__dirname, '..', '..', 'seed', 'mfu-annotations.json');
  const ann = DEFAULT_MFU_CALIBRATION.annotations!;
  const runs = new Map<string, MfuCalibrationRun>();
  for (const g of DEFAULT_MFU_CALIBRATION.groups) for (const r of g.runs) runs.set(r.model, r);

  it('every run carries its precision, measure and basis, with the same values in every group it is in', () => {
    for (const g of DEFAULT_MFU_CALIBRATION.groups)
      for (const r of g.runs) {
        expect(['mfu', 'hfu', 'unknown']).toContain(r.measure);
        expect(['reported', 'derived', 'assumed', 'unknown']).toContain(r.basis);
        expect(r.precision === null || typeof r.precision === 'string').toBe(true);
        expect(r).toEqual(runs.get(r.model));
      }
  });

  it('the table and the curated file annotate the same runs, and the counts add up', () => {
    const file = JSON.parse(readFileSync(annotationsPath, 'utf8')) as { runs: { model: string }[] };
    expect(new Set(file.runs.map((r) => r.model))).toEqual(new Set(runs.keys()));
    expect(new Set(ann.runs.map((r) => r.model))).toEqual(new Set(runs.keys()));
    const all = [...runs.values()];
    expect(ann.counts.mfu).toBe(all.filter((r) => r.measure === 'mfu').length);
    expect(ann.counts.hfu).toBe(all.filter((r) => r.measure === 'hfu').length);
    expect(ann.counts.unknown).toBe(all.filter((r) => r.measure === 'unknown').length);
    expect(ann.counts.mfu + ann.counts.hfu + ann.counts.unknown).toBe(runs.size);
    expect(ann.counts.converted).toBe(all.filter((r) => r.epochUtilization !== undefined).length);
  });

  it('a known measure or precision always has its source; unknown ones have none', () => {
    for (const a of ann.runs) {
      const r = runs.get(a.model)!;
      expect(a.measureSource === null).toBe(r.measure === 'unknown');
      expect(a.precisionSource === null).toBe(r.precision === null);
    }
  });

  it('only an HFU figure is converted, by its stated factor; others keep Epoch figure', () => {
    for (const a of ann.runs) {
      const r = runs.get(a.model)!;
      if (a.hfuToMfu === null) {
        expect(r.epochUtilization).toBeUndefined();
      } else {
        expect(r.measure).toBe('hfu');
        expect(r.utilization).toBeCloseTo(r.epochUtilization! * a.hfuToMfu, 4);
      }
    }
  });

  it('records the figures whose papers name them (PaLM and GLM-130B MFU, not their HFU)', () => {
    expect(runs.get('PaLM (540B)')).toMatchObject({ measure: 'mfu', utilization: 0.462 });
    expect(runs.get('GLM-130B')).toMatchObject({ measure: 'mfu', utilization: 0.325 });
    expect(runs.get('Llama 3.1-405B')).toMatchObject({ measure: 'mfu', precision: 'bf16' });
    expect(runs.get('DeepSeek-V3')).toMatchObject({ measure: 'mfu', precision: 'fp8-mixed' });
    expect(runs.get('Gopher (280B)')!.measure).toBe('hfu');
  });
});

describe('the MFU factor names how many of its runs are MFU, HFU or unknown', () => {
  it('counts the dense runs the default is pooled from', () => {
    const dense = withoutModels(DEFAULT_MFU_CALIBRATION, ['DeepSeek-V3', 'GLaM', 'Switch']);
    const runs = new Map(dense.groups.flatMap((g) => g.runs.map((r) => [r.model, r] as const)));
    const count = (m: string) => [...runs.values()].filter((r) => r.measure === m).length;
    const f = defaultMfu(
      'training',
      hardwareFactory({ id: 'nvidia-h100-sxm5-80gb', name: 'NVIDIA H100 SXM5 80GB' }),
      undefined,
      dense,
    );
    expect(f.source).toContain(
      `partial pooling of ${runs.size} dense training runs (${count('mfu')} MFU, ${count('hfu')} HFU, ${count('unknown')} unknown: docs/methodology.md section 7.1)`,
    );
  });

  it('says nothing of it for a table whose runs are not annotated', () => {
    const bare = {
      ...DEFAULT_MFU_CALIBRATION,
      groups: DEFAULT_MFU_CALIBRATION.groups.map((g) => ({
        ...g,
        runs: g.runs.map(({ model, publicationDate, hardware, devices, utilization }) => ({
          model,
          publicationDate,
          hardware,
          devices,
          utilization,
        })),
      })),
    };
    const f = defaultMfu('training', hardwareFactory({ id: 'nvidia-b200', name: 'NVIDIA B200' }), undefined, bare);
    expect(f.source).toMatch(/^partial pooling of 41 dense training runs: /);
  });
});
