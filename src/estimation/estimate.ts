/**
 * The estimate: device-hours (or compute, or measured energy) -> energy -> operational + embodied CO2e,
 * with the factors used, their sources, ranges and a warning for every default or fallback.
 * Pure and synchronous: lookups come in through the EstimationContext. Formulas: docs/methodology.md.
 */
import {
  DEFAULT_EMBODIED_LIFETIME_YEARS,
  DEFAULT_EWIF,
  DEFAULT_FLEET_USAGE,
  DEFAULT_HOST_SHARE_OF_SERVER,
  DEFAULT_IDLE_FRACTION,
  DEFAULT_PRECISION,
  DEFAULT_SERVER_EMBODIED_KG,
  DEFAULT_UTILIZATION,
  DEVICE_EMBODIED_SPREAD,
  FLOPS_PER_PARAM_TOKEN,
  HOURS_PER_YEAR,
  OVERHEAD_DEFAULTS,
  PROVIDER_WUE,
  SECONDS_PER_HOUR,
  sigmaFromBand,
  Z95,
} from './defaults';
import { computeEquivalents, EQUIVALENT_FACTORS } from './equivalents';
import { EstimationError, EstimationErrorCode } from './estimation.errors';
import type {
  Boundary,
  ComputeFactor,
  EmbodiedFactor,
  Estimate,
  EstimateRequest,
  EstimateHeadline,
  EstimateSummary,
  EstimationContext,
  EstimationMethod,
  FactorValue,
  HardwareFactor,
  HardwareLookup,
  HardwareSpec,
  IntensityFactor,
  IntensityLookup,
  MfuCalibrationTable,
  MfuFactor,
  OverheadKind,
  OverheadLine,
  Percentiles,
  Range,
  ServingFigures,
  ServingSlice,
  Water,
  Workload,
} from './estimation.types';
import { applyMitigations, type MitigatedRequest } from './mitigations';
import { defaultMfu, mfuSigma, resolvePeak, withoutModels } from './mfu';
import { DEFAULT_MFU_CALIBRATION } from './mfu-calibration.data';
import { moePenalty, moeRunModels, precisionSpeedup, type TrainingEfficiencyTable } from './training-efficiency';
import { DEFAULT_TRAINING_EFFICIENCY } from './training-efficiency.data';
import { periodIntensity, workPeriod } from './period-intensity';
import { devicePower, embodiedMultiplierFor, hostPowerFor, powerClassOf } from './power';
import { propagate, type Knob } from './uncertainty';
import { evaluateServing, SERVING_ENERGY_SPREAD, type ServingEvaluation } from './serving-estimate';
import { SERVING_CALIBRATION } from './serving-calibration.data';
import { validateEstimateRequest } from './validate';

const fixed = (value: number, source: string): FactorValue => ({ value, low: value, high: value, source });
/** Makes sure low <= value <= high (sources occasionally publish a range that excludes the central value). */
const bounded = (f: FactorValue): FactorValue => ({ ...f, low: Math.min(f.low, f.value), high: Math.max(f.high, f.value) });
const fmt = (x: number): string => String(+x.toPrecision(4));
/** Log-space sigma of a defaulted factor from its p5-p95 band; 0 when the request stated it. */
const sigmaOf = (f: FactorValue | null): number => (f && f.source !== 'request' ? sigmaFromBand(f.low, f.high) : 0);

export function sizingMethod(req: EstimateRequest): EstimationMethod {
  if (req.serving !== undefined) return 'serving';
  if (req.compute !== undefined) return 'compute';
  if (req.energyKwh !== undefined) return 'energy';
  return 'device-hours';
}

/** The numbers one evaluation takes: the central values, a bound, or a value moved by one sigma. */
interface Inputs {
  /** Share of time kernels run (null with a stated powerW or no power). */
  u: number | null;
  /** Active-power fraction of TDP. */
  a: number | null;
  /** Stated device power (W), or null to use the curve. */
  statedPowerW: number | null;
  /** Multiplier on the host watts (1 = central). */
  hostScale: number;
  mfu: number | null;
  /** Mixture-of-experts MFU penalty (1 = dense or stated MFU). */
  moe: number;
  /** Measured speed of the run's precision relative to the peak's precision (1 = at that peak). */
  speed: number;
  /** Extra device-hours of the included overheads, per kind, as a share of the run's. */
  extra: Record<OverheadKind, number>;
  pue: number;
  gPerKwh: number;
  lifetimeYears: number;
  usage: number;
  /** Multiplier on the per-device embodied figure (1 = central). */
  embodiedScale: number;
  wue: number;
  ewif: number;
}

interface Outcome {
  deviceHours: number | null;
  embodiedDeviceHours: number | null;
  powerW: number | null;
  acceleratorsKwh: number;
  hostKwh: number;
  itKwh: number;
  facilityOverheadKwh: number;
  energyKwh: number;
  operationalCo2eKg: number;
  embodiedCo2eKg: number;
  co2eKg: number;
  onsiteL: number;
  offsiteL: number;
}

/** Everything the evaluation of a request produced, before it is shaped into an Estimate or an EstimateSummary. */
interface Evaluation {
  req: EstimateRequest;
  mitigated: MitigatedRequest;
  warnings: string[];
  workload: Workload;
  boundary: Boundary;
  includeEmbodied: boolean;
  method: EstimationMethod;
  count: number | undefined;
  hw: HardwareLookup | null;
  spec: HardwareSpec | null;
  utilization: FactorValue | null;
  activePower: FactorValue | null;
  power: FactorValue | null;
  powerSource: string;
  idleW: number | null;
  hostFactor: FactorValue | null;
  hostPower: FactorValue | null;
  computeFactor: ComputeFactor | null;
  mfu: MfuFactor | null;
  flops: number | null;
  overheads: { kind: OverheadKind; included: boolean; factor: FactorValue; reason: string }[];
  pue: FactorValue;
  il: IntensityLookup;
  intensityRange: Range;
  intensity: FactorValue;
  lifetime: FactorValue;
  usage: FactorValue | null;
  deviceEmbodied: number | null;
  serverShareEmbodied: number | null;
  perDeviceEmbodied: number | null;
  embodiedSource: string;
  wue: FactorValue;
  ewif: FactorValue;
  mid: Outcome;
  lo: Outcome;
  hi: Outcome;
  percentiles: { co2eKg: Percentiles; energyKwh: Percentiles; acceleratorHours: Percentiles | null };
  market: { value: number | null; warning: string | null };
  serving: ServingEvaluation | null;
}

