/**
 * The estimate: device-hours (or compute, or measured energy) -> energy -> operational + embodied CO2e,
 * with the factors used, their sources, ranges and a warning for every default or fallback.
 * Pure and synchronous: lookups come in through the EstimationContext. Formulas: docs/methodology.md.
 */
import {
  DEFAULT_EMBODIED_LIFETIME_YEARS,
  DEFAULT_HOST_FACTOR,
  DEFAULT_IDLE_FRACTION,
  DEFAULT_PRECISION,
  DEFAULT_UTILIZATION,
  FLOPS_PER_PARAM_TOKEN,
  HOURS_PER_YEAR,
  SECONDS_PER_HOUR,
} from './defaults';
import { computeEquivalents, EQUIVALENT_FACTORS } from './equivalents';
import { EstimationError, EstimationErrorCode } from './estimation.errors';
import type {
  Boundary,
  ComputeFactor,
  EmbodiedFactor,
  Estimate,
  EstimateRequest,
  EstimateSummary,
  EstimationContext,
  EstimationMethod,
  FactorValue,
  HardwareFactor,
  HardwareLookup,
  HardwareSpec,
  IntensityFactor,
  IntensityLookup,
  MfuFactor,
  Range,
  Workload,
} from './estimation.types';
import { applyMitigations, type MitigatedRequest } from './mitigations';
import { defaultMfu, resolvePeak } from './mfu';
import { periodIntensity, workPeriod } from './period-intensity';
import { validateEstimateRequest } from './validate';

/** Which bound of each factor a scenario takes. */
type Pick = 'value' | 'low' | 'high';

const at = (f: FactorValue, p: Pick): number => f[p];
const fixed = (value: number, source: string): FactorValue => ({ value, low: value, high: value, source });
/** Makes sure low <= value <= high (sources occasionally publish a range that excludes the central value). */
const bounded = (f: FactorValue): FactorValue => ({ ...f, low: Math.min(f.low, f.value), high: Math.max(f.high, f.value) });
const fmt = (x: number): string => String(+x.toPrecision(4));

export function sizingMethod(req: EstimateRequest): EstimationMethod {
  if (req.compute !== undefined) return 'compute';
  if (req.energyKwh !== undefined) return 'energy';
  return 'device-hours';
}

interface Scenario {
  /** Average device power in W (null when no hardware/power is known: energy method only). */
  powerW: number | null;
  hostFactor: number;
  mfu: number | null;
  pue: number;
  gPerKwh: number;
  lifetimeYears: number;
}

