/**
 * Types of the estimation engine. Request and response shapes follow /v1/estimates and /v1/comparisons
 * (API.md); fields marked "addition" are extra, never renames.
 * Units live in names: Kwh, Kg (CO2e), W, Hours, GPerKwh (gCO2e/kWh), L (litres).
 */

import type { Normalized } from './schema/typebox';
import {
  BOUNDARIES,
  MITIGATION_TYPES,
  PRECISIONS,
  SERVING_PRECISIONS,
  WORKLOADS,
  type ComputeRequestBody,
  type ServingModelArchitectureBody,
  type ServingRequestBody,
  type EstimateRequestBody,
  type HardwareRequestBody,
  type LocationRequestBody,
  type MitigationBody,
} from './schema/estimate-request.schema';

export { BOUNDARIES, MITIGATION_TYPES, PRECISIONS, SERVING_PRECISIONS, WORKLOADS };
export type { EstimateRequestBody };

export type Workload = (typeof WORKLOADS)[number];
export type Precision = (typeof PRECISIONS)[number];
export type Boundary = (typeof BOUNDARIES)[number];
export type IntensitySignal = 'average' | 'marginal';

export type EstimationMethod = 'device-hours' | 'compute' | 'energy' | 'serving';
export type ServingPrecisionName = (typeof SERVING_PRECISIONS)[number];

// ---------------------------------------------------------------------------------------------------
// Request: derived from the schema (schema/estimate-request.schema.ts), as the engine reads it after
// validation (null fields removed). What a client may send is EstimateRequestBody.
// ---------------------------------------------------------------------------------------------------

export type HardwareRequest = Normalized<HardwareRequestBody>;
export type ComputeRequest = Normalized<ComputeRequestBody>;
export type LocationRequest = Normalized<LocationRequestBody>;
export type Mitigation = Normalized<MitigationBody>;
export type MitigationType = Mitigation['type'];
export type EstimateRequest = Normalized<EstimateRequestBody>;
export type ServingRequest = Normalized<ServingRequestBody>;
export type ServingModelArchitecture = Normalized<ServingModelArchitectureBody>;

// ---------------------------------------------------------------------------------------------------
// Injected dependencies
// ---------------------------------------------------------------------------------------------------

export type PeakPrecision = Precision;

export interface HardwareSpec {
  id: string;
  name: string;
  tdpW: number;
  idleW: number | null;
  embodiedKgCo2e: number | null;
  peakTflops: Partial<Record<PeakPrecision, number | null>>;
  kind: string;
  releaseYear: number | null;
  /** Memory per device, GB (serving: does the model fit). */
  memoryGb?: number | null;
  /** Peak memory bandwidth per device, GB/s (serving: decode is memory-bound). */
  memoryBandwidthGBps?: number | null;
  sources?: { fields: string[]; name: string; url: string; license: string }[];
}

/** A model catalog entry as the serving estimate reads it (architecture facts; null where unpublished). */
export interface ModelSpec {
  id: string;
  name: string;
  totalParameters: number;
  activeParameters: number;
  layers: number | null;
  hiddenSize: number | null;
  attentionHeads: number | null;
  kvHeads: number | null;
  headDim: number | null;
  contextLength: number | null;
  experts?: number | null;
  expertsPerToken?: number | null;
  attentionLayers?: number | null;
  kvValuesPerTokenPerLayer?: number | null;
  /** 'published' figures, or 'estimate' (closed models: a published estimate, see parameterRange). */
  parameterStatus?: string | null;
  parameterRange?: [number, number] | null;
  dataVersion?: string | null;
  sources?: { name: string; url: string; license?: string | null }[];
}

export interface ModelLookup {
  model: ModelSpec;
  warnings: string[];
}

export interface HardwareLookup {
  hardware: HardwareSpec;
  warnings: string[];
  resolvedFrom?: unknown;
}

export interface IntensityLookup {
  zone: string | null;
  year: number | null;
  gPerKwh: number;
  signal: IntensitySignal;
  source: string;
  license?: string;
  range: [number, number];
  warnings: string[];
  resolvedFrom: string;
  /** Addition: set when the intensity covers a period (period-intensity.ts). */
  period?: IntensityPeriodFactor;
}