/**
 * The catalog sources of a device as results cite them: which source gave which field, with its URL
 * and licence (the curation notes stay in the catalog, GET /v1/hardware/{id}). A copy, so a result
 * never shares arrays with the catalog.
 */
export const citedSources = (sources: NonNullable<HardwareSpec['sources']>): NonNullable<HardwareSpec['sources']> =>
  sources.map(({ fields, name, url, license }) => ({ fields, name, url, license }));

const minMax = (a: number, b: number, c: number): Range => [Math.min(a, b, c), Math.max(a, b, c)];

/** Unique warnings in first-seen order (the evaluation's, then the mitigations'). */
/**
 * The dense calibration: the MFU table without the mixture-of-experts runs of the efficiency table (their MFU is the
 * dense MFU times the penalty, applied separately). Memoised per pair of tables (comparisons evaluate up to 500 variants).
 */
const denseTables = new WeakMap<MfuCalibrationTable, WeakMap<TrainingEfficiencyTable, MfuCalibrationTable>>();
function denseCalibration(table: MfuCalibrationTable, eff: TrainingEfficiencyTable): MfuCalibrationTable {
  let byEff = denseTables.get(table);
  if (!byEff) denseTables.set(table, (byEff = new WeakMap()));
  let dense = byEff.get(eff);
  if (!dense) byEff.set(eff, (dense = withoutModels(table, moeRunModels(eff))));
  return dense;
}

/**
 * Which overheads apply (docs/methodology.md §7): goodput by default only for compute-sized training with a stated MFU
 * (a steady-state figure; the default MFU comes from Epoch's utilisation, mostly total GPU-hours that already include
 * restarts, and stated hours or energy are measured); development and idle time by default never (published training
 * figures exclude them), but always reported.
 */
function overheadLines(
  req: EstimateRequest,
  workload: Workload,
  method: EstimationMethod,
): { kind: OverheadKind; included: boolean; factor: FactorValue; reason: string }[] {
  if (workload === 'inference') return [];
  const o = req.overheads ?? {};
  const statedMfu = method === 'compute' && req.compute?.mfu !== undefined && req.compute?.mfu !== null;
  const goodputDefault = workload === 'training' && statedMfu;
  const line = (kind: OverheadKind, on: boolean | null | undefined, byDefault: boolean, why: string) => {
    const included = on ?? byDefault;
    const reason =
      on === true || on === false
        ? `overheads.${kind} = ${on} in the request`
        : `${included ? 'included' : 'not included'} by default: ${why}`;
    return { kind, included, factor: bounded({ ...OVERHEAD_DEFAULTS[kind] }), reason };
  };
  return [
    line(
      'goodput',
      o.goodput,
      goodputDefault,
      goodputDefault
        ? 'a stated MFU is a steady-state figure; failures and restarts add time'
        : method === 'compute'
          ? 'the default MFU is calibrated on published utilisation, mostly from total GPU-hours that already include restarts'
          : 'stated hours or energy already include the time lost to restarts',
    ),
    line('development', o.development, false, 'published training figures exclude development runs'),
    line('idle', o.idle, false, 'published training figures exclude idle reserved capacity'),
  ];
}

function uniqueWarnings(a: string[], b: string[]): string[] {
  const out: string[] = [];
  for (const w of a) if (!out.includes(w)) out.push(w);
  for (const w of b) if (!out.includes(w)) out.push(w);
  return out;
}

/**
 * Validates, applies the mitigations and evaluates a request at the central values, at its bounds
 * (`ranges`) and with the percentiles of every defaulted factor. `describe` = false skips the
 * provenance text of the power and embodied factors (their `source` strings), which only the full
 * Estimate shows; every number and warning is the same.
 */
