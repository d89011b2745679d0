import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_MFU_CALIBRATION } from './mfu-calibration.data';
import { defaultMfu } from './mfu';
import { hardwareFactory } from './__tests__/fixtures';

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
