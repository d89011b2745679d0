import { compare, formatSweepValue, mergeRequest, pathToChanges } from './compare';
import { estimate } from './estimate';
import { EstimationError, EstimationErrorCode } from './estimation.errors';
import type { ComparisonInput, Estimate, EstimateRequest, EstimationContext } from './estimation.types';
import { A100, H100, V100, makeContext } from './__tests__/fixtures';

const ctx = makeContext();
const baseline: EstimateRequest = {
  workload: 'training',
  hardware: { ref: H100.id, count: 1024, powerW: 700 },
  hours: 720,
  location: { zone: 'FR', year: 2024 },
  pue: 1.1,
  includeEmbodied: false,
};

function errorOf(fn: () => unknown): EstimationError {
  try {
    fn();
  } catch (err) {
    return err as EstimationError;
  }
  throw new Error('expected an error');
}

describe('mergeRequest', () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ['objects merge key by key', { hardware: { ref: A100.id } }, { hardware: { ref: A100.id, count: 1024, powerW: 700 } }],
    ['scalars replace', { pue: 1.3 }, { pue: 1.3 }],
    ['null deletes', { pue: null }, { pue: undefined }],
    [
      'location form replaces the other forms, keeps year',
      { location: { provider: 'aws', region: 'us-east-1' } },
      { location: { provider: 'aws', region: 'us-east-1', year: 2024 } },
    ],
    ['location year alone keeps the zone', { location: { year: 2022 } }, { location: { zone: 'FR', year: 2022 } }],
    ['sizing is one-of: acceleratorHours drops hours', { acceleratorHours: 5 }, { acceleratorHours: 5, hours: undefined }],
    ['sizing is one-of: compute drops hours', { compute: { flops: 1e20 } }, { compute: { flops: 1e20 }, hours: undefined }],
    [
      'arrays replace',
      { mitigations: [{ type: 'early-stopping', fraction: 0.5 }] },
      { mitigations: [{ type: 'early-stopping', fraction: 0.5 }] },
    ],
  ])('%s', (_n, changes, expected) => {
    const merged = mergeRequest(baseline, changes);
    for (const [k, v] of Object.entries(expected)) expect(merged[k]).toEqual(v);
    expect(baseline.hours).toBe(720); // the baseline is not mutated
  });

  it('compute forms are one-of: flops drops parameters/tokens', () => {
    const b: EstimateRequest = { ...baseline, hours: undefined, compute: { parameters: 1e9, tokens: 1e9, mfu: 0.4 } };
    expect(mergeRequest(b, { compute: { flops: 1e20 } }).compute).toEqual({ flops: 1e20, mfu: 0.4 });
    const c: EstimateRequest = { ...baseline, hours: undefined, compute: { flops: 1e20, precision: 'fp8' } };
    expect(mergeRequest(c, { compute: { parameters: 1e9, tokens: 1e9 } }).compute).toEqual({
      parameters: 1e9,
      tokens: 1e9,
      precision: 'fp8',
    });
  });

  it('never writes __proto__', () => {
    const merged = mergeRequest(baseline, JSON.parse('{"__proto__": {"polluted": true}, "pue": 1.2}'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(merged.polluted).toBeUndefined();
    expect(Object.keys(merged)).not.toContain('__proto__');
    expect(merged.pue).toBe(1.2);
  });

  it.each<[string, unknown, Record<string, unknown>]>([
    ['hardware.ref', 'x', { hardware: { ref: 'x' } }],
    ['pue', 1.2, { pue: 1.2 }],
    ['compute.mfu', 0.3, { compute: { mfu: 0.3 } }],
  ])('pathToChanges(%s)', (path, value, expected) => {
    expect(pathToChanges(path, value)).toEqual(expected);
  });

  it.each<[unknown, string]>([
    [{ zone: 'FR' }, 'FR'],
    [{ provider: 'aws', region: 'us-east-1' }, 'aws/us-east-1'],
    ['nvidia-a100-sxm4-80gb', 'nvidia-a100-sxm4-80gb'],
    [1.2, '1.2'],
    [[1, 2], '[1,2]'],
    [null, 'null'],
  ])('formatSweepValue(%j) = %s', (v, s) => {
    expect(formatSweepValue(v)).toBe(s);
  });
});

