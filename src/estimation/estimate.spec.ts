import { estimate } from './estimate';
import { DEFAULT_MFU_CALIBRATION } from './mfu-calibration.data';
import { EstimationError, EstimationErrorCode } from './estimation.errors';
import type { Estimate, EstimateRequest } from './estimation.types';
import { A100, H100, V100, hardwareFactory, makeContext, requestFactory } from './__tests__/fixtures';

const ctx = makeContext({ hardware: { 'no-tdp': hardwareFactory({ id: 'no-tdp', name: 'No TDP', tdpW: NaN }) } });
const run = (overrides: Partial<EstimateRequest>): Estimate => estimate(requestFactory(overrides), ctx);

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    return (err as { code: string }).code;
  }
  throw new Error('expected an error');
}

describe('device-hours and power', () => {
  it.each<[string, Partial<EstimateRequest>, { hours: number; powerW: number; energyKwh: number; co2eKg: number }]>([
    // H x P x PUE / 1000, x I / 1000
    [
      'acceleratorHours with powerW',
      { hardware: { powerW: 300 }, acceleratorHours: 1000, pue: 1.2, location: { gPerKwh: 400 } },
      { hours: 1000, powerW: 300, energyKwh: 360, co2eKg: 144 },
    ],
    [
      'hours x count with powerW',
      {
        hardware: { ref: A100.id, count: 8, powerW: 250 },
        acceleratorHours: undefined,
        hours: 10,
        pue: 1,
        location: { gPerKwh: 100 },
      },
      { hours: 80, powerW: 250, energyKwh: 20, co2eKg: 2 },
    ],
    // P = idleW + u (a x tdpW - idleW), a = 0.8 (GPU class) = 46 + 0.5 x (320 - 46) = 183
    [
      'catalog idleW and utilization',
      { hardware: { ref: A100.id, count: 8, utilization: 0.5 }, hours: 10, acceleratorHours: undefined, pue: 1.2 },
      { hours: 80, powerW: 183, energyKwh: 17.568, co2eKg: 7.0272 },
    ],
    // training default u = 1: P = 0.8 x TDP
    [
      'default utilization (training)',
      { hardware: { ref: A100.id }, acceleratorHours: 100, pue: 1 },
      { hours: 100, powerW: 320, energyKwh: 32, co2eKg: 12.8 },
    ],
    // inference default u = 0.7: 46 + 0.7 x 274 = 237.8
    [
      'default utilization (inference)',
      { workload: 'inference', hardware: { ref: A100.id }, acceleratorHours: 100, pue: 1 },
      { hours: 100, powerW: 237.8, energyKwh: 23.78, co2eKg: 9.512 },
    ],
    // idle default 11.4% of TDP: 79.8 + 0.5 x (560 - 79.8) = 319.9
    [
      'default idle fraction',
      { hardware: { ref: H100.id, utilization: 0.5 }, acceleratorHours: 10, pue: 1 },
      { hours: 10, powerW: 319.9, energyKwh: 3.199, co2eKg: 1.2796 },
    ],
  ])('%s', (_n, req, exp) => {
    const e = run({ includeEmbodied: false, ...req });
    expect(e.method).toBe('device-hours');
    expect(e.acceleratorHours).toBeCloseTo(exp.hours, 9);
    expect(e.factors.hardware!.powerW).toBeCloseTo(exp.powerW, 9);
    expect(e.energyKwh).toBeCloseTo(exp.energyKwh, 9);
    expect(e.co2eKg).toBeCloseTo(exp.co2eKg, 9);
  });

  it('reports wall hours from hours, or from device-hours / count', () => {
    expect(run({ hardware: { ref: A100.id, count: 8 }, acceleratorHours: undefined, hours: 12 }).wallHours).toBe(12);
    expect(run({ hardware: { ref: A100.id, count: 8 }, acceleratorHours: 96 }).wallHours).toBeCloseTo(12, 9);
    expect(run({ hardware: { ref: A100.id }, acceleratorHours: 96 }).wallHours).toBeNull();
  });

  it('warns for every default it relied on', () => {
    const e = estimate({ hardware: { ref: H100.id, count: 8 }, hours: 10, location: { zone: 'FR' }, boundary: 'server' }, ctx);
    const w = e.warnings.join('\n');
    expect(w).toMatch(/powerW not given: assumed 0.8 of TDP while kernels run/);
    expect(w).toMatch(/host power not given/);
    expect(w).toMatch(/pue not given/);
    expect(w).toMatch(/embodiedLifetimeYears not given/);
    expect(w).toMatch(/water: wueLPerKwh not given/);
    // training at u = 1: idle does not enter the value nor the range, so no idle warning
    expect(w).not.toMatch(/no idle power in the catalog/);
    const inference = estimate(
      { workload: 'inference', hardware: { ref: H100.id, count: 8 }, hours: 10, location: { zone: 'FR' } },
      ctx,
    );
    expect(inference.warnings.join()).toMatch(/no idle power in the catalog/);
    const withIdle = estimate(
      { workload: 'inference', hardware: { ref: A100.id, count: 8 }, hours: 10, location: { zone: 'FR' } },
      ctx,
    );
    expect(withIdle.warnings.join()).not.toMatch(/idle power/); // the catalog has A100's idleW
  });
});

