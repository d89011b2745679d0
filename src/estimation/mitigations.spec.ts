import { estimate } from './estimate';
import type { EstimateRequest, Mitigation } from './estimation.types';
import { applyMitigations } from './mitigations';
import { A100, H100, makeContext } from './__tests__/fixtures';

const ctx = makeContext();
const loc = { gPerKwh: 400 };

describe('applyMitigations: request transformations', () => {
  it.each<[string, EstimateRequest, Mitigation[], Partial<EstimateRequest>, boolean]>([
    [
      'early-stopping scales hours',
      { hours: 100, hardware: { count: 2 }, location: loc },
      [{ type: 'early-stopping', fraction: 0.25 }],
      { hours: 25 },
      true,
    ],
    [
      'early-stopping scales acceleratorHours',
      { acceleratorHours: 100, location: loc },
      [{ type: 'early-stopping', fraction: 0.5 }],
      { acceleratorHours: 50 },
      true,
    ],
    [
      'early-stopping scales energy',
      { energyKwh: 100, location: loc },
      [{ type: 'early-stopping', fraction: 0.5 }],
      { energyKwh: 50 },
      true,
    ],
    [
      'early-stopping scales flops',
      { compute: { flops: 1e20 }, location: loc },
      [{ type: 'early-stopping', fraction: 0.5 }],
      { compute: { flops: 5e19 } },
      true,
    ],
    [
      'early-stopping scales tokens',
      { compute: { parameters: 1e9, tokens: 1e10 }, location: loc },
      [{ type: 'early-stopping', fraction: 0.5 }],
      { compute: { parameters: 1e9, tokens: 5e9 } },
      true,
    ],
    [
      'precision sets compute.precision',
      { compute: { flops: 1e20 }, location: loc },
      [{ type: 'precision', precision: 'fp8' }],
      { compute: { flops: 1e20, precision: 'fp8' } },
      true,
    ],
    [
      'precision has no effect on device-hours',
      { acceleratorHours: 10, location: loc },
      [{ type: 'precision', precision: 'fp8' }],
      { acceleratorHours: 10 },
      false,
    ],
    [
      'structured pruning scales parameters',
      { compute: { parameters: 1e9, activeParameters: 5e8, tokens: 1e9 }, location: loc },
      [{ type: 'pruning', fraction: 0.4, structured: true }],
      { compute: { parameters: 6e8, activeParameters: 3e8, tokens: 1e9 } },
      true,
    ],
    [
      'structured pruning scales flops',
      { compute: { flops: 1e20 }, location: loc },
      [{ type: 'pruning', fraction: 0.5, structured: true }],
      { compute: { flops: 5e19 } },
      true,
    ],
    [
      'unstructured pruning (the default) is not credited',
      { compute: { flops: 1e20 }, location: loc },
      [{ type: 'pruning', fraction: 0.5 }],
      { compute: { flops: 1e20 } },
      false,
    ],
    [
      'unstructured pruning stated explicitly is not credited',
      { compute: { parameters: 1e9, tokens: 1e9 }, location: loc },
      [{ type: 'pruning', fraction: 0.5, structured: false }],
      { compute: { parameters: 1e9, tokens: 1e9 } },
      false,
    ],
    [
      'pruning has no effect on energy',
      { energyKwh: 10, location: loc },
      [{ type: 'pruning', fraction: 0.5, structured: true }],
      { energyKwh: 10 },
      false,
    ],
    [
      'sparsity sets activeParameters',
      { compute: { parameters: 1e10, tokens: 1e9 }, location: loc },
      [{ type: 'sparsity', activeParameters: 2e9 }],
      { compute: { parameters: 1e10, activeParameters: 2e9, tokens: 1e9 } },
      true,
    ],
    [
      'sparsity needs parameters',
      { compute: { flops: 1e20 }, location: loc },
      [{ type: 'sparsity', activeParameters: 2e9 }],
      { compute: { flops: 1e20 } },
      false,
    ],
    [
      'sparsity above parameters is ignored',
      { compute: { parameters: 1e9, tokens: 1e9 }, location: loc },
      [{ type: 'sparsity', activeParameters: 2e9 }],
      { compute: { parameters: 1e9, tokens: 1e9 } },
      false,
    ],
    // 2 x 70e9 x 1e12 + 6 x 7e9 x 1e12 = 1.82e23
    [
      'distillation re-sizes by compute',
      { acceleratorHours: 10, compute: undefined, location: loc },
      [{ type: 'distillation', teacherParameters: 70e9, studentParameters: 7e9, tokens: 1e12 }],
      { acceleratorHours: undefined, compute: { flops: 1.82e23 } },
      true,
    ],
    [
      'distillation keeps mfu and precision',
      { compute: { parameters: 1e9, tokens: 1e9, mfu: 0.3, precision: 'fp8' }, location: loc },
      [{ type: 'distillation', teacherParameters: 1e9, studentParameters: 1e8, tokens: 1e9 }],
      { compute: { flops: 2.6e18, mfu: 0.3, precision: 'fp8' } },
      true,
    ],
  ])('%s', (_n, req, mitigations, expected, applied) => {
    const out = applyMitigations({ ...req, mitigations });
    expect(out.request.mitigations).toBeUndefined();
    for (const [k, v] of Object.entries(expected)) {
      if (v === undefined) expect(out.request[k as keyof EstimateRequest]).toBeUndefined();
      else if (typeof v === 'object') {
        for (const [ck, cv] of Object.entries(v as Record<string, unknown>)) {
          const got = (out.request[k as keyof EstimateRequest] as Record<string, unknown>)[ck];
          if (typeof cv === 'number') expect(got as number).toBeCloseTo(cv, -3);
          else expect(got).toBe(cv);
        }
      } else expect(out.request[k as keyof EstimateRequest]).toBeCloseTo(v as number, 9);
    }
    expect(out.applied[0].applied).toBe(applied);
    expect(out.warnings.length).toBe(applied ? 0 : 1);
  });

  it('does not mutate its input', () => {
    const req: EstimateRequest = {
      hours: 100,
      hardware: { count: 2 },
      location: loc,
      mitigations: [{ type: 'early-stopping', fraction: 0.5 }],
    };
    applyMitigations(req);
    expect(req.hours).toBe(100);
    expect(req.mitigations).toHaveLength(1);
  });

  it.each<[number[], number]>([
    [[0.6], 0.6],
    // purchases add up (shares of the same consumption), capped at 100%
    [[0.5, 0.5], 1],
    [[0.3, 0.2], 0.5],
    [[0.7, 0.6], 1],
    [[1], 1],
    [[0], 0],
  ])('renewable-match fractions %j combine to %s', (fractions, combined) => {
    const out = applyMitigations({
      acceleratorHours: 1,
      location: loc,
      mitigations: fractions.map((fraction) => ({ type: 'renewable-match', fraction })),
    });
    expect(out.renewableFraction).toBeCloseTo(combined, 12);
  });
});

