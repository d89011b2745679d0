import { EstimationError, EstimationErrorCode } from './estimation.errors';
import { validateEstimateRequest } from './validate';

const base = {
  workload: 'training',
  hardware: { ref: 'nvidia-a100-sxm4-80gb', count: 8 },
  acceleratorHours: 100,
  location: { zone: 'FR' },
};

type Json = Record<string, unknown>;
const withHw = (hw: Json): Json => ({ ...base, hardware: { ...base.hardware, ...hw } });
const sizedBy = (sizing: Json, extra: Json = {}): Json => {
  const { acceleratorHours: _drop, ...rest } = base;
  void _drop;
  return { ...rest, ...sizing, ...extra };
};

function pathsOf(input: unknown): string[] {
  try {
    validateEstimateRequest(input);
  } catch (err) {
    expect(err).toBeInstanceOf(EstimationError);
    expect((err as EstimationError).code).toBe(EstimationErrorCode.VALIDATION_FAILED);
    return (err as EstimationError).details.map((d) => d.path);
  }
  throw new Error('expected VALIDATION_FAILED');
}

describe('validateEstimateRequest: rejects bad input with field paths', () => {
  it.each<[string, unknown, string[]]>([
    ['not an object', 'hello', ['']],
    ['an array', [1, 2], ['']],
    ['null', null, ['']],
    ['unknown top-level field', { ...base, accelaratorHours: 5 }, ['accelaratorHours']],
    ['wrong type: hours as string', sizedBy({ hours: '720' }), ['hours']],
    ['wrong type: count as string', withHw({ count: '8' }), ['hardware.count']],
    ['wrong type: hardware as string', { ...base, hardware: 'a100' }, ['hardware']],
    ['wrong type: includeEmbodied', { ...base, includeEmbodied: 'yes' }, ['includeEmbodied']],
    ['wrong enum: workload', { ...base, workload: 'pretraining' }, ['workload']],
    ['wrong enum: boundary', { ...base, boundary: 'rack' }, ['boundary']],
    ['negative acceleratorHours', { ...base, acceleratorHours: -1 }, ['acceleratorHours']],
    ['NaN acceleratorHours', { ...base, acceleratorHours: NaN }, ['acceleratorHours']],
    ['Infinity acceleratorHours', { ...base, acceleratorHours: Infinity }, ['acceleratorHours']],
    ['negative energyKwh', sizedBy({ energyKwh: -5 }), ['energyKwh']],
    ['negative powerW', withHw({ powerW: -300 }), ['hardware.powerW']],
    ['zero powerW', withHw({ powerW: 0 }), ['hardware.powerW']],
    ['count 0', withHw({ count: 0 }), ['hardware.count']],
    ['fractional count', withHw({ count: 2.5 }), ['hardware.count']],
    ['more than 1e7 devices', withHw({ count: 1e7 + 1 }), ['hardware.count']],
    ['flops above 1e30', sizedBy({ compute: { flops: 2e30 } }), ['compute.flops']],
    ['6ND above 1e30', sizedBy({ compute: { parameters: 1e15, tokens: 1e15 } }), ['compute']],
    ['no sizing method', sizedBy({}), ['']],
    ['two sizing methods', { ...base, hours: 10 }, ['hours', 'acceleratorHours']],
    ['three sizing methods', { ...base, hours: 10, energyKwh: 5 }, ['hours', 'acceleratorHours', 'energyKwh']],
    ['hours without count', sizedBy({ hours: 10 }, { hardware: { ref: 'x' } }), ['hardware.count']],
    ['compute with flops and parameters', sizedBy({ compute: { flops: 1e20, parameters: 1e9, tokens: 1e9 } }), ['compute.flops']],
    ['compute with nothing', sizedBy({ compute: { mfu: 0.4 } }), ['compute']],
    ['compute parameters without tokens', sizedBy({ compute: { parameters: 1e9 } }), ['compute.tokens']],
    [
      'activeParameters > parameters',
      sizedBy({ compute: { parameters: 1e9, tokens: 1e9, activeParameters: 2e9 } }),
      ['compute.activeParameters'],
    ],
    ['unknown precision', sizedBy({ compute: { flops: 1e20, precision: 'fp4' } }), ['compute.precision']],
    ['pue below 1', { ...base, pue: 0.9 }, ['pue']],
    ['pue NaN', { ...base, pue: NaN }, ['pue']],
    ['utilization 0', withHw({ utilization: 0 }), ['hardware.utilization']],
    ['utilization above 1', withHw({ utilization: 1.2 }), ['hardware.utilization']],
    ['mfu 0', sizedBy({ compute: { flops: 1e20, mfu: 0 } }), ['compute.mfu']],
    ['mfu above 1', sizedBy({ compute: { flops: 1e20, mfu: 1.5 } }), ['compute.mfu']],
    ['missing location', { ...base, location: undefined }, ['location']],
    ['empty location', { ...base, location: {} }, ['location']],
    ['two location forms', { ...base, location: { zone: 'FR', gPerKwh: 50 } }, ['location']],
    ['provider without region', { ...base, location: { provider: 'aws' } }, ['location.region']],
    ['negative intensity', { ...base, location: { gPerKwh: -1 } }, ['location.gPerKwh']],
    ['fractional year', { ...base, location: { zone: 'FR', year: 2024.5 } }, ['location.year']],
    ['bad signal', { ...base, location: { zone: 'FR', signal: 'hourly' } }, ['location.signal']],
    ['negative WUE', { ...base, wueLPerKwh: -1 }, ['wueLPerKwh']],
    ['lifetime 0', { ...base, embodiedLifetimeYears: 0 }, ['embodiedLifetimeYears']],
    ['empty ref', withHw({ ref: '  ' }), ['hardware.ref']],
    ['mitigations not an array', { ...base, mitigations: { type: 'pruning' } }, ['mitigations']],
    ['unknown mitigation', { ...base, mitigations: [{ type: 'magic' }] }, ['mitigations[0].type']],
    [
      'early-stopping fraction 0',
      { ...base, mitigations: [{ type: 'early-stopping', fraction: 0 }] },
      ['mitigations[0].fraction'],
    ],
    ['pruning fraction 1', { ...base, mitigations: [{ type: 'pruning', fraction: 1 }] }, ['mitigations[0].fraction']],
    [
      'renewable fraction > 1',
      { ...base, mitigations: [{ type: 'renewable-match', fraction: 1.5 }] },
      ['mitigations[0].fraction'],
    ],
    [
      'distillation missing fields',
      { ...base, mitigations: [{ type: 'distillation', teacherParameters: 1e9 }] },
      ['mitigations[0].studentParameters', 'mitigations[0].tokens'],
    ],
    [
      'mitigation with unknown field',
      { ...base, mitigations: [{ type: 'precision', precision: 'fp8', fraction: 1 }] },
      ['mitigations[0].fraction'],
    ],
  ])('%s', (_name, input, paths) => {
    expect(pathsOf(input).sort()).toEqual([...paths].sort());
  });

  it('reports every problem at once', () => {
    const paths = pathsOf({ ...base, pue: 0.5, hardware: { ref: 'x', count: -1, utilization: 2 }, location: { gPerKwh: NaN } });
    expect(paths.sort()).toEqual(['hardware.count', 'hardware.utilization', 'location.gPerKwh', 'pue']);
  });

  it('prefixes paths when asked (comparison baseline)', () => {
    try {
      validateEstimateRequest({ ...base, pue: 0.5 }, 'baseline');
      throw new Error('expected failure');
    } catch (err) {
      expect((err as EstimationError).details).toEqual([{ path: 'baseline.pue', message: expect.any(String) }]);
    }
  });
});