/**
 * Addition: the time the intensity covers, when the work ran over a period (see period-intensity.ts).
 * `years` lists the yearly figures used for the hours no series covered, `series` the hourly part.
 */
export interface IntensityPeriodFactor {
  start: string;
  end: string;
  hours: number;
  /** 'yearly': yearly figures only (weighted by hours in each year); 'hourly': a series covered every hour; 'mixed': both */
  method: 'yearly' | 'hourly' | 'mixed';
  /** 'flat': every instant weighs the same; 'power-profile': instants weigh by the given power samples */
  weighting: 'flat' | 'power-profile';
  /** `year`: the calendar year of the hours; `dataYear`: the year of the figure used (the nearest one when `year` has none) */
  years: { year: number; hours: number; gPerKwh: number; dataYear: number; source: string }[];
  series: {
    zone: string;
    hours: number;
    points: number;
    /** the (weighted) mean of the series over the hours it covered */
    gPerKwh: number;
    sources: string[];
    provider: string | null;
    fetchedAt: string | null;
  } | null;
  /** share (0-1) of the period's hours an hourly series covered */
  coverage: number;
}

/** One sample of a power profile: the power drawn from `at` until the next sample. */
export interface PowerSample {
  at: string;
  powerW: number;
}

/** When the work ran (a run's startedAt/endedAt, or an estimate's), and optionally how its power varied. */
export interface WorkPeriod {
  startedAt?: string | Date | null;
  endedAt?: string | Date | null;
  powerProfile?: PowerSample[] | null;
}

/** Intensity points of one zone (ascending by `at`, epoch ms); a point holds until the next, for at most validityMs. */
export interface IntensitySeries {
  zone: string;
  points: { at: number; gPerKwh: number; source?: string }[];
  validityMs: number;
  /** A live provider the points came from (null for stored series). */
  provider?: string | null;
  fetchedAt?: string | null;
  warnings?: string[];
}

export interface PueLookup {
  value: number;
  low: number;
  high: number;
  source: string;
}

export interface MfuCalibrationGroup {
  id: string;
  label: string;
  /** Case-insensitive regular expression tested against `hardware.id + ' ' + hardware.name`; null = any hardware. */
  match: string | null;
  scale: 'any' | 'small' | 'large';
  n: number;
  median: number;
  p25: number;
  p75: number;
  min: number;
  max: number;
  usable: boolean;
  runs: MfuCalibrationRun[];
}

/** One of Epoch AI's training runs in the MFU calibration (docs/methodology.md section 7.1). */
export interface MfuCalibrationRun {
  model: string;
  publicationDate: string;
  hardware: string | null;
  devices: number | null;
  /** The MFU the engine uses: Epoch's figure, or its MFU equivalent when the run's own source says it is HFU. */
  utilization: number;
  /** Epoch's figure, present only when `utilization` was converted from it. */
  epochUtilization?: number;
  /** The number format the run trained in (e.g. 'bf16', 'fp16-mixed', 'fp8-mixed'); null when no source checked says. */
  precision?: string | null;
  /** Whether Epoch's figure counts model FLOPs only ('mfu'), the hardware's including recomputation ('hfu'), or unknown. */
  measure?: 'mfu' | 'hfu' | 'unknown';
  /** How Epoch got the figure: stated by the authors, derived from a FLOP count and device-time, assumed, unknown. */
  basis?: 'reported' | 'derived' | 'assumed' | 'unknown';
}

/** Where each run's precision and MFU/HFU reading come from (seed/mfu-annotations.json). */
export interface MfuCalibrationAnnotations {
  file: string;
  description: string;
  counts: { mfu: number; hfu: number; unknown: number; converted: number };
  sources: string[];
  runs: {
    model: string;
    precisionSource: string | null;
    measureSource: string | null;
    hfuToMfu: number | null;
    conversion: string | null;
  }[];
}

export interface MfuCalibrationTable {
  id: string;
  version: string;
  workload: string;
  description: string;
  source: { name: string; url: string; license: string; attribution: string; snapshot: string };
  method: { statistic: string; largeScaleDevices: number; minN: number; selection: string[]; generatedBy: string };
  /** Per-run precision and MFU/HFU sources; absent from tables made before they were recorded. */
  annotations?: MfuCalibrationAnnotations;
  groups: MfuCalibrationGroup[];
}