function evaluateRequest(input: EstimateRequest, ctx: EstimationContext, describe: boolean): Evaluation {
  const validated = validateEstimateRequest(input);
  const mitigated = applyMitigations(validated);
  const req = mitigated.request;
  const warnings: string[] = [];

  const workload: Workload = req.workload ?? 'training';
  const boundary: Boundary = req.boundary ?? 'accelerators';
  const includeEmbodied = req.includeEmbodied ?? true;
  const method = sizingMethod(req);
  const hwReq = req.hardware ?? {};
  const count = hwReq.count;

  // ---- hardware -------------------------------------------------------------------------------
  let hw: HardwareLookup | null = null;
  if (hwReq.ref !== undefined) {
    hw = ctx.resolveHardware(hwReq.ref);
    warnings.push(...hw.warnings);
  }
  const spec = hw?.hardware ?? null;
  const requestPower = hwReq.powerW ?? undefined;
  if (method === 'compute' && !spec) {
    throw new EstimationError(EstimationErrorCode.HARDWARE_REQUIRED, 'compute-sized estimates need hardware.ref (peak FLOP/s)', [
      { path: 'hardware.ref', message: 'is required when sizing by compute' },
    ]);
  }
  if (method === 'serving' && !spec) {
    throw new EstimationError(
      EstimationErrorCode.HARDWARE_REQUIRED,
      'serving estimates need hardware.ref (device memory, bandwidth and peak FLOP/s)',
      [{ path: 'hardware.ref', message: 'is required with serving' }],
    );
  }
  if (method === 'device-hours' && !spec && requestPower === undefined) {
    throw new EstimationError(
      EstimationErrorCode.HARDWARE_REQUIRED,
      'device-hours estimates need hardware.ref or hardware.powerW',
      [{ path: 'hardware.ref', message: 'is required when sizing by device-hours, unless hardware.powerW is given' }],
    );
  }

  // ---- device power: measured powerW wins, else the class's power curve ----------------------------
  let utilization: FactorValue | null = null;
  let activePower: FactorValue | null = null;
  let power: FactorValue | null = null;
  let powerSource = 'unknown';
  let idleW: number | null = null;
  let tdp = 0;
  let serving: ServingEvaluation | null = null;
  if (method === 'serving') {
    const tdpW = spec!.tdpW;
    if (!(typeof tdpW === 'number' && Number.isFinite(tdpW) && tdpW > 0)) {
      throw new EstimationError(EstimationErrorCode.POWER_UNKNOWN, `${spec!.name} has no TDP in the catalog`, [
        { path: 'hardware.ref', message: `no TDP known for ${spec!.id}: serving estimates need it` },
      ]);
    }
    tdp = tdpW;
    serving = evaluateServing(req.serving!, spec!, hwReq, ctx);
    warnings.push(...serving.warnings);
    idleW = Math.min(hwReq.idleW ?? spec!.idleW ?? 0.11 * tdp, tdp);
    const r = serving.result;
    if (describe) {
      powerSource =
        `serving model (docs/methodology.md, Serving): mean device power over the device-hours; prefill ${fmt(r.prefill.powerW / r.devices)} W, ` +
        `decode ${fmt(r.decode.powerW / r.devices)} W per device (${r.decode.bound}-bound at batch ${serving.batchSize})` +
        `${serving.deployment ? `, idle provisioned capacity at ${fmt(idleW)} W` : ''}; range: the calibration's spread (${SERVING_ENERGY_SPREAD.low}-${SERVING_ENERGY_SPREAD.high}x)`;
    }
    power = {
      value: serving.meanPowerW,
      low: serving.meanPowerW * SERVING_ENERGY_SPREAD.low,
      high: serving.meanPowerW * SERVING_ENERGY_SPREAD.high,
      source: powerSource,
    };
  } else if (requestPower !== undefined) {
    power = fixed(requestPower, 'request');
    powerSource = 'request';
    if (hwReq.utilization !== undefined) warnings.push('hardware.utilization is ignored because hardware.powerW is given');
  } else if (spec) {
    const tdpW = spec.tdpW;
    if (!(typeof tdpW === 'number' && Number.isFinite(tdpW) && tdpW > 0)) {
      if (method !== 'energy') {
        throw new EstimationError(
          EstimationErrorCode.POWER_UNKNOWN,
          `${spec.name} has no TDP in the catalog; give hardware.powerW`,
          [{ path: 'hardware.powerW', message: `is required: no TDP known for ${spec.id}` }],
        );
      }
      warnings.push(`${spec.name} has no TDP in the catalog: device power unknown`);
    } else {
      tdp = tdpW;
      utilization =
        hwReq.utilization !== undefined ? fixed(hwReq.utilization, 'request') : bounded({ ...DEFAULT_UTILIZATION[workload] });
      const cls = powerClassOf(spec);
      activePower = bounded({
        value: cls.value.value,
        low: cls.value.low,
        high: cls.value.high,
        source: `${cls.id} class: ${cls.value.source}`,
      });
      if (hwReq.utilization === undefined) {
        warnings.push(
          `hardware.powerW not given: assumed ${fmt(activePower.value)} of TDP while kernels run (${cls.id} class, p5-p95 ${activePower.low}-${activePower.high}) and utilization ${utilization.value} for ${workload}`,
        );
      } else {
        warnings.push(
          `hardware.powerW not given: assumed ${fmt(activePower.value)} of TDP while kernels run (${cls.id} class, p5-p95 ${activePower.low}-${activePower.high})`,
        );
      }
      const idleFromRequest = hwReq.idleW ?? undefined;
      const idleFromCatalog = spec.idleW ?? undefined;
      let idleOrigin: string;
      if (idleFromRequest !== undefined) {
        idleW = Math.min(idleFromRequest, tdp);
        idleOrigin = 'request';
      } else if (idleFromCatalog !== undefined) {
        idleW = Math.min(idleFromCatalog, tdp);
        idleOrigin = 'catalog';
      } else {
        idleW = DEFAULT_IDLE_FRACTION.value * tdp;
        idleOrigin = 'default';
        if (utilization.low < 1)
          warnings.push(
            `${spec.name} has no idle power in the catalog: assumed ${fmt(DEFAULT_IDLE_FRACTION.value * 100)}% of TDP (Cloud Carbon Footprint)`,
          );
      }
      const idle = idleW;
      if (describe) {
        const tdpSource = spec.sources?.find((s) => s.fields.includes('tdpW'))?.name ?? 'catalog';
        powerSource = `idleW + utilization x (activeFraction x tdpW - idleW); tdpW ${tdp} W (${tdpSource}), idleW ${fmt(idle)} W (${idleOrigin}), utilization ${utilization.value} (${utilization.source === 'request' ? 'request' : 'default'}), activeFraction ${activePower.value} (${cls.id} class)`;
      }
      power = {
        value: devicePower(tdp, idle, utilization.value, activePower.value),
        low: devicePower(tdp, idle, utilization.low, activePower.low),
        high: devicePower(tdp, idle, utilization.high, activePower.high),
        source: powerSource,
      };
    }
  }

  // ---- host power (boundary server): added on, per accelerator -------------------------------------
  let hostFactor: FactorValue | null = null;
  let hostPower: FactorValue | null = null;
  let hostSigma = 0;
  if (boundary === 'server') {
    if (hwReq.hostFactor !== undefined && hwReq.hostFactor !== null) {
      hostFactor = fixed(hwReq.hostFactor, 'request');
    } else if (method === 'energy' && power === null) {
      const share = DEFAULT_HOST_SHARE_OF_SERVER;
      hostFactor = bounded({
        value: 1 / (1 - share.value),
        low: 1 / (1 - share.low),
        high: 1 / (1 - share.high),
        source: share.source,
      });
      warnings.push(`no device power: the measured server energy is split with a host share of ${share.value} (${share.source})`);
    } else {
      const hp = hostPowerFor(spec);
      hostSigma = hp.sigma;
      hostPower = { value: hp.wattsPerDevice, low: hp.low, high: hp.high, source: hp.source };
      warnings.push(
        `host power not given: added ${fmt(hp.wattsPerDevice)} W per accelerator (${hp.profile === 'components' ? 'component model' : `${hp.profile} profile`}, p5-p95 ${fmt(hp.low)}-${fmt(hp.high)} W)`,
      );
    }
  } else if (hwReq.hostFactor !== undefined && hwReq.hostFactor !== null) {
    warnings.push("hardware.hostFactor is ignored with boundary 'accelerators'");
  }

  // ---- compute sizing -------------------------------------------------------------------------
  let computeFactor: ComputeFactor | null = null;
  let mfu: MfuFactor | null = null;
  let mfuSpread = 0;
  let flops: number | null = null;
  let speedFactor: FactorValue | null = null;
  let moeFactor: FactorValue | null = null;
  if (method === 'compute') {
    const c = req.compute!;
    const precision = c.precision ?? DEFAULT_PRECISION;
    if (c.precision === undefined || c.precision === null)
      warnings.push(`compute.precision not given: assumed ${DEFAULT_PRECISION}`);
    let formula: string;
    if (c.flops !== undefined && c.flops !== null) {
      flops = c.flops;
      formula = 'flops as given';
    } else {
      const k = FLOPS_PER_PARAM_TOKEN[workload];
      const usesActive = c.activeParameters !== undefined && c.activeParameters !== null;
      const n = usesActive ? c.activeParameters! : c.parameters!;
      flops = k * n * c.tokens!;
      formula = `${k} x N x D, N = ${usesActive ? 'activeParameters' : 'parameters'} (${n}), D = tokens (${c.tokens})`;
    }
    const statedMfu = c.mfu !== undefined && c.mfu !== null;
    const eff = ctx.trainingEfficiency ?? DEFAULT_TRAINING_EFFICIENCY;
    // The time is the peak of a base precision x MFU x the measured speed of `precision` relative to that base: the
    // base is the precision the stated MFU was measured in (before a precision mitigation), or 16-bit for the
    // calibrated MFU (its runs trained in 16-bit). Inference keeps the peak of its own precision.
    const from = mitigated.precisionFrom ? (mitigated.precisionFrom.precision ?? DEFAULT_PRECISION) : precision;
    const base =
      workload === 'inference'
        ? precision
        : statedMfu
          ? from
          : precision === 'fp16' || precision === 'bf16'
            ? precision
            : eff.precision.reference;
    if (base !== precision) {
      const measured = precisionSpeedup(spec!, base, precision, eff);
      if (measured) {
        speedFactor = bounded(measured);
      } else {
        warnings.push(
          `no published training speed-up for ${precision} vs ${base} on ${spec!.name}: time taken at ${precision}'s own peak (constant MFU), which overstates the gain of a lower precision (docs/methodology.md §7)`,
        );
      }
    }
    const peakAt = speedFactor ? base : precision;
    const peak = resolvePeak(spec!, peakAt);
    warnings.push(...peak.warnings);
    if (speedFactor && speedFactor.value !== 1) {
      warnings.push(
        `${precision} instead of ${base}: time scaled by a measured end-to-end speed of ${fmt(speedFactor.value)}x (p5-p95 ${fmt(speedFactor.low)}-${fmt(speedFactor.high)}), not the peak ratio`,
      );
    }
    const isMoe =
      c.activeParameters !== undefined &&
      c.activeParameters !== null &&
      c.parameters !== undefined &&
      c.parameters !== null &&
      c.activeParameters < c.parameters;
    if (workload !== 'inference' && isMoe && (!statedMfu || mitigated.becameMoe)) {
      const p = moePenalty(eff);
      if (p) {
        moeFactor = bounded(p);
        warnings.push(
          `mixture of experts: MFU x ${moeFactor.value} (p5-p95 ${moeFactor.low}-${moeFactor.high}), the median penalty of public MoE runs against dense runs on the same generation`,
        );
      }
    }
    computeFactor = {
      flops,
      precision,
      peakPrecision: peak.peakPrecision,
      peakTflopsPerDevice: peak.tflops,
      flopsFormula: formula,
      precisionSpeedup: speedFactor,
      moePenalty: moeFactor,
    };
    if (statedMfu) {
      mfu = { ...fixed(c.mfu!, 'request'), group: null, n: null };
    } else {
      const table = ctx.mfuCalibration ?? DEFAULT_MFU_CALIBRATION;
      const dense = workload === 'inference' ? table : denseCalibration(table, eff);
      const d = defaultMfu(workload, spec!, count, dense);
      mfuSpread = workload === 'inference' ? sigmaFromBand(d.low, d.high) : mfuSigma(d.group, dense);
      // the bound covers at least the p5-p95 band (a thin group's min..max can be narrower than its spread)
      const widen = workload !== 'inference';
      mfu = {
        ...d,
        ...bounded({
          ...d,
          low: widen ? Math.min(d.low, d.value * Math.exp(-Z95 * mfuSpread)) : d.low,
          high: widen ? Math.min(1, Math.max(d.high, d.value * Math.exp(Z95 * mfuSpread))) : d.high,
        }),
      };
      warnings.push(
        `compute.mfu not given: assumed ${mfu.value}${mfu.group === null ? ` (${workload} default)` : mfu.group === 'all' ? ` (${mfu.n} published dense runs, Epoch AI: none on this generation, so the mean of all generations)` : ` (${mfu.n} published dense ${mfu.group} runs pooled with the other generations, Epoch AI)`}, range ${fmt(mfu.low)}-${fmt(mfu.high)}`,
      );
    }
  }
  const overheads = overheadLines(req, workload, method);

  // ---- facility and grid ----------------------------------------------------------------------
  let pue: FactorValue;
  if (req.pue !== undefined) pue = fixed(req.pue, 'request');
  else {
    const lookup = ctx.resolvePue(req.location.provider ?? null);
    pue = bounded({ value: lookup.value, low: lookup.low, high: lookup.high, source: lookup.source });
    warnings.push(`pue not given: used ${pue.value} (${lookup.source}; range ${pue.low}-${pue.high})`);
  }

  const period = workPeriod(req, ctx.period);
  const il = period ? periodIntensity(req.location, period, ctx) : ctx.resolveIntensity({ ...req.location });
  warnings.push(...il.warnings);
  const intensityRange: Range =
    req.location.gPerKwh !== undefined
      ? [il.gPerKwh, il.gPerKwh]
      : [Math.min(il.range[0], il.gPerKwh), Math.max(il.range[1], il.gPerKwh)];
  const intensity: FactorValue = { value: il.gPerKwh, low: intensityRange[0], high: intensityRange[1], source: il.source };

  // ---- water ----------------------------------------------------------------------------------
  const provider = req.location.provider ?? null;
  let wue: FactorValue;
  if (req.wueLPerKwh !== undefined) wue = fixed(req.wueLPerKwh, 'request');
  else {
    const w = (provider && PROVIDER_WUE[provider]) || PROVIDER_WUE.unknown;
    wue = bounded({ ...w });
    warnings.push(`water: wueLPerKwh not given: used ${w.value} L/kWh on site (${w.source})`);
  }
  const ewif: FactorValue = bounded({ ...DEFAULT_EWIF });
  warnings.push(
    `water: off-site water uses one factor for every zone, ${DEFAULT_EWIF.value} L/kWh (no per-zone generation mix available offline)`,
  );

  // ---- embodied -------------------------------------------------------------------------------
  let lifetime: FactorValue = fixed(DEFAULT_EMBODIED_LIFETIME_YEARS.value, DEFAULT_EMBODIED_LIFETIME_YEARS.source);
  let usage: FactorValue | null = null;
  let deviceEmbodied: number | null = null;
  let serverShareEmbodied: number | null = null;
  let perDeviceEmbodied: number | null = null;
  let embodiedSigma = 0;
  let embodiedSource = 'not included (includeEmbodied: false)';
  if (includeEmbodied) {
    if (req.embodiedLifetimeYears !== undefined) lifetime = fixed(req.embodiedLifetimeYears, 'request');
    else lifetime = bounded({ ...DEFAULT_EMBODIED_LIFETIME_YEARS });
    if (!spec) {
      embodiedSource = 'unknown: no hardware.ref';
      warnings.push('embodied emissions counted as 0: no hardware.ref to take an embodied figure from');
    } else if (spec.embodiedKgCo2e === null || !Number.isFinite(spec.embodiedKgCo2e)) {
      embodiedSource = `unknown: the catalog has no embodied figure for ${spec.id}`;
      warnings.push(`embodied emissions counted as 0: the catalog has no embodied figure for ${spec.name}`);
    } else if (method === 'energy' && power === null) {
      embodiedSource = 'unknown: device-hours cannot be derived from energy without device power';
      warnings.push('embodied emissions counted as 0: device-hours cannot be derived from measured energy without device power');
    } else {
      const product = embodiedMultiplierFor(spec);
      deviceEmbodied = spec.embodiedKgCo2e * product.multiplier;
      serverShareEmbodied = DEFAULT_SERVER_EMBODIED_KG.value / DEFAULT_SERVER_EMBODIED_KG.devicesPerNode;
      perDeviceEmbodied = deviceEmbodied + serverShareEmbodied;
      usage = bounded({ ...DEFAULT_FLEET_USAGE });
      // spread of the sum: each part's log-sigma weighted by its share (first order)
      const sd = sigmaFromBand(DEVICE_EMBODIED_SPREAD.low, DEVICE_EMBODIED_SPREAD.high);
      const ss = sigmaFromBand(DEFAULT_SERVER_EMBODIED_KG.low, DEFAULT_SERVER_EMBODIED_KG.high);
      embodiedSigma = Math.hypot((deviceEmbodied / perDeviceEmbodied) * sd, (serverShareEmbodied / perDeviceEmbodied) * ss);
      if (describe) {
        const embSource = spec.sources?.find((s) => s.fields.includes('embodiedKgCo2e'))?.name ?? 'catalog';
        embodiedSource =
          `(${spec.embodiedKgCo2e} kgCO2e device (${embSource})${product.source ? ` x ${product.multiplier} (${product.source})` : ''} + ` +
          `${DEFAULT_SERVER_EMBODIED_KG.value} kgCO2e server / ${DEFAULT_SERVER_EMBODIED_KG.devicesPerNode} (${DEFAULT_SERVER_EMBODIED_KG.source})) ` +
          `x device-hours / (lifetime years x ${HOURS_PER_YEAR} x usage ${usage.value})`;
      }
      if (req.embodiedLifetimeYears === undefined && perDeviceEmbodied > 0) {
        warnings.push(
          `embodiedLifetimeYears not given: assumed ${lifetime.value} years (range ${lifetime.low}-${lifetime.high})`,
        );
      }
      if (method === 'energy') warnings.push('embodied share uses device-hours derived from the measured energy / device power');
    }
  }

  // ---- evaluation -----------------------------------------------------------------------------
  const idle = idleW ?? 0;
  const powerAt = (x: Inputs): number | null =>
    x.statedPowerW !== null ? x.statedPowerW : x.u !== null && x.a !== null ? devicePower(tdp, idle, x.u, x.a) : null;
  const hostWAt = (x: Inputs, p: number | null): number => {
    if (boundary !== 'server') return 0;
    if (hostFactor) return p !== null ? (hostFactor.value - 1) * p * x.hostScale : 0;
    return hostPower ? hostPower.value * x.hostScale : 0;
  };
  const overheadScale = (x: Inputs): number => 1 + x.extra.goodput + x.extra.development + x.extra.idle;
  const evaluate = (x: Inputs): Outcome => {
    const p = powerAt(x);
    let deviceHours: number | null = null;
    let acceleratorsKwh: number;
    let hostKwh: number;
    let embodiedDeviceHours: number | null = null;
    if (method === 'energy') {
      const it = req.energyKwh! * overheadScale(x);
      if (boundary === 'server') {
        const hostW = hostWAt(x, p);
        const share =
          hostFactor && p === null
            ? 1 - 1 / (1 + (hostFactor.value - 1) * x.hostScale)
            : p !== null && p + hostW > 0
              ? hostW / (p + hostW)
              : 0;
        hostKwh = it * share;
        acceleratorsKwh = it - hostKwh;
        if (p !== null && p > 0) embodiedDeviceHours = (it * 1000) / (p + hostW);
      } else {
        acceleratorsKwh = it;
        hostKwh = 0;
        if (p !== null && p > 0) embodiedDeviceHours = (it * 1000) / p;
      }
    } else {
      if (method === 'compute')
        deviceHours = flops! / (computeFactor!.peakTflopsPerDevice * 1e12 * x.mfu! * x.moe * x.speed) / SECONDS_PER_HOUR;
      else if (serving) deviceHours = serving.deviceHours;
      else if (req.acceleratorHours !== undefined) deviceHours = req.acceleratorHours;
      else deviceHours = req.hours! * count!;
      deviceHours *= overheadScale(x);
      acceleratorsKwh = (deviceHours * p!) / 1000;
      hostKwh = (deviceHours * hostWAt(x, p)) / 1000;
      embodiedDeviceHours = deviceHours;
    }
    const itKwh = acceleratorsKwh + hostKwh;
    const facilityOverheadKwh = itKwh * (x.pue - 1);
    const energyKwh = itKwh + facilityOverheadKwh;
    const operationalCo2eKg = (energyKwh * x.gPerKwh) / 1000;
    const embodiedCo2eKg =
      perDeviceEmbodied !== null && embodiedDeviceHours !== null
        ? (perDeviceEmbodied * x.embodiedScale * embodiedDeviceHours) / (x.lifetimeYears * HOURS_PER_YEAR * x.usage)
        : 0;
    return {
      deviceHours,
      embodiedDeviceHours,
      powerW: p,
      acceleratorsKwh,
      hostKwh,
      itKwh,
      facilityOverheadKwh,
      energyKwh,
      operationalCo2eKg,
      embodiedCo2eKg,
      co2eKg: operationalCo2eKg + embodiedCo2eKg,
      onsiteL: itKwh * x.wue,
      offsiteL: energyKwh * x.ewif,
    };
  };

  const extraAt = (pickOf: (f: FactorValue) => number): Record<OverheadKind, number> => {
    const out: Record<OverheadKind, number> = { goodput: 0, development: 0, idle: 0 };
    for (const o of overheads) if (o.included) out[o.kind] = pickOf(o.factor);
    return out;
  };
  const curve = power !== null && power.source !== 'request' && utilization !== null && activePower !== null;
  const midInputs: Inputs = {
    u: curve ? utilization!.value : null,
    a: curve ? activePower!.value : null,
    statedPowerW: curve ? null : (power?.value ?? null),
    hostScale: 1,
    mfu: mfu?.value ?? null,
    moe: moeFactor?.value ?? 1,
    speed: speedFactor?.value ?? 1,
    extra: extraAt((f) => f.value),
    pue: pue.value,
    gPerKwh: intensity.value,
    lifetimeYears: lifetime.value,
    usage: usage?.value ?? 1,
    embodiedScale: 1,
    wue: wue.value,
    ewif: ewif.value,
  };
  // Bounds: every factor at the extreme that raises (high) or lowers (low) CO2e. With measured energy, more device
  // power means fewer derived device-hours, so less embodied.
  const side = (s: 'low' | 'high'): Inputs => {
    const up = s === 'high';
    const pick = (f: FactorValue | null, dir: 1 | -1, fallback: number | null): number | null =>
      f === null ? fallback : dir > 0 === up ? f.high : f.low;
    const powerDir = method === 'energy' ? -1 : 1;
    return {
      u: curve ? pick(utilization, powerDir, null) : null,
      a: curve ? pick(activePower, powerDir, null) : null,
      statedPowerW: curve ? null : power ? pick(power, powerDir, null) : null,
      hostScale: hostPower
        ? pick(hostPower, powerDir, hostPower.value)! / hostPower.value
        : hostFactor && hostFactor.source !== 'request'
          ? (pick(hostFactor, powerDir, hostFactor.value)! - 1) / (hostFactor.value - 1)
          : 1,
      mfu: mfu ? pick(mfu, -1, null) : null,
      moe: moeFactor ? pick(moeFactor, -1, 1)! : 1,
      speed: speedFactor ? pick(speedFactor, -1, 1)! : 1,
      extra: extraAt((f) => (up ? f.high : f.low)),
      pue: pick(pue, 1, pue.value)!,
      gPerKwh: pick(intensity, 1, intensity.value)!,
      lifetimeYears: pick(lifetime, -1, lifetime.value)!,
      usage: usage ? pick(usage, -1, 1)! : 1,
      embodiedScale: perDeviceEmbodied !== null ? (up ? Math.exp(Z95 * embodiedSigma) : Math.exp(-Z95 * embodiedSigma)) : 1,
      wue: pick(wue, 1, wue.value)!,
      ewif: pick(ewif, 1, ewif.value)!,
    };
  };

  const mid = evaluate(midInputs);
  const lo = evaluate(side('low'));
  const hi = evaluate(side('high'));

  // Percentiles: every defaulted factor is a lognormal (median = central value, sigma from its p5-p95 band).
  const knobs: Knob<Inputs>[] = [];
  if (curve) {
    knobs.push({ name: 'activePowerFraction', sigma: sigmaOf(activePower), scale: (x, f) => ({ ...x, a: x.a! * f }) });
    knobs.push({ name: 'utilization', sigma: sigmaOf(utilization), scale: (x, f) => ({ ...x, u: x.u! * f }) });
  }
  if (serving && power) {
    knobs.push({
      name: 'servingEnergy',
      sigma: sigmaFromBand(SERVING_ENERGY_SPREAD.low, SERVING_ENERGY_SPREAD.high),
      scale: (x, f) => ({ ...x, statedPowerW: x.statedPowerW! * f }),
    });
  }
  if (hostPower) knobs.push({ name: 'hostPower', sigma: hostSigma, scale: (x, f) => ({ ...x, hostScale: x.hostScale * f }) });
  else if (hostFactor && hostFactor.source !== 'request') {
    knobs.push({ name: 'hostShare', sigma: sigmaOf(hostFactor), scale: (x, f) => ({ ...x, hostScale: x.hostScale * f }) });
  }
  if (mfu)
    knobs.push({ name: 'mfu', sigma: mfu.source === 'request' ? 0 : mfuSpread, scale: (x, f) => ({ ...x, mfu: x.mfu! * f }) });
  if (moeFactor) knobs.push({ name: 'moePenalty', sigma: sigmaOf(moeFactor), scale: (x, f) => ({ ...x, moe: x.moe * f }) });
  if (speedFactor)
    knobs.push({ name: 'precisionSpeedup', sigma: sigmaOf(speedFactor), scale: (x, f) => ({ ...x, speed: x.speed * f }) });
  for (const o of overheads) {
    if (!o.included) continue;
    knobs.push({
      name: `overhead:${o.kind}`,
      sigma: sigmaOf(o.factor),
      scale: (x, f) => ({ ...x, extra: { ...x.extra, [o.kind]: x.extra[o.kind] * f } }),
    });
  }
  knobs.push({ name: 'pue', sigma: sigmaOf(pue), scale: (x, f) => ({ ...x, pue: Math.max(1, x.pue * f) }) });
  knobs.push({
    name: 'intensity',
    sigma: req.location.gPerKwh !== undefined ? 0 : sigmaFromBand(intensity.low, intensity.high),
    scale: (x, f) => ({ ...x, gPerKwh: x.gPerKwh * f }),
  });
  if (perDeviceEmbodied !== null) {
    knobs.push({ name: 'lifetime', sigma: sigmaOf(lifetime), scale: (x, f) => ({ ...x, lifetimeYears: x.lifetimeYears * f }) });
    knobs.push({ name: 'usage', sigma: sigmaOf(usage), scale: (x, f) => ({ ...x, usage: x.usage * f }) });
    knobs.push({ name: 'embodied', sigma: embodiedSigma, scale: (x, f) => ({ ...x, embodiedScale: x.embodiedScale * f }) });
  }
  const spread = propagate(
    (x) => {
      const o = evaluate(x);
      return { co2eKg: o.co2eKg, energyKwh: o.energyKwh, acceleratorHours: o.deviceHours ?? 0 };
    },
    midInputs,
    knobs,
    ['co2eKg', 'energyKwh', 'acceleratorHours'] as const,
  );
  // Device-hours are a figure only when the work is sized in time or compute (not for a stated energy).
  const percentiles = { ...spread, acceleratorHours: mid.deviceHours === null ? null : spread.acceleratorHours };

  return {
    req,
    mitigated,
    warnings,
    workload,
    boundary,
    includeEmbodied,
    method,
    count,
    hw,
    spec,
    utilization,
    activePower,
    power,
    powerSource,
    idleW,
    hostFactor,
    hostPower,
    computeFactor,
    mfu,
    flops,
    overheads,
    pue,
    il,
    intensityRange,
    intensity,
    lifetime,
    usage,
    deviceEmbodied,
    serverShareEmbodied,
    perDeviceEmbodied,
    embodiedSource,
    wue,
    ewif,
    mid,
    lo,
    hi,
    percentiles,
    market: marketBased(
      mitigated.renewableFraction,
      mid,
      req.location.gPerKwh !== undefined ? null : (ctx.resolveResidualMix?.(il.zone, il.year) ?? null),
      il,
      intensity.value,
    ),
    serving,
  };
}