describe('boundary and breakdown', () => {
  it.each<[string, Partial<EstimateRequest>, { accel: number; host: number; facility: number }]>([
    ['accelerators only', { hardware: { powerW: 500 }, acceleratorHours: 10, pue: 1.5 }, { accel: 5, host: 0, facility: 2.5 }],
    // host added on: no system profile without a ref -> component model (2 x 300 W x 0.5 + 1024 GB x 0.3725 + 500 W) / 8 = 147.68 W
    [
      'server, default host power (component model)',
      { hardware: { powerW: 500 }, acceleratorHours: 10, pue: 1.5, boundary: 'server' },
      { accel: 5, host: 1.4768, facility: 3.2384 },
    ],
    // A100 profile: 0.68 x (6500 - 8 x 400) / 8 = 280.5 W per GPU, whatever the GPU draws
    [
      'server, A100 system profile',
      { hardware: { ref: A100.id, powerW: 300 }, acceleratorHours: 10, pue: 1, boundary: 'server' },
      { accel: 3, host: 2.805, facility: 0 },
    ],
    [
      'server, host factor given',
      { hardware: { powerW: 500, hostFactor: 1.5 }, acceleratorHours: 10, pue: 1, boundary: 'server' },
      { accel: 5, host: 2.5, facility: 0 },
    ],
    [
      'energy, accelerators',
      { hardware: undefined, acceleratorHours: undefined, energyKwh: 100, pue: 1.2 },
      { accel: 100, host: 0, facility: 20 },
    ],
    [
      'energy, server split by host factor',
      { hardware: { hostFactor: 2 }, acceleratorHours: undefined, energyKwh: 100, pue: 1.2, boundary: 'server' },
      { accel: 50, host: 50, facility: 20 },
    ],
    // no device power: default host share 0.35 of server energy
    [
      'energy, server split by default host share',
      { hardware: undefined, acceleratorHours: undefined, energyKwh: 100, pue: 1, boundary: 'server' },
      { accel: 65, host: 35, facility: 0 },
    ],
  ])('%s', (_n, req, exp) => {
    const e = run({ includeEmbodied: false, ...req });
    expect(e.breakdown.acceleratorsKwh).toBeCloseTo(exp.accel, 9);
    expect(e.breakdown.hostKwh).toBeCloseTo(exp.host, 9);
    expect(e.breakdown.facilityOverheadKwh).toBeCloseTo(exp.facility, 9);
    expect(e.energyKwh).toBeCloseTo(exp.accel + exp.host + exp.facility, 9);
  });

  it('energy sizing applies PUE on top and needs no hardware', () => {
    const e = estimate({ energyKwh: 1000, pue: 1.1, location: { gPerKwh: 200 } }, ctx);
    expect(e.method).toBe('energy');
    expect(e.energyKwh).toBeCloseTo(1100, 9);
    expect(e.co2eKg).toBeCloseTo(220, 9);
    expect(e.acceleratorHours).toBeNull();
    expect(e.factors.hardware).toBeNull();
    expect(e.embodiedCo2eKg).toBe(0);
    expect(e.warnings.join()).toMatch(/no hardware.ref/);
  });
});