/** Measured training speed per number format and generation, and the mixture-of-experts MFU penalty (docs/methodology.md §7). */
export interface PrecisionSpeedRow {
  id: string;
  generation: string;
  /** Case-insensitive regex over `${hardware.id} ${hardware.name}`. */
  match: string;
  precision: Precision;
  /** Throughput in `precision` / throughput in 16-bit mixed precision on the same device (>1 faster). */
  relativeSpeed: number;
  low: number;
  high: number;
  /** measured on that generation, or transferred from another generation (the source says how). */
  basis: 'measured' | 'transferred';
  source: string;
  url: string;
  year: number;
  license: string;
}

export interface MoeRun {
  /** Run name (Epoch AI's where the figure comes from Epoch; leave-one-out validation drops it by this name). */
  model: string;
  hardware: string;
  /** MFU of the mixture-of-experts run / MFU of dense runs on the same generation. */
  ratio: number;
  detail: string;
  source: string;
  url: string;
  year: number;
  license: string;
}

export interface TrainingEfficiencyTable {
  id: string;
  version: string;
  description: string;
  precision: { reference: Precision; statistic: string; rows: PrecisionSpeedRow[] };
  moe: { statistic: string; runs: MoeRun[] };
}

export interface EstimationContext {
  /** Throws the caller's coded error (e.g. HARDWARE_NOT_FOUND) when the ref is unknown. */
  resolveHardware(ref: string): HardwareLookup;
  /**
   * Serving: a model catalog reference to its architecture; throws the caller's coded error (MODEL_NOT_FOUND
   * with suggestions) when unknown. Absent: only architectures given in the request can be served.
   */
  resolveModel?(ref: string): ModelLookup;
  /** With `gPerKwh` the context answers source 'request'. */
  resolveIntensity(loc: {
    zone?: string;
    provider?: string;
    region?: string;
    gPerKwh?: number;
    year?: number;
    signal?: IntensitySignal;
  }): IntensityLookup;
  /** Provider default PUE, or the unknown-data-centre default when provider is null/unknown. */
  resolvePue(provider: string | null): PueLookup;
  /**
   * Optional: the stored (or live) intensity points of a location over [from, to) (epoch ms), or null
   * when there are none. Without it, a period is priced with yearly figures only.
   */
  intensitySeries?(loc: LocationRequest, from: number, to: number): IntensitySeries | null;
  /** When the work ran: the intensity is resolved for that period unless location.year or gPerKwh is given. */
  period?: WorkPeriod | null;
  dataVersion: string;
  now?: () => Date;
  /** Optional override of the built-in MFU calibration (e.g. loaded from the seeded data release). */
  mfuCalibration?: MfuCalibrationTable;
  /** Measured precision speed-ups and the mixture-of-experts penalty (default: the shipped table). */
  trainingEfficiency?: TrainingEfficiencyTable;
  /** Optional residual-mix intensity (gCO2e/kWh) of a zone, for market-based figures (AIB, Green-e); null when unknown. */
  resolveResidualMix?(zone: string | null, year: number | null): { gPerKwh: number; source: string } | null;
}

// ---------------------------------------------------------------------------------------------------
// Response
// ---------------------------------------------------------------------------------------------------

export type Range = [number, number];

/** A numeric assumption with its range and where it came from ('request' collapses the range). */
export interface FactorValue {
  value: number;
  low: number;
  high: number;
  source: string;
}

export interface HardwareFactor {
  id: string | null;
  name: string | null;
  /** Average power per device in W that the estimate used (null only for energy-sized work on a device without TDP). */
  powerW: number | null;
  source: string;
  // additions
  powerRangeW: Range | null;
  tdpW: number | null;
  idleW: number | null;
  kind: string | null;
  resolvedFrom?: unknown;
  sources?: { fields: string[]; name: string; url: string; license: string }[];
}

export interface IntensityFactor {
  zone: string | null;
  year: number | null;
  gPerKwh: number;
  source: string;
  // additions
  signal: IntensitySignal;
  license?: string;
  range: Range;
  resolvedFrom: string;
  /** Addition: the period the intensity covers (runs and estimates with startedAt/endedAt). */
  period?: IntensityPeriodFactor;
}

