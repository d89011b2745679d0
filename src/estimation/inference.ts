/**
 * Serving (LLM inference) estimator: prefill, decode, memory, devices and energy per request, per 1,000
 * output tokens and per day of a deployment. Pure TypeScript (no framework imports); the API, the
 * calibration and `npm run validate` all call `estimateServing`. Method and constants: docs/methodology.md
 * ("Serving"); the calibrated constants live in serving-calibration.data.ts.
 *
 * The model, in brief (a roofline with measured corrections, re-derived from first principles; EcoLogits'
 * published method and the ML.ENERGY measurements motivated its terms):
 * - prefill is compute-bound: FLOPs = 2 x N_active x inputTokens + 2 x attentionLayers x inputTokens^2 x heads x headDim
 *   (causal attention, QK^T and AV), time = FLOPs / (devices x peak x computeEfficiency);
 * - one decode step of a batch of B sequences takes max(compute time, memory time) + overhead, where
 *   compute = B x (2 x N_active + 4 x attentionLayers x context x heads x headDim) FLOPs and memory = the weights
 *   the batch touches (all of a dense model; for a mixture of experts the shared part plus the expected
 *   share of experts B tokens route to) at the weight precision, read once per step for the whole batch,
 *   plus each sequence's KV cache at the KV precision (2 x layers x kvHeads x headDim x bytes per token);
 *   overhead = layers x a per-layer launch/synchronisation time (+ a mixture-of-experts dispatch term);
 * - device power = idle + (TDP - idle) x (busy fraction while computing/moving memory, overhead fraction
 *   while stalled); energy per request = prefill energy + decode step energy x outputTokens / B;
 * - devices needed = (weights + KV cache of the batch at inputTokens + outputTokens) / usable memory per device,
 *   rounded up to a power of two (tensor parallelism).
 */
import { EstimationError, EstimationErrorCode } from './estimation.errors';

// ---------------------------------------------------------------------------------------------------
// Precisions
// ---------------------------------------------------------------------------------------------------

export type ServingPrecision = 'fp32' | 'bf16' | 'fp16' | 'fp8' | 'int8' | 'int4' | 'fp4';
export const SERVING_PRECISIONS: readonly ServingPrecision[] = ['fp32', 'bf16', 'fp16', 'fp8', 'int8', 'int4', 'fp4'];

/** Bytes per stored value (weights or KV cache). 4-bit formats pack two values per byte. */
export const BYTES_PER_VALUE: Record<ServingPrecision, number> = {
  fp32: 4,
  bf16: 2,
  fp16: 2,
  fp8: 1,
  int8: 1,
  int4: 0.5,
  fp4: 0.5,
};

const PRECISION_ALIASES: Record<string, ServingPrecision> = {
  fp32: 'fp32',
  float32: 'fp32',
  bf16: 'bf16',
  bfloat16: 'bf16',
  fp16: 'fp16',
  float16: 'fp16',
  half: 'fp16',
  fp8: 'fp8',
  e4m3: 'fp8',
  int8: 'int8',
  w8a8: 'int8',
  int4: 'int4',
  awq: 'int4',
  gptq: 'int4',
  fp4: 'fp4',
  mxfp4: 'fp4',
  nvfp4: 'fp4',
};

/** Canonical precision of a name as engines and model cards print it ("bfloat16", "mxfp4"), or null. */
export function normalizeServingPrecision(name: string): ServingPrecision | null {
  return PRECISION_ALIASES[name.trim().toLowerCase()] ?? null;
}

/**
 * Peak FLOP/s used for the matrix products at a weight precision: fp8/int8 weights run on the device's
 * fp8/int8 tensor cores where it has them; 4-bit weights run at the device's 8-bit rate where it has one
 * (W4A8 kernels: TensorRT-LLM's W4A8-AWQ, QServe), else at 16 bits (W4A16: AWQ/GPTQ/Marlin); 16- and
 * 32-bit use bf16/fp16 (tf32/fp32 for fp32). So a lower weight precision never lowers the rate.
 */