describe('compute sizing', () => {
  it.each<[string, Partial<EstimateRequest>, { flops: number; hours: number }]>([
    // H = FLOPs / (peak x MFU) / 3600
    [
      'flops given',
      { compute: { flops: 3.6e20, mfu: 0.5, precision: 'bf16' } },
      { flops: 3.6e20, hours: 3.6e20 / (312e12 * 0.5) / 3600 },
    ],
    [
      '6ND training',
      { compute: { parameters: 7e9, tokens: 1e12, mfu: 0.4 } },
      { flops: 4.2e22, hours: 4.2e22 / (312e12 * 0.4) / 3600 },
    ],
    [
      '6ND fine-tuning',
      { workload: 'fine-tuning', compute: { parameters: 7e9, tokens: 1e9, mfu: 0.4 } },
      { flops: 4.2e19, hours: 4.2e19 / (312e12 * 0.4) / 3600 },
    ],
    [
      '2ND inference',
      { workload: 'inference', compute: { parameters: 7e9, tokens: 1e9, mfu: 0.25 } },
      { flops: 1.4e19, hours: 1.4e19 / (312e12 * 0.25) / 3600 },
    ],
    [
      'MoE uses active parameters',
      { compute: { parameters: 47e9, activeParameters: 13e9, tokens: 1e12, mfu: 0.4 } },
      { flops: 7.8e22, hours: 7.8e22 / (312e12 * 0.4) / 3600 },
    ],
    [
      'tf32 peak',
      { compute: { flops: 1e20, mfu: 0.5, precision: 'tf32' } },
      { flops: 1e20, hours: 1e20 / (156e12 * 0.5) / 3600 },
    ],
  ])('%s', (_n, req, exp) => {
    // goodput off: the bare arithmetic (its default for a stated MFU is tested in 'training overheads')
    const e = run({ acceleratorHours: undefined, hardware: { ref: A100.id, count: 64 }, overheads: { goodput: false }, ...req });
    expect(e.method).toBe('compute');
    expect(e.flops).toBeCloseTo(exp.flops, -5);
    expect(e.acceleratorHours! / exp.hours).toBeCloseTo(1, 12);
    expect(e.factors.mfu!.source).toBe('request');
    expect(e.ranges.acceleratorHours).toEqual([e.acceleratorHours, e.acceleratorHours]);
  });

  it('falls back from bf16 to fp16 on a V100, with a warning (GPT-3: 3.14e23 FLOPs)', () => {
    const e = run({
      acceleratorHours: undefined,
      hardware: { ref: V100.id, count: 10000, powerW: 330 },
      compute: { flops: 3.14e23, mfu: 0.2 },
      overheads: { goodput: false },
    });
    expect(e.factors.compute!.peakPrecision).toBe('fp16');
    expect(e.acceleratorHours).toBeCloseTo(3.14e23 / (125e12 * 0.2) / 3600, 3);
    expect(e.warnings.join()).toMatch(/no bf16 peak/);
  });

  it('precision fp8 on a device without fp8 uses the bf16 peak', () => {
    const e = run({ acceleratorHours: undefined, compute: { flops: 1e20, mfu: 0.5, precision: 'fp8' } });
    expect(e.factors.compute!.peakPrecision).toBe('bf16');
  });

  it.each<[string, string, number | undefined, number, string | null]>([
    // dense calibration (the mixture-of-experts runs DeepSeek-V3, GLaM and Switch are left out: their penalty is
    // separate), each generation's mean log MFU shrunk toward all generations' (docs/methodology.md section 7.1)
    ['H100 x 16384: Hopper (3 dense runs, pulled toward all generations)', H100.id, 16384, 0.3603, 'nvidia-hopper'],
    ['H100, no count: the same (scale does not change the default)', H100.id, undefined, 0.3603, 'nvidia-hopper'],
    ['A100 x 512: Ampere (16 runs)', A100.id, 512, 0.3636, 'nvidia-ampere'],
    ['A100 x 4096: the same', A100.id, 4096, 0.3636, 'nvidia-ampere'],
    ['V100 x 64: Volta (3 runs at 0.20-0.23, pulled up toward 0.34)', V100.id, 64, 0.2606, 'nvidia-volta'],
    ['unknown generation x 2048: the mean of all generations', 'generic-accelerator', 2048, 0.341, 'all'],
  ])('default MFU: %s', (_n, ref, count, value, group) => {
    const c = makeContext({ genericHardware: true });
    const e = estimate(
      { hardware: { ref, ...(count ? { count } : {}) }, compute: { flops: 1e21 }, location: { gPerKwh: 100 } },
      c,
    );
    expect(e.factors.mfu!.value).toBeCloseTo(value, 4);
    expect(e.factors.mfu!.group).toBe(group);
    expect(e.factors.mfu!.low).toBeLessThanOrEqual(value);
    expect(e.factors.mfu!.high).toBeGreaterThanOrEqual(value);
    expect(e.warnings.join()).toMatch(/compute.mfu not given/);
    expect(e.warnings.join()).toMatch(/precision not given/);
    // MFU uncertainty widens device-hours and energy
    expect(e.ranges.acceleratorHours![0]).toBeLessThanOrEqual(e.acceleratorHours!);
    expect(e.ranges.acceleratorHours![1]).toBeGreaterThan(e.acceleratorHours!);
    expect(e.ranges.energyKwh[1]).toBeGreaterThan(e.energyKwh);
  });

  it('default MFU for inference is the documented inference default', () => {
    const e = run({ workload: 'inference', acceleratorHours: undefined, compute: { parameters: 7e9, tokens: 1e9 } });
    expect(e.factors.mfu).toMatchObject({ value: 0.2, low: 0.05, high: 0.76, group: null });
  });

  it('accepts a calibration table through the context', () => {
    const table = DEFAULT_MFU_CALIBRATION;
    // every run at 0.5: no spread, so the default is 0.5 whatever the pooling
    const custom = {
      ...table,
      groups: table.groups.map((g) => ({
        ...g,
        median: 0.5,
        min: 0.5,
        max: 0.5,
        runs: g.runs.map((r) => ({ ...r, utilization: 0.5 })),
      })),
    };
    const e = estimate(
      { hardware: { ref: A100.id }, compute: { flops: 1e21 }, location: { gPerKwh: 1 } },
      { ...makeContext(), mfuCalibration: custom },
    );
    expect(e.factors.mfu!.value).toBe(0.5);
    expect(e.factors.mfu!.group).toBe('nvidia-ampere');
    const empty = estimate(
      { hardware: { ref: A100.id }, compute: { flops: 1e21 }, location: { gPerKwh: 1 } },
      { ...makeContext(), mfuCalibration: { ...table, groups: [] } },
    );
    expect(empty.factors.mfu).toMatchObject({ value: 0.4, group: null });
  });
});