/**
 * Market-based CO2e (GHG Protocol Scope 2, market-based method) when renewable purchases are stated: the matched
 * share of facility energy at 0, the rest at the zone's residual mix (AIB for Europe, Green-e for the US) when the
 * context knows it, else at the location average (which understates; a warning says so). Embodied included.
 */
function marketBased(
  matched: number | null,
  mid: Outcome,
  residual: { gPerKwh: number; source: string } | null,
  il: IntensityLookup,
  locationGPerKwh: number,
): { value: number | null; warning: string | null } {
  if (matched === null) return { value: null, warning: null };
  const g = residual?.gPerKwh ?? locationGPerKwh;
  const value = (mid.energyKwh * (1 - matched) * g) / 1000 + mid.embodiedCo2eKg;
  const warning = residual
    ? null
    : `renewable-match: no residual mix known for ${il.zone ?? 'this location'}: the unmatched share is priced at the location average (understates the market-based figure)`;
  return { value, warning };
}

const wallHoursOf = (e: Evaluation): number | null =>
  e.serving
    ? e.serving.hours
    : e.req.hours !== undefined
      ? e.req.hours
      : e.mid.deviceHours !== null && e.count !== undefined
        ? e.mid.deviceHours / e.count
        : null;

const waterOf = (o: Outcome): Water => ({ onsiteL: o.onsiteL, offsiteL: o.offsiteL, totalL: o.onsiteL + o.offsiteL });

