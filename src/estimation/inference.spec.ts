/**
 * The serving estimator's physics and the properties the issue asks for, over generated inputs
 * (fast-check), with the shipped calibrated constants.
 */
import fc from 'fast-check';
import { EstimationError, EstimationErrorCode } from './estimation.errors';
import {
  BYTES_PER_VALUE,
  estimateDeployment,
  estimateServing,
  kvBytesPerToken,
  normalizeServingPrecision,
  parametersTouched,
  type ServingDevice,
  type ServingInput,
  type ServingModel,
  type ServingPrecision,
} from './inference';
import { SERVING_CALIBRATION } from './serving-calibration.data';

const constants = SERVING_CALIBRATION.constants;

const H100: ServingDevice = {
  id: 'nvidia-h100-sxm5-80gb',
  name: 'NVIDIA H100 SXM5 80GB',
  tdpW: 700,
  idleW: 77,
  memoryGb: 80,
  memoryBandwidthGBps: 3350,
  peakTflops: { bf16: 989.4, fp16: 989.4, tf32: 494.7, fp8: 1978.9, int8: 1979 },
};
const L40S: ServingDevice = {
  id: 'nvidia-l40s',
  name: 'NVIDIA L40S',
  tdpW: 350,
  idleW: 38.5,
  memoryGb: 48,
  memoryBandwidthGBps: 864,
  peakTflops: { bf16: 362, fp16: 362 },
};

const LLAMA_70B: ServingModel = {
  id: 'llama-3.1-70b-instruct',
  name: 'Llama 3.1 70B Instruct',
  totalParameters: 70e9,
  activeParameters: 70e9,
  layers: 80,
  hiddenSize: 8192,
  attentionHeads: 64,
  kvHeads: 8,
  headDim: 128,
  contextLength: 131072,
};
const LLAMA_8B: ServingModel = {
  ...LLAMA_70B,
  id: 'llama-3.1-8b-instruct',
  name: 'Llama 3.1 8B',
  totalParameters: 8e9,
  activeParameters: 8e9,
  layers: 32,
  hiddenSize: 4096,
  attentionHeads: 32,
};

const base = (over: Partial<ServingInput> = {}): ServingInput => ({
  model: LLAMA_8B,
  device: H100,
  devices: 1,
  batchSize: 32,
  inputTokens: 1000,
  outputTokens: 500,
  weightPrecision: 'bf16',
  kvPrecision: 'bf16',
  constants,
  ...over,
});

describe('precisions', () => {
  it('reads the names engines and model cards print, mxfp4 as fp4', () => {
    expect(normalizeServingPrecision('bfloat16')).toBe('bf16');
    expect(normalizeServingPrecision('MXFP4')).toBe('fp4');
    expect(normalizeServingPrecision('float16')).toBe('fp16');
    expect(normalizeServingPrecision('int4')).toBe('int4');
    expect(normalizeServingPrecision('fp6')).toBeNull();
    expect(BYTES_PER_VALUE.fp4).toBe(0.5);
  });
});

describe('memory', () => {
  it('KV bytes per token = 2 x layers x kvHeads x headDim x bytes (Llama 3.1 70B: 320 KiB at bf16)', () => {
    expect(kvBytesPerToken(LLAMA_70B, 'bf16')).toBe(2 * 80 * 8 * 128 * 2);
    expect(kvBytesPerToken(LLAMA_70B, 'fp8')).toBe(2 * 80 * 8 * 128);
    expect(kvBytesPerToken({ ...LLAMA_70B, kvValuesPerTokenPerLayer: 576 }, 'bf16')).toBe(80 * 576 * 2);
    expect(kvBytesPerToken({ ...LLAMA_70B, attentionLayers: 4 }, 'bf16')).toBe(2 * 4 * 8 * 128 * 2);
  });

  it('a mixture of experts reads its active parameters at batch 1 and tends to all of them at large batches', () => {
    const moe: ServingModel = { ...LLAMA_70B, totalParameters: 235e9, activeParameters: 22e9, experts: 128, expertsPerToken: 8 };
    expect(parametersTouched(moe, 1)).toBeCloseTo(22e9, -6);
    expect(parametersTouched(moe, 4096)).toBeCloseTo(235e9, -6);
    expect(parametersTouched(LLAMA_70B, 7)).toBe(70e9);
  });

  it('without a device count, uses the fewest devices (a power of two) that hold weights and KV cache', () => {
    const r = estimateServing(
      base({ model: LLAMA_70B, devices: null, weightPrecision: 'bf16', batchSize: 64, inputTokens: 2000, outputTokens: 500 }),
    );
    // 140 GB of weights + 64 x 2,500 x 327,680 B = 52 GB; 72 GB usable per H100 -> 3 -> 4
    expect(r.memory.weightsGb).toBeCloseTo(140, 6);
    expect(r.memory.kvCacheGb).toBeCloseTo((64 * 2500 * 327680) / 1e9, 6);
    expect(r.devices).toBe(4);
  });
});