describe('errors', () => {
  it.each<[string, EstimateRequest, string]>([
    ['compute without hardware', { compute: { flops: 1e20 }, location: { gPerKwh: 1 } }, EstimationErrorCode.HARDWARE_REQUIRED],
    [
      'device-hours without ref or powerW',
      { hardware: { count: 8 }, hours: 1, location: { gPerKwh: 1 } },
      EstimationErrorCode.HARDWARE_REQUIRED,
    ],
    [
      'distillation without ref',
      {
        hardware: { powerW: 300 },
        acceleratorHours: 1,
        location: { gPerKwh: 1 },
        mitigations: [{ type: 'distillation', teacherParameters: 1e9, studentParameters: 1e8, tokens: 1e9 }],
      },
      EstimationErrorCode.HARDWARE_REQUIRED,
    ],
    [
      'no peak FLOP/s at all',
      { hardware: { ref: 'mystery-chip' }, compute: { flops: 1e20 }, location: { gPerKwh: 1 } },
      EstimationErrorCode.PEAK_FLOPS_UNKNOWN,
    ],
    [
      'no TDP and no powerW',
      { hardware: { ref: 'no-tdp' }, acceleratorHours: 1, location: { gPerKwh: 1 } },
      EstimationErrorCode.POWER_UNKNOWN,
    ],
    [
      'invalid request',
      { hardware: { ref: A100.id }, acceleratorHours: -1, location: { gPerKwh: 1 } },
      EstimationErrorCode.VALIDATION_FAILED,
    ],
    [
      "the context's own error (unknown hardware)",
      { hardware: { ref: 'nope' }, acceleratorHours: 1, location: { gPerKwh: 1 } },
      'HARDWARE_NOT_FOUND',
    ],
  ])('%s', (_n, req, code) => {
    expect(codeOf(() => estimate(req, ctx))).toBe(code);
  });

  it('EstimationError carries details with paths', () => {
    try {
      estimate({ compute: { flops: 1e20 }, location: { gPerKwh: 1 } }, ctx);
    } catch (err) {
      expect(err).toBeInstanceOf(EstimationError);
      expect((err as EstimationError).details[0].path).toBe('hardware.ref');
    }
  });
});