describe('mitigations through estimate()', () => {
  const computeReq: EstimateRequest = {
    hardware: { ref: H100.id, count: 1024 },
    compute: { parameters: 70e9, tokens: 2e12, mfu: 0.4, precision: 'bf16' },
    location: loc,
    pue: 1.1,
  };

  it('early-stopping at 0.5 halves energy and CO2e', () => {
    const a = estimate(computeReq, ctx);
    const b = estimate({ ...computeReq, mitigations: [{ type: 'early-stopping', fraction: 0.5 }] }, ctx);
    expect(b.energyKwh / a.energyKwh).toBeCloseTo(0.5, 12);
    expect(b.co2eKg / a.co2eKg).toBeCloseTo(0.5, 12);
  });

  it('precision bf16 -> fp8 on H100: time / 1.3 (measured end to end), not / 2 (the peak ratio 1978.9 / 989.4)', () => {
    const a = estimate(computeReq, ctx);
    const b = estimate({ ...computeReq, mitigations: [{ type: 'precision', precision: 'fp8' }] }, ctx);
    expect(b.acceleratorHours! / a.acceleratorHours!).toBeCloseTo(1 / 1.3, 9);
    expect(b.energyKwh / a.energyKwh).toBeCloseTo(1 / 1.3, 9); // energy follows time: same device power
    expect(b.factors.compute!.peakPrecision).toBe('bf16');
    expect(b.factors.compute!.precision).toBe('fp8');
    expect(b.factors.compute!.precisionSpeedup).toMatchObject({ value: 1.3, low: 1.05, high: 1.5 });
    expect(b.factors.compute!.precisionSpeedup!.source).toMatch(/Hopper/);
    expect(a.factors.compute!.precisionSpeedup).toBeNull();
    expect(b.mitigations).toEqual([
      { type: 'precision', applied: true, effect: expect.stringMatching(/measured end-to-end speed-up/) },
    ]);
    // the speed-up is uncertain: the variant's band is wider than the baseline's (MFU stated: no other spread on time)
    const width = (e: typeof a) => e.percentiles.acceleratorHours!.p95 / e.percentiles.acceleratorHours!.p5;
    expect(width(b)).toBeGreaterThan(width(a));
  });

  it('precision fp32 -> bf16 on H100 (stated MFU in fp32): 6.5x faster (transferred measurement), not the 14.8x peak ratio', () => {
    const fp32 = { ...computeReq, compute: { ...computeReq.compute!, precision: 'fp32' as const } };
    const a = estimate(fp32, ctx);
    const b = estimate({ ...fp32, mitigations: [{ type: 'precision', precision: 'bf16' }] }, ctx);
    expect(a.factors.compute!.peakTflopsPerDevice).toBe(67); // the stated MFU is against the fp32 peak
    const speedup = a.acceleratorHours! / b.acceleratorHours!;
    expect(speedup).toBeCloseTo(1 / 0.1538, 6);
    expect(speedup).toBeLessThan(989.4 / 67);
    expect(b.factors.compute!.precisionSpeedup!.value).toBeCloseTo(1 / 0.1538, 9);
  });

  it('precision fp32 -> fp16 on V100: 3.5x (NVIDIA DeepLearningExamples, transformers)', () => {
    const req: EstimateRequest = {
      hardware: { ref: 'nvidia-v100-sxm2-32gb', count: 64 },
      compute: { flops: 1e21, mfu: 0.3, precision: 'fp32' },
      location: loc,
    };
    const a = estimate(req, ctx);
    const b = estimate({ ...req, mitigations: [{ type: 'precision', precision: 'fp16' }] }, ctx);
    expect(a.acceleratorHours! / b.acceleratorHours!).toBeCloseTo(1 / 0.2857, 6);
  });

  it('a pair without a published speed-up falls back to the peak ratio, with a warning', () => {
    const a = estimate(computeReq, ctx);
    const b = estimate({ ...computeReq, mitigations: [{ type: 'precision', precision: 'int8' }] }, ctx);
    expect(b.acceleratorHours! / a.acceleratorHours!).toBeCloseTo(989.4 / 1978.9, 9);
    expect(b.factors.compute!.precisionSpeedup).toBeNull();
    expect(b.warnings.join()).toMatch(/no published training speed-up for int8 vs bf16/);
  });

  it('with the default MFU, fp8 is the 16-bit peak x MFU x the measured speed-up (not the 2x fp8 peak)', () => {
    const bf16 = estimate({ ...computeReq, compute: { parameters: 70e9, tokens: 2e12, precision: 'bf16' } }, ctx);
    const fp8 = estimate({ ...computeReq, compute: { parameters: 70e9, tokens: 2e12, precision: 'fp8' } }, ctx);
    expect(fp8.factors.mfu!.value).toBe(bf16.factors.mfu!.value);
    expect(fp8.factors.compute!.peakPrecision).toBe('bf16');
    expect(bf16.acceleratorHours! / fp8.acceleratorHours!).toBeCloseTo(1.3, 9);
  });

  it('unstructured pruning changes nothing and says why; structured pruning scales the work', () => {
    const a = estimate(computeReq, ctx);
    const u = estimate({ ...computeReq, mitigations: [{ type: 'pruning', fraction: 0.5 }] }, ctx);
    expect(u.co2eKg).toBeCloseTo(a.co2eKg, 9);
    expect(u.mitigations[0].applied).toBe(false);
    expect(u.warnings.join()).toMatch(/unstructured pruning is not credited.*Hoefler et al\. 2021/);
    const st = estimate({ ...computeReq, mitigations: [{ type: 'pruning', fraction: 0.5, structured: true }] }, ctx);
    expect(st.acceleratorHours! / a.acceleratorHours!).toBeCloseTo(0.5, 9);
  });

  it('a dense model made a mixture of experts (sparsity) takes the MoE MFU penalty, even with a stated MFU', () => {
    const a = estimate(computeReq, ctx);
    const b = estimate({ ...computeReq, mitigations: [{ type: 'sparsity', activeParameters: 14e9 }] }, ctx);
    // FLOPs x 14/70, MFU x 0.7218 (median of the four public runs' ratios)
    expect(b.factors.compute!.moePenalty!.value).toBeCloseTo(0.7218, 9);
    expect(b.acceleratorHours! / a.acceleratorHours!).toBeCloseTo(14 / 70 / 0.7218, 9);
    expect(b.warnings.join()).toMatch(/mixture of experts: MFU x 0.7218/);
    expect(a.factors.compute!.moePenalty).toBeNull();
  });

  it('a mixture of experts with a stated MFU keeps it; with the default MFU it takes the penalty', () => {
    const moe = { parameters: 70e9, activeParameters: 14e9, tokens: 2e12, precision: 'bf16' as const };
    const stated = estimate({ ...computeReq, compute: { ...moe, mfu: 0.4 } }, ctx);
    expect(stated.factors.compute!.moePenalty).toBeNull();
    const dflt = estimate({ ...computeReq, compute: moe }, ctx);
    const dense = estimate({ ...computeReq, compute: { parameters: 14e9, tokens: 2e12, precision: 'bf16' } }, ctx);
    expect(dflt.flops).toBeCloseTo(dense.flops!, -5);
    expect(dflt.acceleratorHours! / dense.acceleratorHours!).toBeCloseTo(1 / 0.7218, 9);
  });

  it('precision on device-hours sizing warns and changes nothing', () => {
    const req: EstimateRequest = { hardware: { ref: A100.id }, acceleratorHours: 100, location: loc, pue: 1 };
    const a = estimate(req, ctx);
    const b = estimate({ ...req, mitigations: [{ type: 'precision', precision: 'fp8' }] }, ctx);
    expect(b.energyKwh).toBeCloseTo(a.energyKwh, 12);
    expect(b.warnings.join()).toMatch(/precision only changes compute-sized work/);
  });

  it('renewable-match reports a market-based figure and never lowers co2eKg', () => {
    const a = estimate(computeReq, ctx);
    const b = estimate({ ...computeReq, mitigations: [{ type: 'renewable-match', fraction: 0.6 }] }, ctx);
    expect(a.marketBasedCo2eKg).toBeNull();
    expect(b.co2eKg).toBeCloseTo(a.co2eKg, 9);
    expect(b.marketBasedCo2eKg).toBeCloseTo(b.operationalCo2eKg * 0.4 + b.embodiedCo2eKg, 9);
    // no residual mix in this context: priced at the location average, with a warning
    expect(b.warnings.join()).toMatch(/no residual mix known/);
  });

  it('renewable-match prices the unmatched share at the residual mix when the context knows it', () => {
    const withResidual = { ...ctx, resolveResidualMix: () => ({ gPerKwh: 500, source: 'test residual mix' }) };
    const req = { ...computeReq, location: { zone: 'FR' }, mitigations: [{ type: 'renewable-match' as const, fraction: 0.6 }] };
    const b = estimate(req, withResidual);
    expect(b.marketBasedCo2eKg).toBeCloseTo((b.energyKwh * 0.4 * 500) / 1000 + b.embodiedCo2eKg, 9);
    expect(b.warnings.join()).not.toMatch(/no residual mix known/);
  });

  it('distillation: teacher inference 2NtD + student training 6NsD', () => {
    const b = estimate(
      { ...computeReq, mitigations: [{ type: 'distillation', teacherParameters: 70e9, studentParameters: 7e9, tokens: 1e12 }] },
      ctx,
    );
    expect(b.method).toBe('compute');
    expect(b.flops).toBeCloseTo(2 * 70e9 * 1e12 + 6 * 7e9 * 1e12, -8);
  });
});