function computePeakTflops(device: ServingDevice, weight: ServingPrecision): { tflops: number; precision: string } | null {
  const p = device.peakTflops;
  const order: string[] =
    weight === 'fp8'
      ? ['fp8', 'bf16', 'fp16']
      : weight === 'int8'
        ? ['int8', 'fp8', 'bf16', 'fp16']
        : weight === 'int4' || weight === 'fp4'
          ? ['fp8', 'int8', 'bf16', 'fp16']
          : weight === 'fp32'
            ? ['tf32', 'fp32', 'bf16', 'fp16']
            : ['bf16', 'fp16'];
  for (const k of order) {
    const v = p[k];
    if (typeof v === 'number' && Number.isFinite(v) && v > 0) return { tflops: v, precision: k };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------------

/** Architecture facts of a model (the model catalog's fields, or a request's own). */
export interface ServingModel {
  id?: string | null;
  name?: string | null;
  totalParameters: number;
  /** Parameters active per token (= total for dense models). */
  activeParameters: number;
  layers: number;
  hiddenSize?: number | null;
  attentionHeads: number;
  kvHeads: number;
  headDim: number;
  contextLength?: number | null;
  /** Mixture of experts: routed experts per MoE layer and experts each token uses (null for dense). */
  experts?: number | null;
  expertsPerToken?: number | null;
  /** Layers with attention (and a KV cache) when fewer than `layers` (hybrid Mamba/attention models). */
  attentionLayers?: number | null;
  /** KV-cache values per token per attention layer when not 2 x kvHeads x headDim (e.g. MLA: 576). */
  kvValuesPerTokenPerLayer?: number | null;
}

/** A device as the serving model needs it (the hardware catalog's fields). */
export interface ServingDevice {
  id?: string | null;
  name?: string | null;
  tdpW: number;
  idleW: number | null;
  memoryGb: number | null;
  memoryBandwidthGBps: number | null;
  peakTflops: Partial<Record<string, number | null>>;
}

/** The calibrated constants (serving-calibration.data.ts gives the fitted values and their sources). */
export interface ServingConstants {
  /** Achieved fraction of peak memory bandwidth while decoding. */
  bandwidthEfficiency: number;
  /** Achieved fraction of peak FLOP/s in prefill and compute-bound decode. */
  computeEfficiency: number;
  /** Fixed time per layer per decode step (kernel launches, synchronisation), seconds. */
  stepOverheadPerLayerS: number;
  /** Extra time per layer per step when the model is split over several devices (collective communication), seconds. */
  multiDeviceOverheadPerLayerS: number;
  /** Extra time per MoE layer per sequence in the batch per step (token dispatch/combine), seconds. */
  moeOverheadPerLayerPerSequenceS: number;
  /** Device power while computing or moving memory, as a fraction of the idle-to-TDP band. */
  busyPowerFraction: number;
  /** Device power during the per-step overhead (stalls, communication), same band. */
  overheadPowerFraction: number;
}

export interface ServingInput {
  model: ServingModel;
  device: ServingDevice;
  /** Devices of one replica (tensor parallel). Null/undefined: the fewest that fit (a power of two). */
  devices?: number | null;
  /** Sequences decoded together (concurrency). */
  batchSize: number;
  inputTokens: number;
  outputTokens: number;
  weightPrecision: ServingPrecision;
  kvPrecision: ServingPrecision;
  /** Multiplier on the calibrated speed: 1 = an optimised engine such as vLLM; 0.5 = half as fast. */
  servingEfficiency?: number;
  /** Share of device memory the engine may use (vLLM's gpu_memory_utilization, default 0.9). */
  memoryUtilization?: number;
  constants: ServingConstants;
}

// ---------------------------------------------------------------------------------------------------
// Outputs
// ---------------------------------------------------------------------------------------------------

export interface ServingMemory {
  weightsGb: number;
  /** KV cache of the whole batch at inputTokens + outputTokens. */
  kvCacheGb: number;
  kvBytesPerToken: number;
  requiredGb: number;
  usableGbPerDevice: number;
  devicesNeeded: number;
}

export interface ServingResult {
  devices: number;
  memory: ServingMemory;
  computePrecision: string;
  prefill: { flops: number; seconds: number; powerW: number; energyJ: number };
  decode: {
    /** Mean over the request's steps (context grows from inputTokens to inputTokens + outputTokens). */
    stepSeconds: number;
    computeSeconds: number;
    memorySeconds: number;
    overheadSeconds: number;
    bound: 'memory' | 'compute';
    bytesPerStep: number;
    flopsPerStep: number;
    powerW: number;
    energyJPerStep: number;
  };
  /** Device (accelerator) energy and time of one request, its share of the batch's steps included. */
  perRequest: { energyJ: number; deviceSeconds: number; latencySeconds: number };
  /** Device energy per output token, J. */
  energyJPerOutputToken: number;
  /** Output tokens per second of one replica at this batch. */
  outputTokensPerSecond: number;
  /** Requests per second one replica sustains at this batch. */
  requestsPerSecondPerReplica: number;
  warnings: string[];
}

const GB = 1e9;

function positive(x: number | null | undefined): x is number {
  return typeof x === 'number' && Number.isFinite(x) && x > 0;
}

/** KV-cache bytes per token: 2 (K and V) x attention layers x kvHeads x headDim x bytes, or the model's override. */
export function kvBytesPerToken(model: ServingModel, kv: ServingPrecision): number {
  const layers = positive(model.attentionLayers) ? model.attentionLayers : model.layers;
  const perLayer = positive(model.kvValuesPerTokenPerLayer) ? model.kvValuesPerTokenPerLayer : 2 * model.kvHeads * model.headDim;
  return layers * perLayer * BYTES_PER_VALUE[kv];
}

/**
 * Parameters one decode step reads for a batch of `batch` tokens. Dense: all. Mixture of experts: the
 * shared part, plus each expert with the probability that at least one of the batch's tokens routes to
 * it, 1 - (1 - k/E)^B (uniform routing), which runs from N_active at B = 1 to N_total at large B.
 * Without expert counts the active share N_active/N_total stands for k/E (and nothing is shared).
 */
export function parametersTouched(model: ServingModel, batch: number): number {
  const total = model.totalParameters;
  const active = Math.min(model.activeParameters, total);
  if (active >= total) return total;
  const k = model.expertsPerToken;
  const e = model.experts;
  const a = positive(k) && positive(e) && k < e ? k / e : active / total;
  const expertParams = Math.min(total, (total - active) / (1 - a));
  const shared = total - expertParams;
  return shared + expertParams * (1 - Math.pow(1 - a, batch));
}

/** Smallest power of two >= n. */
const pow2 = (n: number): number => Math.pow(2, Math.ceil(Math.log2(Math.max(1, n))));

export function servingMemory(
  input: Pick<
    ServingInput,
    'model' | 'device' | 'batchSize' | 'inputTokens' | 'outputTokens' | 'weightPrecision' | 'kvPrecision' | 'memoryUtilization'
  >,
): ServingMemory {
  const { model, device } = input;
  const weightsGb = (model.totalParameters * BYTES_PER_VALUE[input.weightPrecision]) / GB;
  const perToken = kvBytesPerToken(model, input.kvPrecision);
  const kvCacheGb = (input.batchSize * (input.inputTokens + input.outputTokens) * perToken) / GB;
  const requiredGb = weightsGb + kvCacheGb;
  const usable = positive(device.memoryGb) ? device.memoryGb * (input.memoryUtilization ?? 0.9) : Number.NaN;
  const devicesNeeded = Number.isFinite(usable) ? pow2(requiredGb / usable) : 1;
  return { weightsGb, kvCacheGb, kvBytesPerToken: perToken, requiredGb, usableGbPerDevice: usable, devicesNeeded };
}

/**
 * One request's prefill and decode on one replica. Throws MODEL_DOES_NOT_FIT (naming the devices needed)
 * when the given devices cannot hold the weights and the batch's KV cache, and VALIDATION_FAILED for a
 * device with no memory bandwidth or peak FLOP/s.
 */
export function estimateServing(input: ServingInput): ServingResult {
  const { model, device, constants: c } = input;
  const warnings: string[] = [];
  const B = input.batchSize;
  const I = input.inputTokens;
  const O = input.outputTokens;
  const eff = input.servingEfficiency ?? 1;
  const deviceName = device.name ?? device.id ?? 'the device';

  if (!positive(device.memoryBandwidthGBps)) {
    throw new EstimationError(
      EstimationErrorCode.VALIDATION_FAILED,
      `${deviceName} has no memory bandwidth in the catalog; serving estimates need it`,
      [{ path: 'hardware.ref', message: `has no memoryBandwidthGBps: choose another device` }],
    );
  }
  const peak = computePeakTflops(device, input.weightPrecision);
  if (!peak) {
    throw new EstimationError(EstimationErrorCode.PEAK_FLOPS_UNKNOWN, `${deviceName} has no 16-bit peak FLOP/s in the catalog`, [
      { path: 'hardware.ref', message: 'has no bf16/fp16 peak FLOP/s' },
    ]);
  }

  // ---- memory and devices -------------------------------------------------------------------------
  const memory = servingMemory(input);
  if (!positive(device.memoryGb))
    warnings.push(`${deviceName} has no memory size in the catalog: the fit of the model was not checked`);
  let devices: number;
  if (input.devices !== undefined && input.devices !== null) {
    devices = input.devices;
    if (positive(device.memoryGb) && memory.requiredGb > devices * memory.usableGbPerDevice) {
      throw new EstimationError(
        EstimationErrorCode.MODEL_DOES_NOT_FIT,
        `${model.name ?? model.id ?? 'the model'} needs ${fmt(memory.requiredGb)} GB (weights ${fmt(memory.weightsGb)} GB at ${input.weightPrecision} + KV cache ${fmt(memory.kvCacheGb)} GB for ${B} sequences of ${I + O} tokens at ${input.kvPrecision}); ${devices} x ${deviceName} offer ${fmt(devices * memory.usableGbPerDevice)} GB usable: ${memory.devicesNeeded} devices needed`,
        [
          {
            path: 'hardware.count',
            message: `needs at least ${memory.devicesNeeded} x ${deviceName} (tensor parallel), or a smaller batch or precision`,
          },
        ],
      );
    }
  } else {
    devices = memory.devicesNeeded;
  }
  if (positive(model.contextLength) && I + O > model.contextLength) {
    warnings.push(`inputTokens + outputTokens (${I + O}) exceed the model's context length (${model.contextLength})`);
  }

  // ---- prefill (compute-bound) ----------------------------------------------------------------------
  const attnLayers = positive(model.attentionLayers) ? model.attentionLayers : model.layers;
  const qDim = model.attentionHeads * model.headDim;
  const flopsPerSecond = devices * peak.tflops * 1e12 * c.computeEfficiency * eff;
  const bytesPerSecond = devices * device.memoryBandwidthGBps * GB * c.bandwidthEfficiency * eff;
  const prefillFlops = 2 * model.activeParameters * I + 2 * attnLayers * I * I * qDim;
  const prefillSeconds = prefillFlops / flopsPerSecond;

  // ---- decode (one step of the batch, at the request's mean context) --------------------------------
  const context = I + O / 2;
  const kvBytes = B * context * memory.kvBytesPerToken;
  const attentionFlops = B * 4 * attnLayers * context * qDim;
  const idle = positive(device.idleW) ? Math.min(device.idleW, device.tdpW) : 0.11 * device.tdpW;
  const band = device.tdpW - idle;
  const baseOverhead = model.layers * (c.stepOverheadPerLayerS + (devices > 1 ? c.multiDeviceOverheadPerLayerS : 0));
  const step = (active: number, touched: number, moe: boolean) => {
    const bytesPerStep = touched * BYTES_PER_VALUE[input.weightPrecision] + kvBytes;
    const flopsPerStep = B * 2 * active + attentionFlops;
    const memorySeconds = bytesPerStep / bytesPerSecond;
    const computeSeconds = flopsPerStep / flopsPerSecond;
    const overheadSeconds = (baseOverhead + (moe ? model.layers * c.moeOverheadPerLayerPerSequenceS * B : 0)) / eff;
    const busySeconds = Math.max(memorySeconds, computeSeconds);
    const stepSeconds = busySeconds + overheadSeconds;
    const energyJ =
      devices * (idle * stepSeconds + band * (c.busyPowerFraction * busySeconds + c.overheadPowerFraction * overheadSeconds));
    return { bytesPerStep, flopsPerStep, memorySeconds, computeSeconds, overheadSeconds, busySeconds, stepSeconds, energyJ };
  };
  const isMoe = model.activeParameters < model.totalParameters;
  let d = step(model.activeParameters, parametersTouched(model, B), isMoe);
  if (isMoe) {
    // A mixture of experts can always be run as its dense twin (every expert for every token), so its
    // measured routing overhead never makes it costlier than that upper bound.
    const dense = step(model.totalParameters, model.totalParameters, false);
    if (dense.energyJ < d.energyJ) {
      d = dense;
      warnings.push(
        `at batch ${B} the experts' routing overhead would exceed computing every expert: bounded by the dense-equivalent cost`,
      );
    }
  }
  const { bytesPerStep, flopsPerStep, memorySeconds, computeSeconds, overheadSeconds, stepSeconds } = d;
  const stepEnergyJ = d.energyJ;

  // ---- power and energy -------------------------------------------------------------------------------
  const decodePowerW = stepEnergyJ / stepSeconds;
  const prefillPowerW = devices * (idle + band * c.busyPowerFraction);
  const prefillEnergyJ = prefillPowerW * prefillSeconds;
  const energyJ = prefillEnergyJ + (stepEnergyJ * O) / B;
  const deviceSeconds = devices * (prefillSeconds + (stepSeconds * O) / B);
  // Continuous batching interleaves other requests' prefills with the decode steps.
  const replicaSecondsPerRequest = prefillSeconds + (stepSeconds * O) / B;

  if (B === 1)
    warnings.push('serving.batchSize 1: every decode step reads all weights for one token (the costliest way to serve)');
  if (computeSeconds > memorySeconds)
    warnings.push(`decode is compute-bound at batch ${B}: a larger batch no longer lowers the energy per token`);

  return {
    devices,
    memory,
    computePrecision: peak.precision,
    prefill: { flops: prefillFlops, seconds: prefillSeconds, powerW: prefillPowerW, energyJ: prefillEnergyJ },
    decode: {
      stepSeconds,
      computeSeconds,
      memorySeconds,
      overheadSeconds,
      bound: computeSeconds > memorySeconds ? 'compute' : 'memory',
      bytesPerStep,
      flopsPerStep,
      powerW: decodePowerW,
      energyJPerStep: stepEnergyJ,
    },
    perRequest: { energyJ, deviceSeconds, latencySeconds: prefillSeconds + stepSeconds * O },
    energyJPerOutputToken: energyJ / O,
    outputTokensPerSecond: O / replicaSecondsPerRequest,
    requestsPerSecondPerReplica: 1 / replicaSecondsPerRequest,
    warnings,
  };
}

// ---------------------------------------------------------------------------------------------------
// Deployments
// ---------------------------------------------------------------------------------------------------

export interface DeploymentInput {
  /** Mean request rate over the period. */
  requestsPerSecond: number;
  hours: number;
  /** Provisioned replicas; null: the fewest that sustain the rate. */
  replicas?: number | null;
}

export interface DeploymentResult {
  replicas: number;
  hours: number;
  requests: number;
  /** Share of the provisioned capacity the requests use, in [0, 1]. */
  utilization: number;
  /** Device energy of the requests, J. */
  activeEnergyJ: number;
  /** Device energy of provisioned capacity left idle, J. */
  idleEnergyJ: number;
  energyJ: number;
  deviceHours: number;
  warnings: string[];
}

/**
 * A deployment: `replicas` copies of the serving setup for `hours`, receiving `requestsPerSecond`. The
 * requests cost what `estimateServing` says; the provisioned capacity they leave unused draws idle power.
 */
export function estimateDeployment(serving: ServingResult, device: ServingDevice, d: DeploymentInput): DeploymentResult {
  const warnings: string[] = [];
  const capacity = serving.requestsPerSecondPerReplica;
  const needed = Math.max(1, Math.ceil(d.requestsPerSecond / capacity - 1e-9));
  let replicas = needed;
  if (d.replicas !== undefined && d.replicas !== null) {
    replicas = d.replicas;
    if (replicas < needed) {
      warnings.push(
        `${replicas} replica(s) sustain about ${fmt(replicas * capacity)} requests/s, below the ${fmt(d.requestsPerSecond)} requested: ${needed} needed (requests would queue)`,
      );
    }
  }
  const seconds = d.hours * 3600;
  const requests = d.requestsPerSecond * seconds;
  const utilization = Math.min(1, d.requestsPerSecond / (replicas * capacity));
  const activeEnergyJ = requests * serving.perRequest.energyJ;
  const idle = positive(device.idleW) ? Math.min(device.idleW, device.tdpW) : 0.11 * device.tdpW;
  const idleEnergyJ = replicas * serving.devices * idle * seconds * (1 - utilization);
  if (utilization < 0.5)
    warnings.push(
      `the provisioned replicas are ${fmt(utilization * 100)}% busy: idle capacity draws ${fmt(idleEnergyJ / 3.6e6)} kWh`,
    );
  return {
    replicas,
    hours: d.hours,
    requests,
    utilization,
    activeEnergyJ,
    idleEnergyJ,
    energyJ: activeEnergyJ + idleEnergyJ,
    deviceHours: (replicas * serving.devices * seconds) / 3600,
    warnings,
  };
}

function fmt(x: number): string {
  return String(+x.toPrecision(3));
}