describe('compare', () => {
  it('the API example: a variant and a sweep', () => {
    const input: ComparisonInput & { detail: 'full' } = {
      baseline,
      variants: [
        {
          name: 'fp8 in Quebec',
          changes: { location: { zone: 'CA-QC' } },
          mitigations: [{ type: 'precision', precision: 'fp8' }],
        },
      ],
      sweep: { location: [{ zone: 'FR' }, { zone: 'PL' }], 'hardware.ref': [A100.id] },
      detail: 'full',
    };
    const c = compare(input, ctx);
    expect(c.baseline.name).toBe('baseline');
    expect(c.variants.map((v) => v.name)).toEqual([
      'fp8 in Quebec',
      'location=FR, hardware.ref=nvidia-a100-sxm4-80gb',
      'location=PL, hardware.ref=nvidia-a100-sxm4-80gb',
    ]);
    const quebec = c.variants[0];
    expect(quebec.estimate!.factors.intensity.zone).toBe('CA-QC');
    expect(quebec.estimate!.warnings.join()).toMatch(/precision only changes compute-sized work/);
    expect(quebec.deltaCo2eKg).toBeCloseTo(quebec.estimate!.co2eKg - c.baseline.estimate.co2eKg, 9);
    expect(quebec.deltaPct).toBeCloseTo((100 * quebec.deltaCo2eKg!) / c.baseline.estimate.co2eKg, 9);
    expect(c.best).toBe('fp8 in Quebec');
    expect(quebec.rank).toBe(1);
    expect(c.variants[2].rank).toBe(4); // PL is the highest
    expect(c.dataVersion).toBe('test-2025.1');
    expect(c.variants[1].sweep).toEqual({ location: { zone: 'FR' }, 'hardware.ref': A100.id });
  });

  it('sweeps the cartesian product, one variant per combination', () => {
    const c = compare({ baseline, sweep: { pue: [1.1, 1.2, 1.3], 'location.zone': ['FR', 'PL'] } }, ctx);
    expect(c.variants).toHaveLength(6);
    expect(c.variants.map((v) => v.name)).toContain('pue=1.3, location.zone=PL');
    expect(c.variants.every((v) => v.origin === 'sweep')).toBe(true);
  });

  it('ties share a rank; best is the first rank-1 entry (baseline first)', () => {
    const c = compare(
      {
        baseline,
        variants: [
          { name: 'same' },
          { name: 'worse', changes: { pue: 1.5 } },
          { name: 'better', changes: { pue: 1.0 } },
          { name: 'also better', changes: { pue: 1.0 } },
        ],
      },
      ctx,
    );
    const rank = Object.fromEntries(c.variants.map((v) => [v.name, v.rank]));
    expect(rank).toEqual({ same: 3, worse: 5, better: 1, 'also better': 1 });
    expect(c.baseline.rank).toBe(3);
    expect(c.best).toBe('better');
    const tie = compare({ baseline, variants: [{ name: 'same' }] }, ctx);
    expect(tie.best).toBe('baseline');
    expect(tie.variants[0]).toMatchObject({ rank: 1, deltaCo2eKg: 0, deltaPct: 0 });
  });

  it('a failing variant carries its error, is not ranked and does not fail the comparison', () => {
    const c = compare(
      {
        baseline,
        variants: [
          { name: 'unknown hw', changes: { hardware: { ref: 'nope' } } },
          { name: 'bad pue', changes: { pue: 0.5 } },
          { name: 'ok', changes: { pue: 1.2 } },
        ],
      },
      ctx,
    );
    expect(c.variants[0]).toMatchObject({ estimate: null, rank: null, deltaCo2eKg: null, error: { code: 'HARDWARE_NOT_FOUND' } });
    expect(c.variants[1]).toMatchObject({
      estimate: null,
      rank: null,
      error: { code: 'VALIDATION_FAILED', details: [{ path: 'pue', message: expect.any(String) }] },
    });
    expect(c.variants[2].rank).toBe(2);
    expect(c.failed).toBe(2);
    expect(c.warnings.join()).toMatch(/2 of 3 variants failed/);
  });

  it('deltaPct is null when the baseline emits nothing', () => {
    const c = compare({ baseline: { ...baseline, hours: 0 }, variants: [{ name: 'some', changes: { hours: 1 } }] }, ctx);
    expect(c.variants[0].deltaPct).toBeNull();
    expect(c.variants[0].deltaCo2eKg).toBeGreaterThan(0);
  });

  it('variant mitigations are appended to the baseline mitigations', () => {
    const b: EstimateRequest = { ...baseline, mitigations: [{ type: 'early-stopping', fraction: 0.5 }] };
    const c = compare(
      { baseline: b, variants: [{ name: 'm', mitigations: [{ type: 'renewable-match', fraction: 1 }] }], detail: 'full' },
      ctx,
    );
    expect(c.variants[0].estimate!.mitigations.map((m) => m.type)).toEqual(['early-stopping', 'renewable-match']);
    expect(c.variants[0].estimate!.marketBasedCo2eKg).toBeCloseTo(0, 9);
  });

  it.each<[string, unknown, string[]]>([
    ['not an object', 5, ['']],
    ['no baseline', { variants: [] }, ['baseline']],
    ['invalid baseline (paths prefixed)', { baseline: { ...baseline, pue: 0.2 } }, ['baseline.pue']],
    ['variants not an array', { baseline, variants: {} }, ['variants']],
    ['variant without a name', { baseline, variants: [{ changes: {} }] }, ['variants[0].name']],
    ['duplicate names', { baseline, variants: [{ name: 'a' }, { name: 'a' }] }, ['variants[1].name']],
    ["'baseline' is reserved", { baseline, variants: [{ name: 'baseline' }] }, ['variants[0].name']],
    ['changes not an object', { baseline, variants: [{ name: 'a', changes: [1] }] }, ['variants[0].changes']],
    [
      'prototype key in changes',
      { baseline, variants: [{ name: 'a', changes: JSON.parse('{"hardware": {"__proto__": {"x": 1}}}') }] },
      ['variants[0].changes.hardware.__proto__'],
    ],
    ['sweep values not an array', { baseline, sweep: { pue: 1.2 } }, ['sweep["pue"]']],
    ['sweep values empty', { baseline, sweep: { pue: [] } }, ['sweep["pue"]']],
    ['sweep path unknown', { baseline, sweep: { hardwre: [1] } }, ['sweep["hardwre"]']],
    ['sweep path with __proto__', { baseline, sweep: { 'hardware.__proto__': [1] } }, ['sweep["hardware.__proto__"]']],
    ['unknown field', { baseline, variant: [] }, ['variant']],
  ])('rejects %s with VALIDATION_FAILED', (_n, input, paths) => {
    const err = errorOf(() => compare(input as ComparisonInput, ctx));
    expect(err.code).toBe(EstimationErrorCode.VALIDATION_FAILED);
    expect(err.details.map((d) => d.path)).toEqual(paths);
  });

  it.each<[string, ComparisonInput]>([
    [
      'sweep of 26 x 20 = 520 combinations',
      {
        baseline,
        sweep: {
          pue: Array.from({ length: 26 }, (_, i) => 1 + i / 100),
          'hardware.count': Array.from({ length: 20 }, (_, i) => i + 1),
        },
      },
    ],
    ['501 explicit variants', { baseline, variants: Array.from({ length: 501 }, (_, i) => ({ name: `v${i}` })) }],
    [
      '300 variants + 250 sweep',
      {
        baseline,
        variants: Array.from({ length: 300 }, (_, i) => ({ name: `v${i}` })),
        sweep: { 'hardware.count': Array.from({ length: 250 }, (_, i) => i + 1) },
      },
    ],
    [
      'a huge sweep is rejected before it is built',
      {
        baseline,
        sweep: Object.fromEntries(
          Array.from({ length: 10 }, (_, i) => [i % 2 ? 'pue' : 'hardware.count', Array.from({ length: 100 }, (_, j) => j + 1)]),
        ),
      },
    ],
  ])('rejects %s with TOO_MANY_VARIANTS', (_n, input) => {
    expect(errorOf(() => compare(input, ctx)).code).toBe(EstimationErrorCode.TOO_MANY_VARIANTS);
  });

  it('accepts exactly 500 variants', () => {
    const c = compare(
      {
        baseline,
        variants: Array.from({ length: 100 }, (_, i) => ({ name: `v${i}`, changes: { pue: 1 + i / 1000 } })),
        sweep: { 'hardware.count': Array.from({ length: 400 }, (_, i) => i + 1) },
      },
      ctx,
    );
    expect(c.variants).toHaveLength(500);
    expect(c.variants.filter((v) => v.error)).toHaveLength(0);
  });

  it("the baseline's own errors fail the comparison", () => {
    expect(errorOf(() => compare({ baseline: { ...baseline, hardware: { ref: 'nope', count: 1 } } }, ctx)).code).toBe(
      'HARDWARE_NOT_FOUND',
    );
  });

  it('rejects an unknown detail with VALIDATION_FAILED at path detail', () => {
    for (const detail of ['FULL', 'compact', 5, true]) {
      const err = errorOf(() => compare({ baseline, detail } as unknown as ComparisonInput, ctx));
      expect(err.code).toBe(EstimationErrorCode.VALIDATION_FAILED);
      expect(err.details).toEqual([{ path: 'detail', message: 'must be one of summary, full' }]);
    }
  });
});

