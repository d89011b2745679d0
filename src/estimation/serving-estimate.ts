/**
 * The `serving` part of an estimate request: resolves the model (a catalog reference through the context,
 * or the architecture given in the request) and the device, runs the serving estimator (inference.ts)
 * for one request, and, for a deployment, replicas x hours with their idle capacity. estimate.ts turns
 * the device energy and device-hours into energy, CO2e, water, ranges and warnings as for any workload.
 * Pure: no framework imports. Method and constants: docs/methodology.md (Serving).
 */
import {
  DEFAULT_SERVING_BATCH_SIZE,
  DEFAULT_SERVING_KV_PRECISION,
  DEFAULT_SERVING_WEIGHT_PRECISION,
  SERVING_MEMORY_UTILIZATION,
  Z95,
} from './defaults';
import { EstimationError, EstimationErrorCode } from './estimation.errors';
import type {
  EstimationContext,
  FactorValue,
  HardwareRequest,
  HardwareSpec,
  ModelSpec,
  ServingRequest,
} from './estimation.types';
import {
  estimateDeployment,
  estimateServing,
  normalizeServingPrecision,
  type DeploymentResult,
  type ServingDevice,
  type ServingModel,
  type ServingPrecision,
  type ServingResult,
} from './inference';
import { SERVING_CALIBRATION } from './serving-calibration.data';

const SECONDS_PER_HOUR = 3600;
const J_PER_KWH = 3.6e6;
/** z of the 10th/90th percentile of a normal distribution. */
const Z90 = 1.2815515655446004;

/**
 * The spread of the true device energy around the estimate: the out-of-sample predicted/measured ratios
 * of the calibration (ML.ENERGY v3, leave one model out) give its p10-p90 band; as a lognormal, the
 * p5-p95 band below (the same form every defaulted factor's band has).
 */
export const SERVING_ENERGY_SPREAD: FactorValue = (() => {
  const o = SERVING_CALIBRATION.outOfSample;
  const sigma = Math.log(o.ratioP90 / o.ratioP10) / (2 * Z90);
  const band = Math.exp(Z95 * sigma);
  return {
    value: 1,
    low: +(1 / band).toPrecision(4),
    high: +band.toPrecision(4),
    source: `out-of-sample predicted/measured ratios of ${o.cases} ML.ENERGY v3 configurations (leave one model out: p10 ${o.ratioP10}, p90 ${o.ratioP90}, ${Math.round(o.within2x * 1000) / 10}% within 2x), as a lognormal's p5-p95 band (${SERVING_CALIBRATION.source.url})`,
  };
})();

export interface ServingEvaluation {
  model: ServingModel;
  modelSource: 'catalog' | 'request';
  catalogModel: ModelSpec | null;
  result: ServingResult;
  deployment: DeploymentResult | null;
  requests: number;
  requestsPerSecond: number | null;
  hours: number | null;
  batchSize: number;
  weightPrecision: ServingPrecision;
  kvPrecision: ServingPrecision;
  efficiency: number;
  /** Device (accelerator) energy of all the requests (and, for a deployment, of its idle capacity), kWh. */
  deviceKwh: number;
  idleKwh: number;
  deviceHours: number;
  /** Mean device power over deviceHours, W. */
  meanPowerW: number;
  warnings: string[];
}

const present = <T>(v: T | null | undefined): v is T => v !== undefined && v !== null;

function modelFromRequest(m: Exclude<ServingRequest['model'], string>): ServingModel {
  return {
    id: null,
    name: 'the model given in serving.model',
    totalParameters: m.parameters,
    activeParameters: Math.min(m.activeParameters ?? m.parameters, m.parameters),
    layers: m.layers,
    hiddenSize: m.hiddenSize,
    attentionHeads: m.attentionHeads,
    kvHeads: m.kvHeads,
    headDim: m.headDim ?? m.hiddenSize / m.attentionHeads,
    contextLength: m.contextLength ?? null,
    experts: m.experts ?? null,
    expertsPerToken: m.expertsPerToken ?? null,
  };
}

function modelFromCatalog(ref: string, ctx: EstimationContext, warnings: string[]): { model: ServingModel; spec: ModelSpec } {
  if (!ctx.resolveModel) {
    throw new EstimationError(EstimationErrorCode.VALIDATION_FAILED, 'no model catalog is available to resolve serving.model', [
      { path: 'serving.model', message: 'give the architecture as an object: no model catalog here' },
    ]);
  }
  const found = ctx.resolveModel(ref);
  warnings.push(...found.warnings);
  const s = found.model;
  if (s.layers === null || s.attentionHeads === null || s.kvHeads === null || s.headDim === null) {
    throw new EstimationError(
      EstimationErrorCode.VALIDATION_FAILED,
      `${s.name} has no published architecture (layers, attention and KV heads) in the model catalog`,
      [{ path: 'serving.model', message: `${s.id} has no published architecture: give serving.model as an object` }],
    );
  }
  if (s.parameterStatus === 'estimate') {
    warnings.push(
      `${s.name}: the parameter count is a published estimate, not a disclosed figure${s.parameterRange ? ` (range ${s.parameterRange[0]}-${s.parameterRange[1]})` : ''}`,
    );
  }
  return {
    spec: s,
    model: {
      id: s.id,
      name: s.name,
      totalParameters: s.totalParameters,
      activeParameters: s.activeParameters,
      layers: s.layers,
      hiddenSize: s.hiddenSize,
      attentionHeads: s.attentionHeads,
      kvHeads: s.kvHeads,
      headDim: s.headDim,
      contextLength: s.contextLength,
      experts: s.experts ?? null,
      expertsPerToken: s.expertsPerToken ?? null,
      attentionLayers: s.attentionLayers ?? null,
      kvValuesPerTokenPerLayer: s.kvValuesPerTokenPerLayer ?? null,
    },
  };
}