export function estimate(input: EstimateRequest, ctx: EstimationContext): Estimate {
  return buildEstimate(evaluateRequest(input, ctx, true), ctx);
}

function buildEstimate(e: Evaluation, ctx: EstimationContext): Estimate {
  const {
    mitigated,
    boundary,
    includeEmbodied,
    hw,
    spec,
    utilization,
    activePower,
    power,
    idleW,
    hostFactor,
    hostPower,
    computeFactor,
    mfu,
    pue,
    il,
    intensityRange,
    lifetime,
    usage,
    deviceEmbodied,
    serverShareEmbodied,
    perDeviceEmbodied,
    embodiedSource,
    wue,
    ewif,
    mid,
    lo,
    hi,
  } = e;
  const range = (key: 'energyKwh' | 'co2eKg' | 'operationalCo2eKg' | 'embodiedCo2eKg'): Range =>
    minMax(lo[key], mid[key], hi[key]);
  const rangeOrNull = (a: number | null, b: number | null, c: number | null): Range | null =>
    a === null || b === null || c === null ? null : [Math.min(a, b, c), Math.max(a, b, c)];

  // ---- output ---------------------------------------------------------------------------------
  const hardwareFactor: HardwareFactor | null =
    spec || power
      ? {
          id: spec?.id ?? null,
          name: spec?.name ?? null,
          powerW: power?.value ?? null,
          source: power?.source ?? 'unknown',
          powerRangeW: power ? [Math.min(power.low, power.value), Math.max(power.high, power.value)] : null,
          tdpW: spec?.tdpW ?? null,
          idleW,
          kind: spec?.kind ?? null,
          ...(hw?.resolvedFrom !== undefined ? { resolvedFrom: hw.resolvedFrom } : {}),
          ...(spec?.sources ? { sources: citedSources(spec.sources) } : {}),
        }
      : null;

  const intensityFactor: IntensityFactor = {
    zone: il.zone,
    year: il.year,
    gPerKwh: il.gPerKwh,
    source: il.source,
    signal: il.signal,
    ...(il.license !== undefined ? { license: il.license } : {}),
    range: intensityRange,
    resolvedFrom: il.resolvedFrom,
    ...(il.period ? { period: il.period } : {}),
  };

  const embodiedFactor: EmbodiedFactor | null = includeEmbodied
    ? {
        perDeviceKgCo2e: perDeviceEmbodied,
        lifetimeYears: lifetime,
        deviceHours: mid.embodiedDeviceHours,
        source: embodiedSource,
        deviceKgCo2e: deviceEmbodied,
        serverShareKgCo2e: serverShareEmbodied,
        usage,
      }
    : null;

  const head = headline(e);
  const water = head.water;

  return {
    ...head,
    ranges: {
      energyKwh: range('energyKwh'),
      co2eKg: range('co2eKg'),
      operationalCo2eKg: range('operationalCo2eKg'),
      embodiedCo2eKg: range('embodiedCo2eKg'),
      acceleratorHours: rangeOrNull(lo.deviceHours, mid.deviceHours, hi.deviceHours),
      waterL: minMax(lo.onsiteL + lo.offsiteL, water.totalL, hi.onsiteL + hi.offsiteL),
    },
    breakdown: { acceleratorsKwh: mid.acceleratorsKwh, hostKwh: mid.hostKwh, facilityOverheadKwh: mid.facilityOverheadKwh },
    factors: {
      hardware: hardwareFactor,
      intensity: intensityFactor,
      pue,
      mfu,
      utilization,
      hostFactor,
      activePowerFraction: activePower,
      hostPowerW: hostPower,
      compute: computeFactor,
      embodied: embodiedFactor,
      wueLPerKwh: wue.value,
      water: { wueLPerKwh: wue, ewifLPerKwh: ewif },
      equivalents: EQUIVALENT_FACTORS.map((f) => ({ ...f })),
    },
    equivalents: computeEquivalents(mid.co2eKg),
    marketBasedCo2eKg: e.market.value,
    boundary,
    mitigations: mitigated.applied,
    overheads: overheadFigures(e),
    ...(e.serving ? { serving: servingFigures(e) } : {}),
    dataVersion: ctx.dataVersion,
    warnings: answerWarnings(e),
  };
}