interface Outcome {
  deviceHours: number | null;
  embodiedDeviceHours: number | null;
  acceleratorsKwh: number;
  hostKwh: number;
  itKwh: number;
  facilityOverheadKwh: number;
  energyKwh: number;
  operationalCo2eKg: number;
  embodiedCo2eKg: number;
  co2eKg: number;
  waterL: number | null;
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
  power: FactorValue | null;
  idleW: number | null;
  hostFactor: FactorValue | null;
  computeFactor: ComputeFactor | null;
  mfu: MfuFactor | null;
  flops: number | null;
  pue: FactorValue;
  il: IntensityLookup;
  intensityRange: Range;
  intensity: FactorValue;
  lifetime: FactorValue;
  perDeviceEmbodied: number | null;
  embodiedSource: string;
  mid: Outcome;
  lo: Outcome;
  hi: Outcome;
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
function uniqueWarnings(a: string[], b: string[]): string[] {
  const out: string[] = [];
  for (const w of a) if (!out.includes(w)) out.push(w);
  for (const w of b) if (!out.includes(w)) out.push(w);
  return out;
}

/**
 * Validates, applies the mitigations and evaluates a request under the central, low and high
 * scenarios. `describe` = false skips the provenance text of the power and embodied factors (their
 * `source` strings), which only the full Estimate shows; every number and warning is the same.
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
  if (method === 'device-hours' && !spec && requestPower === undefined) {
    throw new EstimationError(EstimationErrorCode.HARDWARE_REQUIRED, 'device-hours estimates need hardware.ref or hardware.powerW', [
      { path: 'hardware.ref', message: 'is required when sizing by device-hours, unless hardware.powerW is given' },
    ]);
  }

  // ---- device power ---------------------------------------------------------------------------
  let utilization: FactorValue | null = null;
  let power: FactorValue | null = null;
  let idleW: number | null = null;
  if (requestPower !== undefined) {
    power = fixed(requestPower, 'request');
    if (hwReq.utilization !== undefined) warnings.push('hardware.utilization is ignored because hardware.powerW is given');
  } else if (spec) {
    const tdp = spec.tdpW;
    if (!(typeof tdp === 'number' && Number.isFinite(tdp) && tdp > 0)) {
      if (method !== 'energy') {
        throw new EstimationError(EstimationErrorCode.POWER_UNKNOWN, `${spec.name} has no TDP in the catalog; give hardware.powerW`, [
          { path: 'hardware.powerW', message: `is required: no TDP known for ${spec.id}` },
        ]);
      }
      warnings.push(`${spec.name} has no TDP in the catalog: device power unknown`);
    } else {
      utilization =
        hwReq.utilization !== undefined
          ? fixed(hwReq.utilization, 'request')
          : bounded({ ...DEFAULT_UTILIZATION[workload] });
      if (hwReq.utilization === undefined) {
        warnings.push(
          `hardware.utilization not given: assumed ${utilization.value} of TDP for ${workload} (range ${utilization.low}-${utilization.high})`,
        );
      }
      const idleFromRequest = hwReq.idleW ?? undefined;
      const idleFromCatalog = spec.idleW ?? undefined;
      const idleUsed = utilization.low < 1; // idle only matters below full utilisation
      let idle: FactorValue;
      if (idleFromRequest !== undefined) idle = fixed(Math.min(idleFromRequest, tdp), 'request');
      else if (idleFromCatalog !== undefined) idle = fixed(Math.min(idleFromCatalog, tdp), 'catalog');
      else {
        idle = {
          value: DEFAULT_IDLE_FRACTION.value * tdp,
          low: DEFAULT_IDLE_FRACTION.low * tdp,
          high: DEFAULT_IDLE_FRACTION.high * tdp,
          source: DEFAULT_IDLE_FRACTION.source,
        };
        if (idleUsed) warnings.push(`${spec.name} has no idle power in the catalog: assumed ${fmt(DEFAULT_IDLE_FRACTION.value * 100)}% of TDP (Cloud Carbon Footprint)`);
      }
      idleW = idle.value;
      const p = (u: number, i: number): number => i + u * (tdp - i);
      let source = '';
      if (describe) {
        const tdpSource = spec.sources?.find((s) => s.fields.includes('tdpW'))?.name ?? 'catalog';
        source = `idleW + utilization x (tdpW - idleW); tdpW ${tdp} W (${tdpSource}), idleW ${fmt(idle.value)} W (${idle.source === 'request' || idle.source === 'catalog' ? idle.source : 'default'}), utilization ${utilization.value} (${utilization.source === 'request' ? 'request' : 'default'})`;
      }
      power = bounded({
        value: p(utilization.value, idle.value),
        low: p(utilization.low, idle.low),
        high: p(utilization.high, idle.high),
        source,
      });
    }
  }

  // ---- host overhead --------------------------------------------------------------------------
  let hostFactor: FactorValue | null = null;
  if (boundary === 'server') {
    if (hwReq.hostFactor !== undefined && hwReq.hostFactor !== null) hostFactor = fixed(hwReq.hostFactor, 'request');
    else {
      hostFactor = bounded({ ...DEFAULT_HOST_FACTOR });
      warnings.push(
        method === 'energy'
          ? `hardware.hostFactor not given: the measured server energy is split into accelerators and host with the default factor ${hostFactor.value}`
          : `hardware.hostFactor not given: assumed ${hostFactor.value} (DGX H100 10.2 kW / 8 x 700 W; range ${hostFactor.low}-${hostFactor.high})`,
      );
    }
  } else if (hwReq.hostFactor !== undefined && hwReq.hostFactor !== null) {
    warnings.push("hardware.hostFactor is ignored with boundary 'accelerators'");
  }

  // ---- compute sizing -------------------------------------------------------------------------
  let computeFactor: ComputeFactor | null = null;
  let mfu: MfuFactor | null = null;
  let flops: number | null = null;
  if (method === 'compute') {
    const c = req.compute!;
    const precision = c.precision ?? DEFAULT_PRECISION;
    if (c.precision === undefined || c.precision === null) warnings.push(`compute.precision not given: assumed ${DEFAULT_PRECISION}`);
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
    const peak = resolvePeak(spec!, precision);
    warnings.push(...peak.warnings);
    computeFactor = { flops, precision, peakPrecision: peak.peakPrecision, peakTflopsPerDevice: peak.tflops, flopsFormula: formula };
    if (c.mfu !== undefined && c.mfu !== null) {
      mfu = { ...fixed(c.mfu, 'request'), group: null, n: null };
    } else {
      mfu = defaultMfu(workload, spec!, count, ctx.mfuCalibration);
      mfu = { ...mfu, ...bounded(mfu) };
      warnings.push(
        `compute.mfu not given: assumed ${mfu.value}${mfu.group ? ` (median of ${mfu.n} published ${mfu.group} runs, Epoch AI)` : ` (${workload} default)`}, range ${mfu.low}-${mfu.high}`,
      );
    }
  }

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
    req.location.gPerKwh !== undefined ? [il.gPerKwh, il.gPerKwh] : [Math.min(il.range[0], il.gPerKwh), Math.max(il.range[1], il.gPerKwh)];
  const intensity: FactorValue = { value: il.gPerKwh, low: intensityRange[0], high: intensityRange[1], source: il.source };

  // ---- embodied -------------------------------------------------------------------------------
  let lifetime: FactorValue = fixed(DEFAULT_EMBODIED_LIFETIME_YEARS.value, DEFAULT_EMBODIED_LIFETIME_YEARS.source);
  let perDeviceEmbodied: number | null = null;
  let embodiedSource = 'not included (includeEmbodied: false)';
  if (includeEmbodied) {
    if (req.embodiedLifetimeYears !== undefined) lifetime = fixed(req.embodiedLifetimeYears, 'request');
    else {
      lifetime = bounded({ ...DEFAULT_EMBODIED_LIFETIME_YEARS });
    }
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
      perDeviceEmbodied = spec.embodiedKgCo2e;
      if (describe) {
        const embSource = spec.sources?.find((s) => s.fields.includes('embodiedKgCo2e'))?.name ?? 'catalog';
        embodiedSource = `${perDeviceEmbodied} kgCO2e per device (${embSource}) x device-hours / (lifetime years x ${HOURS_PER_YEAR})`;
      }
      if (req.embodiedLifetimeYears === undefined && perDeviceEmbodied > 0) {
        warnings.push(`embodiedLifetimeYears not given: assumed ${lifetime.value} years (range ${lifetime.low}-${lifetime.high})`);
      }
      if (method === 'energy') warnings.push('embodied share uses device-hours derived from the measured energy / device power');
    }
  }

  // ---- evaluation under scenarios ---------------------------------------------------------------
  // Directions: energy rises with power, host factor, PUE and falls with MFU; emissions rise with intensity;
  // embodied falls with lifetime and (energy method only) with device power and host factor.
  const powerDir = method === 'energy' ? -1 : 1;
  const pick = (dir: number, side: 'low' | 'high'): Pick => (dir > 0 ? side : side === 'low' ? 'high' : 'low');
  const scenario = (side: 'value' | 'low' | 'high'): Scenario => {
    const s = (dir: number): Pick => (side === 'value' ? 'value' : pick(dir, side));
    return {
      powerW: power ? at(power, s(powerDir)) : null,
      hostFactor: hostFactor ? at(hostFactor, s(powerDir)) : 1,
      mfu: mfu ? at(mfu, s(-1)) : null,
      pue: at(pue, s(1)),
      gPerKwh: at(intensity, s(1)),
      lifetimeYears: at(lifetime, s(-1)),
    };
  };
  const splitHostFactor = hostFactor?.value ?? 1;

  const evaluate = (s: Scenario): Outcome => {
    let deviceHours: number | null = null;
    let acceleratorsKwh: number;
    let hostKwh: number;
    let embodiedDeviceHours: number | null = null;
    if (method === 'energy') {
      const it = req.energyKwh!;
      acceleratorsKwh = boundary === 'server' ? it / splitHostFactor : it;
      hostKwh = it - acceleratorsKwh;
      if (s.powerW !== null && s.powerW > 0) embodiedDeviceHours = (it * 1000) / (s.powerW * s.hostFactor);
    } else {
      if (method === 'compute') deviceHours = flops! / (computeFactor!.peakTflopsPerDevice * 1e12 * s.mfu!) / SECONDS_PER_HOUR;
      else if (req.acceleratorHours !== undefined) deviceHours = req.acceleratorHours;
      else deviceHours = req.hours! * count!;
      acceleratorsKwh = (deviceHours * s.powerW!) / 1000;
      hostKwh = acceleratorsKwh * (s.hostFactor - 1);
      embodiedDeviceHours = deviceHours;
    }
    const itKwh = acceleratorsKwh + hostKwh;
    const facilityOverheadKwh = itKwh * (s.pue - 1);
    const energyKwh = acceleratorsKwh + hostKwh + facilityOverheadKwh;
    const operationalCo2eKg = (energyKwh * s.gPerKwh) / 1000;
    const embodiedCo2eKg =
      perDeviceEmbodied !== null && embodiedDeviceHours !== null
        ? (perDeviceEmbodied * embodiedDeviceHours) / (s.lifetimeYears * HOURS_PER_YEAR)
        : 0;
    return {
      deviceHours,
      embodiedDeviceHours,
      acceleratorsKwh,
      hostKwh,
      itKwh,
      facilityOverheadKwh,
      energyKwh,
      operationalCo2eKg,
      embodiedCo2eKg,
      co2eKg: operationalCo2eKg + embodiedCo2eKg,
      waterL: req.wueLPerKwh !== undefined ? itKwh * req.wueLPerKwh : null,
    };
  };

  const mid = evaluate(scenario('value'));
  const lo = evaluate(scenario('low'));
  const hi = evaluate(scenario('high'));
  return {
    req, mitigated, warnings, workload, boundary, includeEmbodied, method, count, hw, spec, utilization, power, idleW, hostFactor,
    computeFactor, mfu, flops, pue, il, intensityRange, intensity, lifetime, perDeviceEmbodied, embodiedSource, mid, lo, hi,
  };
}

const marketBased = (e: Evaluation): number | null =>
  e.mitigated.renewableFraction === null ? null : e.mid.operationalCo2eKg * (1 - e.mitigated.renewableFraction) + e.mid.embodiedCo2eKg;

const wallHoursOf = (e: Evaluation): number | null =>
  e.req.hours !== undefined ? e.req.hours : e.mid.deviceHours !== null && e.count !== undefined ? e.mid.deviceHours / e.count : null;

export function estimate(input: EstimateRequest, ctx: EstimationContext): Estimate {
  const e = evaluateRequest(input, ctx, true);
  const {
    req, mitigated, warnings, workload, boundary, includeEmbodied, method, hw, spec, utilization, power, idleW, hostFactor,
    computeFactor, mfu, flops, pue, il, intensityRange, lifetime, perDeviceEmbodied, embodiedSource, mid, lo, hi,
  } = e;
  const range = (key: 'energyKwh' | 'co2eKg' | 'operationalCo2eKg' | 'embodiedCo2eKg'): Range => minMax(lo[key], mid[key], hi[key]);
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
          powerRangeW: power ? [power.low, power.high] : null,
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
    ? { perDeviceKgCo2e: perDeviceEmbodied, lifetimeYears: lifetime, deviceHours: mid.embodiedDeviceHours, source: embodiedSource }
    : null;

  const marketBasedCo2eKg = marketBased(e);
  const wallHours = wallHoursOf(e);

  return {
    method,
    workload,
    acceleratorHours: mid.deviceHours,
    wallHours,
    flops,
    energyKwh: mid.energyKwh,
    co2eKg: mid.co2eKg,
    operationalCo2eKg: mid.operationalCo2eKg,
    embodiedCo2eKg: mid.embodiedCo2eKg,
    waterL: mid.waterL,
    ranges: {
      energyKwh: range('energyKwh'),
      co2eKg: range('co2eKg'),
      operationalCo2eKg: range('operationalCo2eKg'),
      embodiedCo2eKg: range('embodiedCo2eKg'),
      acceleratorHours: rangeOrNull(lo.deviceHours, mid.deviceHours, hi.deviceHours),
      waterL: rangeOrNull(lo.waterL, mid.waterL, hi.waterL),
    },
    breakdown: { acceleratorsKwh: mid.acceleratorsKwh, hostKwh: mid.hostKwh, facilityOverheadKwh: mid.facilityOverheadKwh },
    factors: {
      hardware: hardwareFactor,
      intensity: intensityFactor,
      pue,
      mfu,
      utilization,
      hostFactor,
      compute: computeFactor,
      embodied: embodiedFactor,
      wueLPerKwh: req.wueLPerKwh ?? null,
      equivalents: EQUIVALENT_FACTORS.map((f) => ({ ...f })),
    },
    equivalents: computeEquivalents(mid.co2eKg),
    marketBasedCo2eKg,
    boundary,
    mitigations: mitigated.applied,
    dataVersion: ctx.dataVersion,
    warnings: uniqueWarnings(warnings, mitigated.warnings),
  };
}

/**
 * The EstimateSummary of a request: the same figures and warnings as `estimate()` (one evaluation
 * code path), without building the factors, breakdown, equivalents and provenance text a summary
 * does not show. Also returns the catalog device used, for the comparison's shared provenance.
 * Comparisons call this once per variant (up to 500 per call).
 */
export function estimateSummary(input: EstimateRequest, ctx: EstimationContext): { summary: EstimateSummary; hardware: HardwareSpec | null } {
  const e = evaluateRequest(input, ctx, false);
  const { mid, lo, hi } = e;
  return {
    summary: {
      method: e.method,
      workload: e.workload,
      acceleratorHours: mid.deviceHours,
      wallHours: wallHoursOf(e),
      flops: e.flops,
      energyKwh: mid.energyKwh,
      co2eKg: mid.co2eKg,
      operationalCo2eKg: mid.operationalCo2eKg,
      embodiedCo2eKg: mid.embodiedCo2eKg,
      waterL: mid.waterL,
      marketBasedCo2eKg: marketBased(e),
      ranges: { energyKwh: minMax(lo.energyKwh, mid.energyKwh, hi.energyKwh), co2eKg: minMax(lo.co2eKg, mid.co2eKg, hi.co2eKg) },
      warnings: uniqueWarnings(e.warnings, e.mitigated.warnings),
    },
    hardware: e.spec,
  };
}