describe('facility, grid and factors', () => {
  it.each<[string, Partial<EstimateRequest>, { pue: number; source: string; warned: boolean }]>([
    ['PUE from the request', { pue: 1.3 }, { pue: 1.3, source: 'request', warned: false }],
    [
      'provider default (gcp)',
      { pue: undefined, location: { provider: 'gcp', region: 'europe-west1' } },
      { pue: 1.1, source: 'test: gcp default', warned: true },
    ],
    [
      'unknown data centre default',
      { pue: undefined, location: { zone: 'FR' } },
      { pue: 1.56, source: 'test: unknown data centre', warned: true },
    ],
  ])('%s', (_n, req, exp) => {
    const e = run(req);
    expect(e.factors.pue.value).toBe(exp.pue);
    expect(e.factors.pue.source).toBe(exp.source);
    expect(e.warnings.some((w) => w.startsWith('pue not given'))).toBe(exp.warned);
  });

  it('reports the intensity factor and its range from the zone', () => {
    const e = run({ location: { zone: 'FR' } });
    expect(e.factors.intensity).toMatchObject({ zone: 'FR', year: 2024, gPerKwh: 56, source: 'test grid data', range: [30, 80] });
    expect(e.operationalCo2eKg).toBeCloseTo((e.energyKwh * 56) / 1000, 9);
    expect(e.ranges.co2eKg[0]).toBeLessThan(e.co2eKg);
    expect(e.ranges.co2eKg[1]).toBeGreaterThan(e.co2eKg);
  });

  it('carries dataVersion and the equivalents citations', () => {
    const e = run({});
    expect(e.dataVersion).toBe('test-2025.1');
    expect(e.factors.equivalents.map((f) => f.key)).toEqual(['carKm', 'flightsNewYorkSanFrancisco', 'homeYears', 'treeYears']);
  });
});