/** The headline figures every answer opens with (estimate and summary), in their answer order. */
function headline(e: Evaluation): EstimateHeadline {
  const { mid } = e;
  const water = waterOf(mid);
  return {
    method: e.method,
    workload: e.workload,
    acceleratorHours: mid.deviceHours,
    wallHours: wallHoursOf(e),
    flops: e.flops,
    energyKwh: mid.energyKwh,
    co2eKg: mid.co2eKg,
    operationalCo2eKg: mid.operationalCo2eKg,
    embodiedCo2eKg: mid.embodiedCo2eKg,
    waterL: water.totalL,
    water,
    percentiles: e.percentiles,
  };
}

/** An answer's warnings: the evaluation's, the market-based figure's, then the mitigations', each once. */
function answerWarnings(e: Evaluation): string[] {
  const { warnings, market, mitigated } = e;
  return uniqueWarnings(market.warning ? [...warnings, market.warning] : warnings, mitigated.warnings);
}

/**
 * The EstimateSummary of a request: the same figures and warnings as `estimate()` (one evaluation
 * code path), without building the factors, breakdown, equivalents and provenance text a summary
 * does not show. Also returns the catalog device used, for the comparison's shared provenance.
 * Comparisons call this once per variant (up to 500 per call).
 */
export function estimateSummary(
  input: EstimateRequest,
  ctx: EstimationContext,
): { summary: EstimateSummary; hardware: HardwareSpec | null } {
  const e = evaluateRequest(input, ctx, false);
  const { mid, lo, hi } = e;
  return {
    summary: {
      ...headline(e),
      marketBasedCo2eKg: e.market.value,
      ranges: {
        energyKwh: minMax(lo.energyKwh, mid.energyKwh, hi.energyKwh),
        co2eKg: minMax(lo.co2eKg, mid.co2eKg, hi.co2eKg),
      },
      ...(e.serving ? { serving: servingFigures(e) } : {}),
      warnings: answerWarnings(e),
    },
    hardware: e.spec,
  };
}