describe('validateEstimateRequest: accepts and normalises valid input', () => {
  it.each<[string, Json]>([
    ['acceleratorHours', base],
    ['hours x count', sizedBy({ hours: 720 })],
    ['compute flops', sizedBy({ compute: { flops: 3.14e23, mfu: 0.4, precision: 'fp8' } })],
    ['compute parameters/tokens', sizedBy({ compute: { parameters: 175e9, tokens: 300e9, activeParameters: null } })],
    ['energy without hardware', { energyKwh: 1000, location: { gPerKwh: 300 } }],
    ['provider + region', { ...base, location: { provider: 'aws', region: 'us-east-1', year: 2023 } }],
    ['powerW null (as in the API example)', withHw({ powerW: null, utilization: 1 })],
    ['exactly 1e7 devices', withHw({ count: 1e7 })],
    ['exactly 1e30 FLOPs', sizedBy({ compute: { flops: 1e30 } })],
    ['pue exactly 1, utilization exactly 1', { ...withHw({ utilization: 1 }), pue: 1 }],
    ['zero work', { ...base, acceleratorHours: 0 }],
    [
      'all mitigations',
      {
        ...base,
        mitigations: [
          { type: 'early-stopping', fraction: 0.5 },
          { type: 'precision', precision: 'fp8' },
          { type: 'pruning', fraction: 0.3 },
          { type: 'sparsity', activeParameters: 1e9 },
          { type: 'distillation', teacherParameters: 70e9, studentParameters: 7e9, tokens: 1e12 },
          { type: 'renewable-match', fraction: 1 },
        ],
      },
    ],
  ])('%s', (_name, input) => {
    const out = validateEstimateRequest(input);
    expect(out.location).toBeDefined();
    expect(JSON.stringify(out)).not.toContain('null');
    expect(out).not.toBe(input);
  });
});