export interface MfuFactor extends FactorValue {
  /** Calibration group the default came from (null when given in the request). */
  group: string | null;
  n: number | null;
}

export interface ComputeFactor {
  flops: number;
  precision: Precision;
  /**
   * Precision whose peak was used: differs from `precision` after a documented fallback, or when the time comes from a
   * 16-bit peak times the measured speed of `precision` (precisionSpeedup).
   */
  peakPrecision: Precision;
  peakTflopsPerDevice: number;
  flopsFormula: string;
  /**
   * Addition: measured end-to-end training speed of `precision` relative to `peakPrecision` on this hardware generation
   * (docs/methodology.md §7); null when the time is taken at `precision`'s own peak.
   */
  precisionSpeedup: FactorValue | null;
  /** Addition: mixture-of-experts MFU penalty applied to the MFU (null for dense work or a stated MFU). */
  moePenalty: FactorValue | null;
}

export const OVERHEAD_KINDS = ['goodput', 'development', 'idle'] as const;
export type OverheadKind = (typeof OVERHEAD_KINDS)[number];

/** One training overhead, reported separately from the run (docs/methodology.md §7). */
export interface OverheadLine {
  kind: OverheadKind;
  /** True when it is added to the headline figures (energyKwh, co2eKg, acceleratorHours, water). */
  included: boolean;
  /** Extra work as a share of the run's own (e.g. 0.111 = 11.1% more device-hours). */
  factor: FactorValue;
  energyKwh: number;
  co2eKg: number;
  /** Why it is or is not included. */
  reason: string;
}

export interface EmbodiedFactor {
  /** Embodied kgCO2e per accelerator: the device's own figure plus its share of the server. */
  perDeviceKgCo2e: number | null;
  lifetimeYears: FactorValue;
  deviceHours: number | null;
  source: string;
  // additions (second wave)
  /** The device's own figure (catalog x per-product multiplier). */
  deviceKgCo2e: number | null;
  /** The device's share of its server's embodied emissions. */
  serverShareKgCo2e: number | null;
  /** Share of its lifetime a device is busy: amortisation spreads embodied emissions over busy hours. */
  usage: FactorValue | null;
}

/** 5th, 50th and 95th percentiles of a figure (lognormal propagation of every defaulted factor). */
export interface Percentiles {
  p5: number;
  p50: number;
  p95: number;
}

/** Operational water: on-site (cooling, WUE x IT energy) and off-site (electricity generation, EWIF x facility energy). */
export interface Water {
  onsiteL: number;
  offsiteL: number;
  totalL: number;
}

export interface WaterFactors {
  wueLPerKwh: FactorValue;
  ewifLPerKwh: FactorValue;
}

export interface EquivalentFactor {
  key: keyof Equivalents;
  kgCo2ePerUnit: number;
  unit: string;
  source: string;
  url: string;
}

export interface Equivalents {
  carKm: number;
  flightsNewYorkSanFrancisco: number;
  homeYears: number;
  treeYears: number;
}

export interface AppliedMitigation {
  type: MitigationType;
  applied: boolean;
  effect: string;
}

/** Energy, CO2e and water of a share of a serving estimate (one request, 1,000 output tokens, one day). */
export interface ServingSlice {
  energyKwh: number;
  co2eKg: number;
  operationalCo2eKg: number;
  embodiedCo2eKg: number;
  waterL: number;
  /** The estimate's bounds, divided alike. */
  ranges: { energyKwh: Range; co2eKg: Range };
}