describe('MODEL_DOES_NOT_FIT', () => {
  it('names the devices needed', () => {
    let err: unknown;
    try {
      estimateServing(base({ model: LLAMA_70B, devices: 1, weightPrecision: 'bf16', batchSize: 1 }));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(EstimationError);
    const e = err as EstimationError;
    expect(e.code).toBe(EstimationErrorCode.MODEL_DOES_NOT_FIT);
    expect(e.message).toMatch(/2 devices needed/);
    expect(e.details[0]).toEqual({ path: 'hardware.count', message: expect.stringMatching(/at least 2 x NVIDIA H100/) });
  });

  it('holds for any model whose weights alone exceed the devices given', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.double({ min: 1.05, max: 20, noNaN: true }), (devices, excess) => {
        const total = ((devices * 80 * 0.9) / 2) * 1e9 * excess; // bf16 weights exceed usable memory
        const model = { ...LLAMA_8B, totalParameters: total, activeParameters: total };
        try {
          estimateServing(base({ model, devices, batchSize: 1, inputTokens: 1, outputTokens: 1 }));
          return false;
        } catch (e) {
          return (
            e instanceof EstimationError &&
            e.code === EstimationErrorCode.MODEL_DOES_NOT_FIT &&
            Number(/(\d+) devices needed/.exec(e.message)?.[1]) > devices
          );
        }
      }),
    );
  });
});