const SUMMARY_KEYS = [
  'method',
  'workload',
  'acceleratorHours',
  'wallHours',
  'flops',
  'energyKwh',
  'co2eKg',
  'operationalCo2eKg',
  'embodiedCo2eKg',
  'waterL',
  'water',
  'percentiles',
  'marketBasedCo2eKg',
  'ranges',
  'warnings',
];

/** The EstimateSummary fields of a full Estimate. */
function figuresOf(e: Estimate): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of SUMMARY_KEYS) out[k] = e[k as keyof Estimate];
  out.ranges = { energyKwh: e.ranges.energyKwh, co2eKg: e.ranges.co2eKg };
  return out;
}

describe('compare: detail', () => {
  // Defaults (utilization, idle, PUE, lifetime), an embodied figure, mitigations, a failing variant and
  // several devices and grids: every branch a summary could take a shortcut on.
  const rich: ComparisonInput = {
    baseline: { workload: 'training', hardware: { ref: H100.id, count: 64 }, hours: 100, location: { zone: 'FR' } },
    variants: [
      {
        name: 'renewables',
        mitigations: [
          { type: 'renewable-match', fraction: 0.5 },
          { type: 'early-stopping', fraction: 0.8 },
        ],
      },
      { name: 'fp8 (no effect on hours)', mitigations: [{ type: 'precision', precision: 'fp8' }] },
      { name: 'server boundary, water', changes: { boundary: 'server', wueLPerKwh: 1.8, pue: 1.3 } },
      { name: 'by compute', changes: { compute: { parameters: 7e9, tokens: 1e11 } } },
      { name: 'unknown device', changes: { hardware: { ref: 'nope' } } },
      { name: 'given power', changes: { hardware: { powerW: 500, utilization: 0.5 }, includeEmbodied: false } },
    ],
    sweep: {
      location: [{ zone: 'PL' }, { provider: 'gcp', region: 'europe-west1' }, { gPerKwh: 120 }],
      'hardware.ref': [H100.id, A100.id, V100.id, 'nope'],
      pue: [null, 1.1],
    },
  };

  it('is summary by default: compact variants, no request, the detail echoed', () => {
    const c = compare(rich, ctx);
    expect(c.detail).toBe('summary');
    expect(c.variants).toHaveLength(6 + 3 * 4 * 2);
    for (const v of c.variants) {
      const keys = [
        'name',
        'origin',
        ...(v.origin === 'sweep' ? ['sweep'] : []),
        'estimate',
        'deltaCo2eKg',
        'deltaPct',
        'rank',
        ...(v.error ? ['error'] : []),
      ];
      expect(Object.keys(v)).toEqual(keys);
      if (v.estimate) {
        expect(Object.keys(v.estimate)).toEqual(SUMMARY_KEYS);
        expect(Object.keys(v.estimate.ranges)).toEqual(['energyKwh', 'co2eKg']);
      } else expect(v.error).toBeDefined();
    }
    // The baseline keeps its complete estimate.
    expect(c.baseline.estimate.factors.equivalents).toHaveLength(4);
    expect(c.baseline.estimate.factors.hardware!.sources).toBeDefined();
    expect(compare({ ...rich, detail: 'summary' }, ctx)).toEqual(c);
    expect(compare({ ...rich, detail: null } as unknown as ComparisonInput, ctx)).toEqual(c);
  });

  it('full gives the whole estimates and requests, with the shared provenance hoisted', () => {
    const c = compare({ ...rich, detail: 'full' }, ctx);
    expect(c.detail).toBe('full');
    for (const v of c.variants) {
      expect(v.request).toBeDefined();
      if (!v.estimate) continue;
      expect(v.estimate.factors.equivalents).toEqual([]);
      expect(v.estimate.factors.hardware?.sources).toBeUndefined();
      expect(v.estimate.equivalents.carKm).toBeGreaterThan(0);
    }
  });

  it('full leaves the equivalence factors out of variants without hardware too (energy-sized)', () => {
    const c = compare(
      { baseline: { energyKwh: 1000, location: { zone: 'FR' } }, sweep: { energyKwh: [10, 20] }, detail: 'full' },
      ctx,
    );
    for (const v of c.variants) {
      expect(v.estimate!.factors.hardware).toBeNull();
      expect(v.estimate!.factors.equivalents).toEqual([]);
    }
    expect(c.provenance.hardwareSources).toEqual({});
    expect(c.baseline.estimate.factors.equivalents).toHaveLength(4);
  });

  it('summary figures and warnings are exactly those of estimate() for every variant of a sweep', () => {
    const full = compare({ ...rich, detail: 'full' }, ctx);
    const summary = compare(rich, ctx);
    expect(summary.variants.map((v) => v.name)).toEqual(full.variants.map((v) => v.name));
    let checked = 0;
    full.variants.forEach((fv, i) => {
      const sv = summary.variants[i];
      // Ranking, deltas and failures do not depend on the detail.
      expect([sv.rank, sv.deltaCo2eKg, sv.deltaPct, sv.error, sv.sweep]).toEqual([
        fv.rank,
        fv.deltaCo2eKg,
        fv.deltaPct,
        fv.error,
        fv.sweep,
      ]);
      // The figures equal a fresh single estimate of the variant's merged request (not only the comparison's own).
      let single: Estimate | null;
      try {
        single = estimate(fv.request!, ctx);
      } catch {
        single = null;
      }
      if (single === null) {
        expect(sv.estimate).toBeNull();
        return;
      }
      expect(sv.estimate).toStrictEqual(figuresOf(single));
      expect(sv.estimate!.co2eKg).toBe(single.co2eKg); // bit for bit, not close
      checked++;
    });
    expect(checked).toBeGreaterThan(20);
    expect(summary.failed).toBe(full.failed);
    expect(summary.failed).toBeGreaterThan(0);
    expect(summary.best).toBe(full.best);
    expect(summary.baseline).toEqual(full.baseline);
    expect(summary.warnings).toEqual(full.warnings);
    // Shared provenance is the same in both modes: every device a successful variant used.
    expect(summary.provenance).toEqual(full.provenance);
    expect(Object.keys(summary.provenance.hardwareSources).sort()).toEqual([A100.id, H100.id, V100.id].sort());
  });

  it('a sweep merges its paths in order, as successive changes (overlapping paths included)', () => {
    const sweep = {
      location: [{ zone: 'PL' }, { gPerKwh: 100 }],
      'location.zone': ['FR'],
      hours: [1, null],
      acceleratorHours: [5],
      'hardware.ref': [A100.id],
    };
    const c = compare({ baseline, sweep, detail: 'full' }, ctx);
    const combos: [string, unknown][][] = [];
    for (const loc of sweep.location)
      for (const hours of sweep.hours) {
        combos.push([
          ['location', loc],
          ['location.zone', 'FR'],
          ['hours', hours],
          ['acceleratorHours', 5],
          ['hardware.ref', A100.id],
        ]);
      }
    expect(c.variants.map((v) => v.request)).toEqual(
      combos.map((combo) =>
        combo.reduce<Record<string, unknown>>(
          (req, [path, value]) => mergeRequest(req as unknown as EstimateRequest, pathToChanges(path, value)),
          baseline as never,
        ),
      ),
    );
    expect(c.variants.map((v) => v.sweep)).toEqual(combos.map((combo) => Object.fromEntries(combo)));
    expect(c.variants[0].name).toBe(
      'location=PL, location.zone=FR, hours=1, acceleratorHours=5, hardware.ref=nvidia-a100-sxm4-80gb',
    );
  });

  it('sweep names that collide get #2, #3 in order', () => {
    const c = compare({ baseline, variants: [{ name: 'pue=1.2' }], sweep: { pue: [1.2, 1.2, 1.2] } }, ctx);
    expect(c.variants.map((v) => v.name)).toEqual(['pue=1.2', 'pue=1.2 #2', 'pue=1.2 #3', 'pue=1.2 #4']);
  });

  it('looks each device and grid up once per comparison, failures included', () => {
    const calls = { hardware: 0, intensity: 0, pue: 0 };
    const base = makeContext();
    const counting: EstimationContext = {
      ...base,
      resolveHardware: (ref) => (calls.hardware++, base.resolveHardware(ref)),
      resolveIntensity: (loc) => (calls.intensity++, base.resolveIntensity(loc)),
      resolvePue: (p) => (calls.pue++, base.resolvePue(p)),
    };
    const c = compare(
      {
        baseline: { ...baseline, pue: undefined },
        sweep: { 'hardware.ref': [H100.id, 'nope'], 'location.zone': ['FR', 'PL', 'XX'], 'hardware.count': [1, 2, 3, 4] },
      },
      counting,
    );
    expect(c.variants).toHaveLength(24);
    expect(c.variants.filter((v) => v.error?.code === 'HARDWARE_NOT_FOUND')).toHaveLength(12);
    expect(c.variants.filter((v) => v.error?.code === 'ZONE_NOT_FOUND')).toHaveLength(4);
    expect(calls).toEqual({ hardware: 2, intensity: 3, pue: 1 });
  });
});