/** Addition (serving): the serving figures of a request with `serving` (docs/methodology.md, Serving). */
export interface ServingFigures {
  model: {
    id: string | null;
    name: string | null;
    /** 'catalog' (GET /v1/models) or 'request' (architecture given in serving.model). */
    source: 'catalog' | 'request';
    totalParameters: number;
    activeParameters: number;
    layers: number;
    kvHeads: number;
    headDim: number;
    contextLength: number | null;
    dataVersion: string | null;
  };
  /** Requests priced: serving.requests, or requestsPerSecond x hours x 3600 for a deployment. */
  requests: number;
  requestsPerSecond: number | null;
  hours: number | null;
  batchSize: number;
  weightPrecision: string;
  kvPrecision: string;
  /** Peak FLOP/s format the matrix products run at (the device's fp8 units for fp8 weights, ...). */
  computePrecision: string;
  efficiency: number;
  /** Devices of one replica (hardware.count, or the fewest that hold the model: a power of two). */
  devicesPerReplica: number;
  /** The fewest devices that hold the weights and the batch's KV cache (a power of two). */
  devicesNeeded: number;
  replicas: number;
  memory: { weightsGb: number; kvCacheGb: number; requiredGb: number; usableGbPerDevice: number | null };
  /** What limits a decode step at this batch. */
  decodeBound: 'memory' | 'compute';
  /** Prefill plus every decode step of one request, seconds. */
  latencySeconds: number;
  outputTokensPerSecondPerReplica: number;
  requestsPerSecondPerReplica: number;
  /** Accelerator energy per output token (device only: no host, no PUE), J. */
  deviceEnergyJPerOutputToken: number;
  /** Deployment: share of the provisioned capacity the requests use (null without requestsPerSecond). */
  utilization: number | null;
  /** Deployment: accelerator energy of the idle provisioned capacity, kWh (0 without requestsPerSecond). */
  idleEnergyKwh: number;
  /** The estimate divided by `requests` (a deployment's idle capacity shared among its requests). */
  perRequest: ServingSlice;
  /** The estimate divided by requests x outputTokens / 1000. */
  perThousandOutputTokens: ServingSlice;
  /** A deployment's estimate scaled to 24 hours; null without requestsPerSecond. */
  perDay: ServingSlice | null;
  /** Spread of the true device energy around the estimate (calibration), applied to the ranges and percentiles. */
  energyScale: FactorValue;
  /** The calibrated constants of the serving model, with their source. */
  constants: {
    bandwidthEfficiency: number;
    computeEfficiency: number;
    stepOverheadPerLayerS: number;
    multiDeviceOverheadPerLayerS: number;
    moeOverheadPerLayerPerSequenceS: number;
    busyPowerFraction: number;
    overheadPowerFraction: number;
    source: string;
  };
}

export interface Estimate {
  method: EstimationMethod;
  workload: Workload;
  acceleratorHours: number | null;
  wallHours: number | null;
  flops: number | null;
  energyKwh: number;
  co2eKg: number;
  operationalCo2eKg: number;
  embodiedCo2eKg: number;
  waterL: number | null;
  /** Addition (second wave): on-site, off-site and total water; waterL = water.totalL. */
  water: Water;
  /** Addition (second wave): p5/p50/p95 from the documented distribution of every defaulted factor. */
  percentiles: {
    co2eKg: Percentiles;
    energyKwh: Percentiles;
    /** Device-hours' percentiles (the MFU spread, for compute-sized work); null when the request states its energy. */
    acceleratorHours: Percentiles | null;
  };
  /** [low, high] with every factor at its extreme at once: a bound, not a probability interval (see percentiles). */
  ranges: {
    energyKwh: Range;
    co2eKg: Range;
    // additions
    operationalCo2eKg: Range;
    embodiedCo2eKg: Range;
    acceleratorHours: Range | null;
    waterL: Range | null;
  };
  breakdown: { acceleratorsKwh: number; hostKwh: number; facilityOverheadKwh: number };
  factors: {
    hardware: HardwareFactor | null;
    intensity: IntensityFactor;
    pue: FactorValue;
    mfu: MfuFactor | null;
    // additions
    utilization: FactorValue | null;
    hostFactor: FactorValue | null;
    /** Addition (second wave): average power while kernels run, as a share of TDP (device power curve). */
    activePowerFraction: FactorValue | null;
    /** Addition (second wave): host watts per accelerator added on with boundary `server`. */
    hostPowerW: FactorValue | null;
    compute: ComputeFactor | null;
    embodied: EmbodiedFactor | null;
    wueLPerKwh: number | null;
    /** Addition (second wave): the on-site WUE and off-site EWIF used for water. */
    water: WaterFactors;
    equivalents: EquivalentFactor[];
  };
  equivalents: Equivalents;
  /**
   * Addition: market-based CO2e (GHG Protocol Scope 2) with renewable-match: matched purchases add up (capped at 100%),
   * the unmatched share is priced at the residual mix when the context knows it, else at the location average (with a
   * warning); embodied included. Null without renewable-match.
   */
  marketBasedCo2eKg: number | null;
  /** Addition: boundary the energy figure covers. */
  boundary: Boundary;
  /** Addition: what each requested mitigation did. */
  mitigations: AppliedMitigation[];
  /** Addition: training overheads as separate lines (empty for inference). */
  overheads: OverheadLine[];
  /** Addition (serving): present only when the request has `serving`. */
  serving?: ServingFigures;
  dataVersion: string;
  warnings: string[];
}

