/**
 * `serving` through the same estimate() every transport calls: validation (coded errors with field
 * paths), the model from a context-supplied catalog or the request, the properties, and the
 * per-request / per-1,000-output-token / per-day figures.
 */
import fc from 'fast-check';
import { compare } from './compare';
import { estimate } from './estimate';
import { EstimationError, EstimationErrorCode } from './estimation.errors';
import type { Estimate, EstimationContext, ModelSpec } from './estimation.types';
import { hardwareFactory, makeContext } from './__tests__/fixtures';

const H100 = hardwareFactory({
  id: 'nvidia-h100-sxm5-80gb',
  name: 'NVIDIA H100 SXM5 80GB',
  tdpW: 700,
  idleW: 77,
  embodiedKgCo2e: 150,
  memoryGb: 80,
  memoryBandwidthGBps: 3350,
  peakTflops: { tf32: 494.7, fp16: 989.4, bf16: 989.4, fp8: 1978.9, int8: 1978.9 },
});
const L40S = hardwareFactory({
  id: 'nvidia-l40s',
  name: 'NVIDIA L40S',
  tdpW: 350,
  idleW: 38.5,
  memoryGb: 48,
  memoryBandwidthGBps: 864,
  peakTflops: { bf16: 362, fp16: 362, fp8: 733, int8: 733 },
});

const LLAMA_70B: ModelSpec = {
  id: 'llama-3.1-70b',
  name: 'Llama 3.1 70B',
  totalParameters: 70.6e9,
  activeParameters: 70.6e9,
  layers: 80,
  hiddenSize: 8192,
  attentionHeads: 64,
  kvHeads: 8,
  headDim: 128,
  contextLength: 131072,
  parameterStatus: 'published',
  dataVersion: 'models-test',
};
const LLAMA_8B: ModelSpec = {
  ...LLAMA_70B,
  id: 'llama-3.1-8b',
  name: 'Llama 3.1 8B',
  totalParameters: 8.03e9,
  activeParameters: 8.03e9,
  layers: 32,
  hiddenSize: 4096,
  attentionHeads: 32,
};
const NO_ARCH: ModelSpec = {
  ...LLAMA_70B,
  id: 'closed-model',
  name: 'Closed model',
  layers: null,
  attentionHeads: null,
  kvHeads: null,
  headDim: null,
  parameterStatus: 'estimate',
};
const MODELS: Record<string, ModelSpec> = { [LLAMA_70B.id]: LLAMA_70B, [LLAMA_8B.id]: LLAMA_8B, [NO_ARCH.id]: NO_ARCH };

class ModelNotFound extends Error {
  readonly code = 'MODEL_NOT_FOUND';
  readonly details = [{ id: 'llama-3.1-70b', name: 'Llama 3.1 70B', score: 0.9 }];
}

const base = makeContext({ hardware: { [H100.id]: H100, [L40S.id]: L40S } });
const ctx: EstimationContext = {
  ...base,
  resolveModel(ref: string) {
    const m = MODELS[ref];
    if (!m) throw new ModelNotFound(`model ${ref} not found`);
    return { model: m, warnings: [] };
  },
};

type Body = Record<string, unknown>;
const request = (serving: Body = {}, extra: Body = {}): Body => ({
  workload: 'inference',
  hardware: { ref: H100.id, count: 8 },
  serving: { model: LLAMA_70B.id, inputTokens: 1000, outputTokens: 500, batchSize: 64, weightPrecision: 'fp8', ...serving },
  location: { zone: 'FR' },
  pue: 1.1,
  ...extra,
});
const run = (body: Body): Estimate => estimate(body as never, ctx);

function codedError(fn: () => unknown): EstimationError {
  try {
    fn();
  } catch (e) {
    if (e instanceof EstimationError) return e;
    throw e;
  }
  throw new Error('expected an EstimationError');
}