/** The serving device: the catalog's figures, with the request's idle power when given. */
function deviceOf(spec: HardwareSpec, hw: HardwareRequest): ServingDevice {
  return {
    id: spec.id,
    name: spec.name,
    tdpW: spec.tdpW,
    idleW: hw.idleW ?? spec.idleW,
    memoryGb: spec.memoryGb ?? null,
    memoryBandwidthGBps: spec.memoryBandwidthGBps ?? null,
    peakTflops: spec.peakTflops,
  };
}

const KV_FOLLOWS_WEIGHTS: ReadonlySet<ServingPrecision> = new Set(['fp32', 'bf16', 'fp16']);

export function evaluateServing(
  s: ServingRequest,
  spec: HardwareSpec,
  hw: HardwareRequest,
  ctx: EstimationContext,
): ServingEvaluation {
  const warnings: string[] = [];
  const { model, spec: catalogModel } =
    typeof s.model === 'string'
      ? modelFromCatalog(s.model, ctx, warnings)
      : { model: modelFromRequest(s.model), spec: null as ModelSpec | null };

  const batchSize = s.batchSize ?? s.concurrency ?? DEFAULT_SERVING_BATCH_SIZE.value;
  if (!present(s.batchSize) && !present(s.concurrency))
    warnings.push(
      `serving.batchSize not given: assumed ${batchSize} sequences decoded together (${DEFAULT_SERVING_BATCH_SIZE.source})`,
    );
  const weightPrecision = normalizeServingPrecision(s.weightPrecision ?? DEFAULT_SERVING_WEIGHT_PRECISION.value)!;
  if (!present(s.weightPrecision))
    warnings.push(`serving.weightPrecision not given: assumed bf16 (${DEFAULT_SERVING_WEIGHT_PRECISION.source})`);
  let kvPrecision: ServingPrecision;
  if (present(s.kvPrecision)) kvPrecision = normalizeServingPrecision(s.kvPrecision)!;
  else {
    kvPrecision = KV_FOLLOWS_WEIGHTS.has(weightPrecision) ? weightPrecision : 'bf16';
    if (kvPrecision !== weightPrecision)
      warnings.push(`serving.kvPrecision not given: assumed ${kvPrecision} (${DEFAULT_SERVING_KV_PRECISION.source})`);
  }
  const efficiency = s.efficiency ?? 1;

  const device = deviceOf(spec, hw);
  const result = estimateServing({
    model,
    device,
    devices: hw.count ?? null,
    batchSize,
    inputTokens: s.inputTokens,
    outputTokens: s.outputTokens,
    weightPrecision,
    kvPrecision,
    servingEfficiency: efficiency,
    memoryUtilization: SERVING_MEMORY_UTILIZATION.value,
    constants: SERVING_CALIBRATION.constants,
  });
  warnings.push(...result.warnings);

  let deployment: DeploymentResult | null = null;
  let requests: number;
  let deviceJ: number;
  let idleJ = 0;
  let deviceHours: number;
  if (present(s.requestsPerSecond)) {
    deployment = estimateDeployment(result, device, {
      requestsPerSecond: s.requestsPerSecond,
      hours: s.hours!,
      replicas: s.replicas ?? null,
    });
    warnings.push(...deployment.warnings);
    requests = deployment.requests;
    deviceJ = deployment.energyJ;
    idleJ = deployment.idleEnergyJ;
    deviceHours = deployment.deviceHours;
  } else {
    requests = s.requests ?? 1;
    deviceJ = requests * result.perRequest.energyJ;
    deviceHours = (requests * result.perRequest.deviceSeconds) / SECONDS_PER_HOUR;
  }
  return {
    model,
    modelSource: catalogModel ? 'catalog' : 'request',
    catalogModel,
    result,
    deployment,
    requests,
    requestsPerSecond: s.requestsPerSecond ?? null,
    hours: deployment ? deployment.hours : null,
    batchSize,
    weightPrecision,
    kvPrecision,
    efficiency,
    deviceKwh: deviceJ / J_PER_KWH,
    idleKwh: idleJ / J_PER_KWH,
    deviceHours,
    meanPowerW: deviceHours > 0 ? deviceJ / (deviceHours * SECONDS_PER_HOUR) : 0,
    warnings,
  };
}