describe('embodied and water', () => {
  // per device: 150 kg (catalog) + 2500 kg / 8 (server share) = 462.5 kg, over lifetime x 8760 x usage 0.85
  const PER_DEVICE = 150 + 2500 / 8;
  it.each<[string, Partial<EstimateRequest>, number]>([
    [
      'one device for its whole default lifetime (4 y)',
      { hardware: { ref: A100.id }, acceleratorHours: 4 * 8760 },
      PER_DEVICE / 0.85,
    ],
    [
      'lifetime given (5 y)',
      { hardware: { ref: A100.id }, acceleratorHours: 4 * 8760, embodiedLifetimeYears: 5 },
      (PER_DEVICE * 4) / 5 / 0.85,
    ],
    [
      '1000 device-hours',
      { hardware: { ref: A100.id }, acceleratorHours: 1000, embodiedLifetimeYears: 4 },
      (PER_DEVICE * 1000) / (4 * 8760 * 0.85),
    ],
    ['not included', { hardware: { ref: A100.id }, acceleratorHours: 1000, includeEmbodied: false }, 0],
    ['unknown embodied figure (V100 in this catalog)', { hardware: { ref: V100.id }, acceleratorHours: 1000 }, 0],
    [
      'energy-sized: device-hours = IT energy / power',
      { hardware: { ref: A100.id, powerW: 400 }, acceleratorHours: undefined, energyKwh: 400, embodiedLifetimeYears: 4 },
      (PER_DEVICE * 1000) / (4 * 8760 * 0.85),
    ],
    // BLOOM (Luccioni et al. 2022): 1,082,990 A100-hours, 6 years -> 11.2 tCO2e published
    [
      'BLOOM embodied, 6-year lifetime',
      { hardware: { ref: A100.id }, acceleratorHours: 1082990, embodiedLifetimeYears: 6 },
      (PER_DEVICE * 1082990) / (6 * 8760 * 0.85),
    ],
  ])('%s', (_n, req, expected) => {
    const e = run(req);
    expect(e.embodiedCo2eKg).toBeCloseTo(expected, 9);
    expect(e.co2eKg).toBeCloseTo(e.operationalCo2eKg + e.embodiedCo2eKg, 9);
  });

  it("reproduces BLOOM's published 11.2 tCO2e embodied within 1%", () => {
    const e = run({ hardware: { ref: A100.id }, acceleratorHours: 1082990, embodiedLifetimeYears: 6 });
    expect(Math.abs(e.embodiedCo2eKg / 11200 - 1)).toBeLessThan(0.01);
    expect(e.factors.embodied).toMatchObject({ deviceKgCo2e: 150, serverShareKgCo2e: 312.5, perDeviceKgCo2e: 462.5 });
    expect(e.factors.embodied!.usage!.value).toBe(0.85);
  });

  it('B200 embodies 1.74x the catalog per-device figure (NVIDIA HGX B200 vs H100 PCF)', () => {
    const c = makeContext({
      hardware: { 'nvidia-b200': hardwareFactory({ id: 'nvidia-b200', name: 'NVIDIA B200', tdpW: 1000, embodiedKgCo2e: 150 }) },
    });
    const e = estimate(requestFactory({ hardware: { ref: 'nvidia-b200' } }), c);
    expect(e.factors.embodied!.deviceKgCo2e).toBeCloseTo(261, 9);
  });

  it('warns when the embodied figure is unknown', () => {
    expect(run({ hardware: { ref: V100.id }, acceleratorHours: 10 }).warnings.join()).toMatch(/no embodied figure/);
  });

  it('embodied range spans the lifetime range (3-6 years), the usage and the embodied spread', () => {
    const e = run({ hardware: { ref: A100.id, powerW: 400 }, acceleratorHours: 8760, pue: 1 });
    expect(e.ranges.embodiedCo2eKg[0]).toBeLessThan(PER_DEVICE / 6);
    expect(e.ranges.embodiedCo2eKg[1]).toBeGreaterThan(PER_DEVICE / 3 / 0.6);
  });

  it.each<[string, Partial<EstimateRequest>, { onsite: number; offsite: number }]>([
    // on-site = WUE x IT energy (1000 h x 100 W = 100 kWh); off-site = 3.14 L/kWh x facility energy (150 kWh)
    ['WUE given', { wueLPerKwh: 1.8 }, { onsite: 180, offsite: 3.14 * 150 }],
    ['WUE 0 (dry cooling)', { wueLPerKwh: 0 }, { onsite: 0, offsite: 3.14 * 150 }],
    ['unknown data centre: 1.8 L/kWh', { location: { gPerKwh: 400 } }, { onsite: 180, offsite: 3.14 * 150 }],
    [
      'provider default (gcp 1.15 L/kWh)',
      { location: { provider: 'gcp', region: 'europe-west1' } },
      { onsite: 115, offsite: 3.14 * 150 },
    ],
  ])('water: %s', (_n, req, exp) => {
    const e = run({ hardware: { powerW: 100 }, acceleratorHours: 1000, pue: 1.5, ...req });
    expect(e.water.onsiteL).toBeCloseTo(exp.onsite, 9);
    expect(e.water.offsiteL).toBeCloseTo(exp.offsite, 9);
    expect(e.water.totalL).toBeCloseTo(exp.onsite + exp.offsite, 9);
    expect(e.waterL).toBe(e.water.totalL);
    expect(e.warnings.join()).toMatch(/water: off-site water uses one factor for every zone/);
  });
});