describe('serving estimates', () => {
  it('one request to Llama 3.1 70B in fp8 on 8 x H100: energy, CO2e, water and the serving figures', () => {
    const e = run(request());
    expect(e.method).toBe('serving');
    expect(e.workload).toBe('inference');
    expect(e.serving).toBeDefined();
    const s = e.serving!;
    expect(s.model).toMatchObject({ id: 'llama-3.1-70b', source: 'catalog', layers: 80, kvHeads: 8 });
    expect(s).toMatchObject({ requests: 1, batchSize: 64, weightPrecision: 'fp8', kvPrecision: 'bf16', devicesPerReplica: 8 });
    expect(s.computePrecision).toBe('fp8');
    expect(s.perDay).toBeNull();
    // the totals are one request's figures
    expect(s.perRequest.energyKwh).toBeCloseTo(e.energyKwh, 15);
    expect(s.perRequest.co2eKg).toBeCloseTo(e.co2eKg, 15);
    expect(s.perThousandOutputTokens.energyKwh).toBeCloseTo(e.energyKwh * 2, 15);
    // energy = device energy x PUE (boundary accelerators)
    expect(e.energyKwh).toBeCloseTo(((s.deviceEnergyJPerOutputToken * 500) / 3.6e6) * 1.1, 12);
    expect(e.energyKwh).toBeGreaterThan(0);
    expect(e.embodiedCo2eKg).toBeGreaterThan(0);
    expect(e.waterL).toBeGreaterThan(0);
    expect(e.ranges.energyKwh[0]).toBeLessThan(e.energyKwh);
    expect(e.ranges.energyKwh[1]).toBeGreaterThan(e.energyKwh);
    expect(e.percentiles.energyKwh.p5).toBeLessThan(e.percentiles.energyKwh.p95);
    expect(e.factors.hardware?.powerW).toBeGreaterThan(77);
    expect(e.factors.hardware?.powerW).toBeLessThanOrEqual(700);
    expect(e.factors.mfu).toBeNull();
    expect(e.factors.compute).toBeNull();
    // Joules per output token in the range ML.ENERGY measures for 70B-class models on H100 (0.1-5 J)
    expect(s.deviceEnergyJPerOutputToken).toBeGreaterThan(0.1);
    expect(s.deviceEnergyJPerOutputToken).toBeLessThan(5);
    expect(s.constants.source).toContain('ML.ENERGY');
    expect(e.warnings.some((w) => w.startsWith('serving.kvPrecision not given'))).toBe(true);
  });

  it('a million requests: a million times one request; a deployment adds idle capacity and answers perDay', () => {
    const one = run(request());
    const million = run(request({ requests: 1e6 }));
    expect(million.energyKwh / one.energyKwh).toBeCloseTo(1e6, 3);
    expect(million.serving!.perRequest.energyKwh).toBeCloseTo(one.energyKwh, 12);

    const day = run(request({ requestsPerSecond: 1e6 / 86400, hours: 24 }));
    const d = day.serving!;
    expect(d.requests).toBeCloseTo(1e6, 3);
    expect(d.hours).toBe(24);
    expect(d.perDay!.energyKwh).toBeCloseTo(day.energyKwh, 9);
    expect(d.utilization).toBeGreaterThan(0);
    expect(d.utilization).toBeLessThanOrEqual(1);
    expect(day.energyKwh).toBeGreaterThanOrEqual(million.energyKwh * (1 - 1e-9));
    expect(day.wallHours).toBe(24);
    expect(day.acceleratorHours).toBeCloseTo(d.replicas * 8 * 24, 6);
    // over-provisioned: the idle replicas cost energy
    const idle = run(request({ requestsPerSecond: 1e6 / 86400, hours: 24, replicas: 10 }));
    expect(idle.serving!.idleEnergyKwh).toBeGreaterThan(d.idleEnergyKwh);
    expect(idle.energyKwh).toBeGreaterThan(day.energyKwh);
  });

  it('energy per output token falls as the batch grows, until decode is compute-bound', () => {
    const batches = [1, 2, 4, 8, 16, 32, 64, 128, 256];
    let previous = Infinity;
    for (const b of batches) {
      const e = run(
        request(
          { model: LLAMA_8B.id, batchSize: b, inputTokens: 500, outputTokens: 500 },
          { hardware: { ref: H100.id, count: 1 } },
        ),
      );
      const perToken = e.serving!.perThousandOutputTokens.energyKwh;
      if (e.serving!.decodeBound === 'memory') expect(perToken).toBeLessThan(previous);
      else expect(perToken).toBeLessThanOrEqual(previous * 1.5); // compute-bound: no longer falls much
      previous = perToken;
    }
  });

  it('lower-precision weights never raise the decode energy', () => {
    const order = ['bf16', 'fp8', 'int4'] as const;
    for (const b of [1, 16, 128]) {
      const energies = order.map(
        (p) =>
          run(request({ weightPrecision: p, kvPrecision: 'bf16', batchSize: b }, { hardware: { ref: H100.id, count: 4 } }))
            .energyKwh,
      );
      for (let i = 1; i < energies.length; i++) expect(energies[i]).toBeLessThanOrEqual(energies[i - 1]);
    }
  });

  it('over generated requests: lower weight precision never raises, and a larger memory-bound batch lowers, energy per token', () => {
    const order = ['bf16', 'fp8', 'int4'] as const;
    fc.assert(
      fc.property(
        fc.constantFrom(LLAMA_8B.id, LLAMA_70B.id),
        // bounded so that 2 x batch sequences of Llama 3.1 70B in bf16 still fit 8 x H100
        fc.integer({ min: 1, max: 128 }),
        fc.integer({ min: 1, max: 2000 }),
        fc.integer({ min: 1, max: 1000 }),
        (model, batchSize, inputTokens, outputTokens) => {
          const perToken = (weightPrecision: string, b: number) =>
            run(
              request(
                { model, batchSize: b, inputTokens, outputTokens, weightPrecision, kvPrecision: 'bf16' },
                { hardware: { ref: H100.id, count: 8 } },
              ),
            ).serving!;
          const byPrecision = order.map((p) => perToken(p, batchSize).perThousandOutputTokens.energyKwh);
          for (let i = 1; i < byPrecision.length; i++)
            expect(byPrecision[i]).toBeLessThanOrEqual(byPrecision[i - 1] * (1 + 1e-12));
          const small = perToken('bf16', batchSize);
          const big = perToken('bf16', batchSize * 2);
          if (small.decodeBound === 'memory' && big.decodeBound === 'memory')
            expect(big.deviceEnergyJPerOutputToken).toBeLessThan(small.deviceEnergyJPerOutputToken);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('mixture of experts costs less than dense at equal total parameters', () => {
    const arch = { parameters: 46.7e9, layers: 32, hiddenSize: 4096, attentionHeads: 32, kvHeads: 8, headDim: 128 };
    for (const b of [1, 8, 64]) {
      const dense = run(
        request({ model: arch, batchSize: b, weightPrecision: 'bf16' }, { hardware: { ref: H100.id, count: 2 } }),
      );
      const moe = run(
        request(
          { model: { ...arch, activeParameters: 12.9e9, experts: 8, expertsPerToken: 2 }, batchSize: b, weightPrecision: 'bf16' },
          { hardware: { ref: H100.id, count: 2 } },
        ),
      );
      expect(moe.energyKwh).toBeLessThan(dense.energyKwh);
      expect(moe.serving!.model.source).toBe('request');
    }
  });

  it('a model that does not fit the devices is MODEL_DOES_NOT_FIT (400) naming how many are needed', () => {
    const err = codedError(() => run(request({ weightPrecision: 'bf16' }, { hardware: { ref: H100.id, count: 1 } })));
    expect(err.code).toBe(EstimationErrorCode.MODEL_DOES_NOT_FIT);
    expect(err.status).toBe(400);
    expect(err.message).toMatch(/4 devices needed/);
    expect(err.details).toEqual([
      expect.objectContaining({ path: 'hardware.count', message: expect.stringMatching(/at least 4/) }),
    ]);
    // without a count: the fewest that fit
    const e = run(request({ weightPrecision: 'bf16' }, { hardware: { ref: H100.id } }));
    expect(e.serving!.devicesPerReplica).toBe(4);
    expect(e.serving!.devicesNeeded).toBe(4);
  });

  it("an unknown model is the catalog's coded error; a model without architecture is a 400 on serving.model", () => {
    expect(() => run(request({ model: 'llama-9' }))).toThrow(ModelNotFound);
    const err = codedError(() => run(request({ model: NO_ARCH.id })));
    expect(err.code).toBe(EstimationErrorCode.VALIDATION_FAILED);
    expect(err.details[0].path).toBe('serving.model');
    const noCatalog = codedError(() => estimate(request() as never, base));
    expect(noCatalog.details[0].path).toBe('serving.model');
  });

  it('validation: bounds and the rules between fields, with field paths', () => {
    const details = (body: Body) => codedError(() => run(body)).details;
    expect(details(request({ inputTokens: 0, outputTokens: 1.5, batchSize: 0, weightPrecision: 'fp6' }))).toEqual([
      { path: 'serving.inputTokens', message: 'must be an integer, >= 1, <= 10000000, got 0' },
      { path: 'serving.outputTokens', message: 'must be an integer, >= 1, <= 10000000, got 1.5' },
      { path: 'serving.batchSize', message: 'must be an integer, >= 1, <= 65536, got 0' },
      { path: 'serving.weightPrecision', message: 'must be one of fp32, bf16, fp16, fp8, int8, int4, fp4, mxfp4' },
    ]);
    expect(details(request({}, { workload: 'training' }))).toEqual([
      { path: 'workload', message: 'must be inference with serving (got training)' },
    ]);
    expect(details(request({}, { workload: undefined, hours: 5 })).map((d) => d.path)).toEqual(['hours', 'workload']);
    expect(details(request({}, { hours: 5 }))).toEqual([
      { path: 'hours', message: "not with serving: serving sizes the work (a deployment's duration is serving.hours)" },
    ]);
    expect(details(request({ requests: 5, requestsPerSecond: 2 })).map((d) => d.path)).toEqual([
      'serving.requests',
      'serving.hours',
    ]);
    expect(details(request({ hours: 2 })).map((d) => d.path)).toEqual(['serving.requestsPerSecond']);
    expect(details(request({ concurrency: 8 })).map((d) => d.path)).toEqual(['serving.concurrency']);
    expect(details(request({ model: 42 }))).toEqual([
      { path: 'serving.model', message: 'must be a model catalog reference (a string) or an architecture object' },
    ]);
    expect(details(request({ model: ' ' }))).toEqual([{ path: 'serving.model', message: 'must not be empty' }]);
    expect(
      details(
        request({
          model: { parameters: 1e9, activeParameters: 2e9, layers: 0, hiddenSize: 64, attentionHeads: 4, kvHeads: 8, colour: 1 },
        }),
      ),
    ).toEqual([
      { path: 'serving.model.colour', message: 'is not a known field' },
      { path: 'serving.model.activeParameters', message: 'must not exceed parameters' },
      { path: 'serving.model.layers', message: 'must be an integer, >= 1, <= 1000, got 0' },
      { path: 'serving.model.kvHeads', message: 'must not exceed attentionHeads' },
    ]);
    expect(details(request({}, { hardware: { ref: H100.id, powerW: 500 } })).map((d) => d.path)).toEqual(['hardware.powerW']);
    expect(details(request({}, { mitigations: [{ type: 'precision', precision: 'fp8' }] })).map((d) => d.path)).toEqual([
      'mitigations[0].type',
    ]);
    const noHardware = codedError(() => run(request({}, { hardware: undefined })));
    expect(noHardware.code).toBe(EstimationErrorCode.HARDWARE_REQUIRED);
  });

  it('mxfp4 is counted as fp4; concurrency is batchSize', () => {
    const a = run(request({ weightPrecision: 'mxfp4', batchSize: undefined, concurrency: 32 }));
    const b = run(request({ weightPrecision: 'fp4', batchSize: 32 }));
    expect(a.serving!.weightPrecision).toBe('fp4');
    expect(a.serving!.batchSize).toBe(32);
    expect(a.energyKwh).toBe(b.energyKwh);
  });

  it('comparisons sweep model, hardware, weight precision and batch size', () => {
    const c = compare(
      {
        baseline: request() as never,
        sweep: {
          'serving.model': [LLAMA_8B.id, LLAMA_70B.id],
          'hardware.ref': [H100.id, L40S.id],
          'serving.weightPrecision': ['bf16', 'int4'],
          'serving.batchSize': [8, 64],
        },
      },
      ctx,
    );
    expect(c.variants).toHaveLength(16);
    const ok = c.variants.filter((v) => v.estimate);
    // 70B in bf16 on 8 x L40S (384 GB) fits; every variant runs
    expect(ok.length).toBe(16);
    for (const v of ok) expect(v.estimate!.serving!.perRequest.energyKwh).toBeGreaterThan(0);
    const find = (m: string, hw: string, p: string, b: number) =>
      c.variants.find(
        (v) =>
          v.sweep!['serving.model'] === m &&
          v.sweep!['hardware.ref'] === hw &&
          v.sweep!['serving.weightPrecision'] === p &&
          v.sweep!['serving.batchSize'] === b,
      )!.estimate!.energyKwh;
    expect(find(LLAMA_70B.id, H100.id, 'int4', 64)).toBeLessThan(find(LLAMA_70B.id, H100.id, 'bf16', 64));
    expect(find(LLAMA_8B.id, H100.id, 'bf16', 64)).toBeLessThan(find(LLAMA_70B.id, H100.id, 'bf16', 64));
    // a variant that does not fit fails alone, with the coded error
    const tight = compare(
      {
        baseline: request() as never,
        variants: [{ name: '1 GPU bf16', changes: { hardware: { count: 1 }, serving: { weightPrecision: 'bf16' } } }],
      },
      ctx,
    );
    expect(tight.variants[0].error?.code).toBe('MODEL_DOES_NOT_FIT');
  });

  it('training answers carry no serving field', () => {
    const e = estimate({ workload: 'training', hardware: { ref: H100.id, count: 8 }, hours: 10, location: { zone: 'FR' } }, ctx);
    expect('serving' in e).toBe(false);
  });
});