describe('properties', () => {
  // memory capacity aside (MODEL_DOES_NOT_FIT is tested above): a device with the H100's speeds and ample memory
  const ROOMY: ServingDevice = { ...H100, memoryGb: 1e6 };
  const batch = fc.integer({ min: 1, max: 512 });
  const tokens = fc.integer({ min: 1, max: 4000 });
  const denseSize = fc.double({ min: 0.5e9, max: 30e9, noNaN: true });

  it('energy per output token never rises as the batch grows (it falls while decode is memory-bound)', () => {
    fc.assert(
      fc.property(batch, tokens, tokens, denseSize, fc.boolean(), (b, i, o, n, moe) => {
        const model: ServingModel = moe
          ? { ...LLAMA_8B, totalParameters: n, activeParameters: n / 8, experts: 64, expertsPerToken: 8 }
          : { ...LLAMA_8B, totalParameters: n, activeParameters: n };
        const at = (bb: number) =>
          estimateServing(base({ model, device: ROOMY, devices: 8, batchSize: bb, inputTokens: i, outputTokens: o }));
        const small = at(b);
        const big = at(b * 2);
        if (big.energyJPerOutputToken > small.energyJPerOutputToken * (1 + 1e-9)) return false;
        if (small.decode.bound === 'memory' && big.decode.bound === 'memory')
          return big.energyJPerOutputToken < small.energyJPerOutputToken;
        return true;
      }),
    );
  });

  it('lower-precision weights never raise decode energy', () => {
    const order: ServingPrecision[] = ['fp32', 'bf16', 'fp8', 'int4'];
    fc.assert(
      fc.property(batch, tokens, tokens, denseSize, fc.constantFrom(ROOMY, { ...L40S, memoryGb: 1e6 }), (b, i, o, n, device) => {
        const model = { ...LLAMA_8B, totalParameters: n, activeParameters: n };
        const runs = order.map((p) =>
          estimateServing(base({ model, device, devices: 8, batchSize: b, inputTokens: i, outputTokens: o, weightPrecision: p })),
        );
        for (let k = 1; k < runs.length; k++) {
          const decode = (r: (typeof runs)[number]) => (r.decode.energyJPerStep * o) / b;
          if (decode(runs[k]) > decode(runs[k - 1]) * (1 + 1e-9)) return false;
        }
        // and prefill
        for (let k = 1; k < runs.length; k++)
          if (runs[k].prefill.energyJ > runs[k - 1].prefill.energyJ * (1 + 1e-9)) return false;
        return true;
      }),
    );
  });

  it('a mixture of experts costs less than a dense model of the same total parameters', () => {
    // published MoE models: 16B (DeepSeek-V2-Lite) to 671B (DeepSeek-V3) total, 4x (Mixtral) to 32x (DeepSeek-V3) sparsity
    fc.assert(
      fc.property(
        batch,
        tokens,
        tokens,
        fc.double({ min: 14e9, max: 700e9, noNaN: true }),
        fc.integer({ min: 4, max: 32 }),
        (b, i, o, n, ratio) => {
          const dense = { ...LLAMA_8B, totalParameters: n, activeParameters: n };
          const moe = { ...dense, activeParameters: n / ratio, experts: 8 * ratio, expertsPerToken: 8 };
          const e = (m: ServingModel) =>
            estimateServing(base({ model: m, device: ROOMY, devices: 8, batchSize: b, inputTokens: i, outputTokens: o }))
              .perRequest.energyJ;
          return e(moe) < e(dense);
        },
      ),
    );
  });

  it('every output is finite and positive', () => {
    fc.assert(
      fc.property(batch, tokens, tokens, denseSize, (b, i, o, n) => {
        const r = estimateServing(
          base({
            model: { ...LLAMA_8B, totalParameters: n, activeParameters: n },
            device: ROOMY,
            devices: 8,
            batchSize: b,
            inputTokens: i,
            outputTokens: o,
          }),
        );
        return [
          r.perRequest.energyJ,
          r.energyJPerOutputToken,
          r.outputTokensPerSecond,
          r.decode.stepSeconds,
          r.prefill.seconds,
        ].every((x) => Number.isFinite(x) && x > 0);
      }),
    );
  });
});

describe('orders of magnitude against the measurements the issue cites', () => {
  it('Llama 3.1 8B on one H100 at batch 64 lands near ML.ENERGY (about 0.12-0.20 J per output token)', () => {
    const r = estimateServing(base({ batchSize: 64, inputTokens: 1000, outputTokens: 600 }));
    expect(r.energyJPerOutputToken).toBeGreaterThan(0.06);
    expect(r.energyJPerOutputToken).toBeLessThan(0.4);
  });
});

describe('deployments', () => {
  it('counts the idle capacity a low request rate leaves, and the replicas a high rate needs', () => {
    const s = estimateServing(base({ batchSize: 32 }));
    const low = estimateDeployment(s, H100, { requestsPerSecond: s.requestsPerSecondPerReplica / 10, hours: 24, replicas: 1 });
    expect(low.utilization).toBeCloseTo(0.1, 9);
    expect(low.idleEnergyJ).toBeCloseTo(77 * 24 * 3600 * 0.9, 3);
    expect(low.energyJ).toBeCloseTo(low.activeEnergyJ + low.idleEnergyJ, 3);
    const high = estimateDeployment(s, H100, { requestsPerSecond: s.requestsPerSecondPerReplica * 3.5, hours: 24 });
    expect(high.replicas).toBe(4);
    expect(high.requests).toBeCloseTo(s.requestsPerSecondPerReplica * 3.5 * 86400, 3);
    const under = estimateDeployment(s, H100, { requestsPerSecond: s.requestsPerSecondPerReplica * 3.5, hours: 24, replicas: 2 });
    expect(under.warnings.join(' ')).toMatch(/4 needed/);
  });
});