describe('percentiles', () => {
  it('collapse to the value when every factor is stated', () => {
    const e = run({
      hardware: { powerW: 300 },
      acceleratorHours: 1000,
      pue: 1.2,
      location: { gPerKwh: 400 },
      includeEmbodied: false,
    });
    expect(e.percentiles.co2eKg).toEqual({ p5: e.co2eKg, p50: e.co2eKg, p95: e.co2eKg });
    expect(e.percentiles.energyKwh).toEqual({ p5: e.energyKwh, p50: e.energyKwh, p95: e.energyKwh });
  });

  it('a pure product adds log-variances: power (0.8 TDP, p95 = TDP) alone gives p95 = TDP-based energy', () => {
    const e = run({
      hardware: { ref: A100.id },
      acceleratorHours: 1000,
      pue: 1,
      location: { gPerKwh: 400 },
      includeEmbodied: false,
    });
    expect(e.percentiles.energyKwh.p50).toBeCloseTo(320, 9);
    expect(e.percentiles.energyKwh.p95).toBeCloseTo(400, 6);
    expect(e.percentiles.energyKwh.p5).toBeCloseTo(320 * 0.8, 6);
  });

  it('sit inside the bounds and around the value when factors are defaulted', () => {
    const e = estimate(
      {
        hardware: { ref: H100.id, count: 512 },
        compute: { parameters: 7e9, tokens: 2e12 },
        location: { zone: 'PL' },
        boundary: 'server',
      },
      ctx,
    );
    for (const k of ['co2eKg', 'energyKwh'] as const) {
      const p = e.percentiles[k];
      expect(p.p5).toBeLessThan(p.p50);
      expect(p.p50).toBeCloseTo(e[k], 9);
      expect(p.p95).toBeGreaterThan(p.p50);
      expect(p.p5).toBeGreaterThanOrEqual(e.ranges[k][0] * (1 - 1e-9));
      expect(p.p95).toBeLessThanOrEqual(e.ranges[k][1] * (1 + 1e-9));
    }
  });

  it('of device-hours carry the MFU spread for compute-sized work, none for stated hours, null for a stated energy', () => {
    const compute = estimate(
      { hardware: { ref: H100.id, count: 512 }, compute: { parameters: 7e9, tokens: 2e12 }, location: { zone: 'PL' } },
      ctx,
    );
    const h = compute.percentiles.acceleratorHours!;
    expect(h.p50).toBeCloseTo(compute.acceleratorHours!, 6);
    expect(h.p5).toBeLessThan(h.p50);
    expect(h.p95).toBeGreaterThan(h.p50);
    // hours = FLOPs / (peak x MFU): a lognormal MFU gives a symmetric spread in log space
    expect(Math.log(h.p95 / h.p50)).toBeCloseTo(Math.log(h.p50 / h.p5), 9);
    const stated = run({ hardware: { ref: A100.id }, acceleratorHours: 1000, location: { gPerKwh: 400 } });
    expect(stated.percentiles.acceleratorHours).toEqual({ p5: 1000, p50: 1000, p95: 1000 });
    const energy = estimate({ hardware: { ref: A100.id }, energyKwh: 500, location: { gPerKwh: 400 } }, ctx);
    expect(energy.percentiles.acceleratorHours).toBeNull();
  });
});

describe('equivalents', () => {
  it.each<[number, { carKm: number; flightsNewYorkSanFrancisco: number; homeYears: number; treeYears: number }]>([
    [570, { carKm: 570 / 0.251, flightsNewYorkSanFrancisco: 1, homeYears: 570 / 7940, treeYears: 570 / 11 }],
    [7940, { carKm: 7940 / 0.251, flightsNewYorkSanFrancisco: 7940 / 570, homeYears: 1, treeYears: 7940 / 11 }],
  ])('%s kg CO2e', (kg, exp) => {
    // 1 kWh x kg x 1000 g/kWh / 1000 = kg
    const e = estimate({ energyKwh: kg, pue: 1, location: { gPerKwh: 1000 }, includeEmbodied: false }, ctx);
    expect(e.co2eKg).toBeCloseTo(kg, 9);
    for (const k of Object.keys(exp) as (keyof typeof exp)[]) expect(e.equivalents[k]).toBeCloseTo(exp[k], 9);
  });
});