describe('compare: what-ifs follow the evidence', () => {
  const computeBaseline: EstimateRequest = {
    workload: 'training',
    hardware: { ref: H100.id, count: 1024 },
    compute: { parameters: 70e9, tokens: 2e12, mfu: 0.4, precision: 'bf16' },
    location: { zone: 'FR', year: 2024 },
    pue: 1.1,
  };

  it('precision, MoE, pruning: measured speed-ups, the MoE penalty, and no credit for unstructured pruning', () => {
    const c = compare(
      {
        baseline: computeBaseline,
        variants: [
          { name: 'fp8', mitigations: [{ type: 'precision', precision: 'fp8' }] },
          { name: 'moe', mitigations: [{ type: 'sparsity', activeParameters: 14e9 }] },
          { name: 'unstructured', mitigations: [{ type: 'pruning', fraction: 0.5 }] },
          { name: 'structured', mitigations: [{ type: 'pruning', fraction: 0.5, structured: true }] },
        ],
      },
      ctx,
    );
    const pct = (name: string) => c.variants.find((v) => v.name === name)!.deltaPct!;
    // CO2e is proportional to device-hours here (same power, PUE, grid; embodied per device-hour)
    expect(pct('fp8')).toBeCloseTo(100 * (1 / 1.3 - 1), 6);
    expect(pct('moe')).toBeCloseTo(100 * (14 / 70 / 0.7218 - 1), 6);
    expect(pct('unstructured')).toBeCloseTo(0, 9);
    expect(pct('structured')).toBeCloseTo(-50, 6);
    expect(c.variants.find((v) => v.name === 'unstructured')!.estimate!.warnings.join()).toMatch(/not credited/);
  });
});