// ---------------------------------------------------------------------------------------------------
// Comparisons
// ---------------------------------------------------------------------------------------------------

export interface VariantInput {
  name: string;
  changes?: Record<string, unknown>;
  mitigations?: Mitigation[];
}

/**
 * How much of each variant's estimate a comparison returns: `summary` (default) the figures of an
 * EstimateSummary, `full` the whole Estimate plus the merged `request` the variant ran.
 */
export type ComparisonDetail = 'summary' | 'full';
export const COMPARISON_DETAILS: readonly ComparisonDetail[] = ['summary', 'full'];

export interface ComparisonInput {
  baseline: EstimateRequest;
  variants?: VariantInput[];
  sweep?: Record<string, unknown[]>;
  /** Default `summary`. */
  detail?: ComparisonDetail;
}

export interface VariantError {
  code: string;
  message: string;
  details: unknown[];
}

/**
 * The figures of an Estimate a comparison variant carries by default: the same fields, with the same
 * names and values, as the Estimate of the same request (no factors, breakdown, equivalents or
 * mitigations; ranges only for energyKwh and co2eKg).
 */
export type EstimateSummary = EstimateHeadline &
  Pick<Estimate, 'marketBasedCo2eKg' | 'serving' | 'warnings'> & { ranges: Pick<Estimate['ranges'], 'energyKwh' | 'co2eKg'> };

/** The figures every estimate answer opens with, in answer order (an Estimate's and an EstimateSummary's). */
export type EstimateHeadline = Pick<
  Estimate,
  | 'method'
  | 'workload'
  | 'acceleratorHours'
  | 'wallHours'
  | 'flops'
  | 'energyKwh'
  | 'co2eKg'
  | 'operationalCo2eKg'
  | 'embodiedCo2eKg'
  | 'waterL'
  | 'water'
  | 'percentiles'
>;

export interface ComparisonVariant<E extends Estimate | EstimateSummary = Estimate | EstimateSummary> {
  name: string;
  // additions
  origin: 'variant' | 'sweep';
  /** The sweep values of this combination (sweep variants only). */
  sweep?: Record<string, unknown>;
  /** The merged request this variant ran (detail `full` only). */
  request?: EstimateRequest;
  estimate: E | null;
  deltaCo2eKg: number | null;
  /** Percent change of co2eKg against the baseline (null when the baseline is 0 or the variant failed). */
  deltaPct: number | null;
  /** 1 = lowest co2eKg among the baseline and the successful variants; ties share a rank (1, 1, 3). */
  rank: number | null;
  error?: VariantError;
}

export interface ComparisonProvenance {
  /** Catalog sources per device id used by a variant (left out of each variant's factors.hardware). */
  hardwareSources: Record<string, NonNullable<HardwareFactor['sources']>>;
  /** Definitions of the equivalence factors (left out of each variant's factors.equivalents). */
  equivalentFactors: EquivalentFactor[];
}

export interface Comparison<E extends Estimate | EstimateSummary = Estimate | EstimateSummary> {
  baseline: { name: string; estimate: Estimate; rank: number };
  /** Estimate with detail `full` (plus each variant's request), EstimateSummary with `summary`. */
  variants: ComparisonVariant<E>[];
  best: string;
  // additions
  /** The detail the variants were answered with. */
  detail: ComparisonDetail;
  failed: number;
  dataVersion: string;
  warnings: string[];
  /** Provenance shared by the variants, listed once (see compare.ts). */
  provenance: ComparisonProvenance;
}

/** detail `summary`: each variant carries an EstimateSummary and no request. */
export type SummaryComparison = Comparison<EstimateSummary> & { detail: 'summary' };

/** detail `full`: each variant carries its whole Estimate (shared provenance hoisted) and its request. */
export type FullComparison = Comparison<Estimate> & { detail: 'full' };