describe('training overheads (separate lines)', () => {
  const computeReq: EstimateRequest = {
    hardware: { ref: H100.id, count: 1024 },
    compute: { parameters: 70e9, tokens: 2e12, mfu: 0.4, precision: 'bf16' },
    location: { gPerKwh: 400 },
    pue: 1.1,
  };
  const line = (e: Estimate, kind: string) => e.overheads.find((o) => o.kind === kind)!;

  it('a stated MFU includes goodput (Llama 3: 90% effective time); development and idle are reported, not added', () => {
    const e = estimate(computeReq, ctx);
    const bare = estimate({ ...computeReq, overheads: { goodput: false } }, ctx);
    expect(e.overheads.map((o) => [o.kind, o.included])).toEqual([
      ['goodput', true],
      ['development', false],
      ['idle', false],
    ]);
    expect(e.acceleratorHours! / bare.acceleratorHours!).toBeCloseTo(1 / 0.9, 9);
    expect(e.co2eKg / bare.co2eKg).toBeCloseTo(1 / 0.9, 9);
    expect(line(e, 'goodput').energyKwh).toBeCloseTo(bare.energyKwh * (1 / 0.9 - 1), 6);
    expect(line(e, 'goodput').co2eKg + bare.co2eKg).toBeCloseTo(e.co2eKg, 6);
    // not included, but sized: development = 50% of the run (Morrison et al. 2025), idle = 14.6 / 24.69 (BLOOM)
    expect(line(e, 'development').energyKwh).toBeCloseTo(0.5 * bare.energyKwh, 6);
    expect(line(e, 'idle').co2eKg).toBeCloseTo((14.6 / 24.69) * bare.co2eKg, 6);
    expect(line(e, 'development').reason).toMatch(/published training figures exclude/);
    expect(line(e, 'goodput').factor.source).toMatch(/Llama 3/);
  });

  it('the default MFU leaves goodput out (its calibration counts total GPU-hours), and so do stated hours', () => {
    const dflt = estimate({ ...computeReq, compute: { parameters: 70e9, tokens: 2e12 } }, ctx);
    expect(line(dflt, 'goodput').included).toBe(false);
    expect(line(dflt, 'goodput').reason).toMatch(/already include restarts/);
    const hours = run({});
    expect(hours.overheads.every((o) => !o.included)).toBe(true);
  });

  it('each line has its switch: development on adds 50% to the headline and widens the percentiles', () => {
    const off = estimate({ ...computeReq, overheads: { goodput: false } }, ctx);
    const on = estimate({ ...computeReq, overheads: { goodput: false, development: true } }, ctx);
    expect(on.energyKwh / off.energyKwh).toBeCloseTo(1.5, 9);
    expect(on.acceleratorHours! / off.acceleratorHours!).toBeCloseTo(1.5, 9);
    expect(line(on, 'development')).toMatchObject({ included: true, reason: 'overheads.development = true in the request' });
    expect(on.percentiles.co2eKg.p95 / on.percentiles.co2eKg.p5).toBeGreaterThan(
      off.percentiles.co2eKg.p95 / off.percentiles.co2eKg.p5,
    );
    const idleHours = run({ overheads: { idle: true } });
    expect(idleHours.energyKwh / run({}).energyKwh).toBeCloseTo(1 + 14.6 / 24.69, 9);
    const energy = run({ acceleratorHours: undefined, energyKwh: 1000, overheads: { goodput: true } });
    expect(energy.energyKwh / run({ acceleratorHours: undefined, energyKwh: 1000 }).energyKwh).toBeCloseTo(1 / 0.9, 9);
  });

  it('inference has no overhead lines', () => {
    const e = run({ workload: 'inference' });
    expect(e.overheads).toEqual([]);
  });
});