/** Each overhead line's energy and CO2e: its factor times the run's own figures (the headline without included overheads). */
function overheadFigures(e: Evaluation): OverheadLine[] {
  const scale = 1 + e.overheads.reduce((sum, o) => sum + (o.included ? o.factor.value : 0), 0);
  const runKwh = e.mid.energyKwh / scale;
  const runCo2e = e.mid.co2eKg / scale;
  return e.overheads.map((o) => ({
    kind: o.kind,
    included: o.included,
    factor: o.factor,
    energyKwh: o.factor.value * runKwh,
    co2eKg: o.factor.value * runCo2e,
    reason: o.reason,
  }));
}

/** The serving figures of an evaluation: the serving model's numbers and the estimate divided per request, per 1,000 output tokens and per day. */
function servingFigures(e: Evaluation): ServingFigures {
  const s = e.serving!;
  const { mid, lo, hi } = e;
  const r = s.result;
  const slice = (divisor: number): ServingSlice => {
    const d = (x: number) => x / divisor;
    return {
      energyKwh: d(mid.energyKwh),
      co2eKg: d(mid.co2eKg),
      operationalCo2eKg: d(mid.operationalCo2eKg),
      embodiedCo2eKg: d(mid.embodiedCo2eKg),
      waterL: d(mid.onsiteL + mid.offsiteL),
      ranges: {
        energyKwh: minMax(d(lo.energyKwh), d(mid.energyKwh), d(hi.energyKwh)),
        co2eKg: minMax(d(lo.co2eKg), d(mid.co2eKg), d(hi.co2eKg)),
      },
    };
  };
  const outputTokens = e.req.serving!.outputTokens;
  const c = SERVING_CALIBRATION.constants;
  return {
    model: {
      id: s.model.id ?? null,
      name: s.modelSource === 'catalog' ? (s.model.name ?? null) : null,
      source: s.modelSource,
      totalParameters: s.model.totalParameters,
      activeParameters: s.model.activeParameters,
      layers: s.model.layers,
      kvHeads: s.model.kvHeads,
      headDim: s.model.headDim,
      contextLength: s.model.contextLength ?? null,
      dataVersion: s.catalogModel?.dataVersion ?? null,
    },
    requests: s.requests,
    requestsPerSecond: s.requestsPerSecond,
    hours: s.hours,
    batchSize: s.batchSize,
    weightPrecision: s.weightPrecision,
    kvPrecision: s.kvPrecision,
    computePrecision: r.computePrecision,
    efficiency: s.efficiency,
    devicesPerReplica: r.devices,
    devicesNeeded: r.memory.devicesNeeded,
    replicas: s.deployment?.replicas ?? 1,
    memory: {
      weightsGb: r.memory.weightsGb,
      kvCacheGb: r.memory.kvCacheGb,
      requiredGb: r.memory.requiredGb,
      usableGbPerDevice: Number.isFinite(r.memory.usableGbPerDevice) ? r.memory.usableGbPerDevice : null,
    },
    decodeBound: r.decode.bound,
    latencySeconds: r.perRequest.latencySeconds,
    outputTokensPerSecondPerReplica: r.outputTokensPerSecond,
    requestsPerSecondPerReplica: r.requestsPerSecondPerReplica,
    deviceEnergyJPerOutputToken: r.energyJPerOutputToken,
    utilization: s.deployment ? s.deployment.utilization : null,
    idleEnergyKwh: s.idleKwh,
    perRequest: slice(s.requests),
    perThousandOutputTokens: slice((s.requests * outputTokens) / 1000),
    perDay: s.hours !== null ? slice(s.hours / 24) : null,
    energyScale: { ...SERVING_ENERGY_SPREAD },
    constants: {
      bandwidthEfficiency: c.bandwidthEfficiency,
      computeEfficiency: c.computeEfficiency,
      stepOverheadPerLayerS: c.stepOverheadPerLayerS,
      multiDeviceOverheadPerLayerS: c.multiDeviceOverheadPerLayerS,
      moeOverheadPerLayerPerSequenceS: c.moeOverheadPerLayerPerSequenceS,
      busyPowerFraction: c.busyPowerFraction,
      overheadPowerFraction: c.overheadPowerFraction,
      source: `${SERVING_CALIBRATION.id}: ${SERVING_CALIBRATION.fittedOn}; ${SERVING_CALIBRATION.source.name} (${SERVING_CALIBRATION.source.url})`,
    },
  };
}
