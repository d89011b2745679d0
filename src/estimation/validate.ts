/**
 * Semantic validation of an EstimateRequest beyond its types: one sizing method, one location form,
 * bounded finite numbers, cross-field requirements. Collects every problem with its field path and throws
 * one EstimationError(VALIDATION_FAILED). Returns a normalised copy (null optional fields removed).
 */
import { isObject, type Obj } from './clone';
import { FLOPS_PER_PARAM_TOKEN, LIMITS } from './defaults';
import { EstimationError, EstimationErrorCode, type ErrorDetail } from './estimation.errors';
import {
  BOUNDARIES,
  MITIGATION_TYPES,
  PRECISIONS,
  WORKLOADS,
  type ComputeRequest,
  type EstimateRequest,
  type HardwareRequest,
  type LocationRequest,
  type Mitigation,
  type Workload,
} from './estimation.types';


const present = (v: unknown): boolean => v !== undefined && v !== null;
const join = (base: string, key: string | number): string =>
  typeof key === 'number' ? `${base}[${key}]` : base ? `${base}.${key}` : key;

export const SIZING_KEYS = ['hours', 'acceleratorHours', 'compute', 'energyKwh'] as const;
export type SizingKey = (typeof SIZING_KEYS)[number];

export const TOP_LEVEL_KEYS: ReadonlySet<string> = new Set([
  'workload',
  'hardware',
  'hours',
  'acceleratorHours',
  'compute',
  'energyKwh',
  'location',
  'pue',
  'wueLPerKwh',
  'boundary',
  'includeEmbodied',
  'embodiedLifetimeYears',
  'mitigations',
]);
const HARDWARE_KEYS = new Set(['ref', 'count', 'utilization', 'powerW', 'idleW', 'hostFactor']);
const COMPUTE_KEYS = new Set(['flops', 'parameters', 'tokens', 'activeParameters', 'mfu', 'precision']);
const LOCATION_KEYS = new Set(['zone', 'provider', 'region', 'gPerKwh', 'year', 'signal']);
const MITIGATION_KEYS: Record<string, string[]> = {
  'early-stopping': ['fraction'],
  precision: ['precision'],
  pruning: ['fraction'],
  sparsity: ['activeParameters'],
  distillation: ['teacherParameters', 'studentParameters', 'tokens'],
  'renewable-match': ['fraction'],
};

class Collector {
  readonly details: ErrorDetail[] = [];
  add(path: string, message: string): void {
    this.details.push({ path, message });
  }
}

interface NumberRule {
  min?: number;
  /** exclusive lower bound */
  gt?: number;
  max?: number;
  integer?: boolean;
}

function describeRule(r: NumberRule): string {
  const parts: string[] = [];
  if (r.integer) parts.push('an integer');
  if (r.gt !== undefined) parts.push(`> ${r.gt}`);
  if (r.min !== undefined) parts.push(`>= ${r.min}`);
  if (r.max !== undefined) parts.push(`<= ${r.max}`);
  return parts.join(', ');
}

/** Checks an optional number; returns it when valid, undefined when absent or invalid. */
function num(c: Collector, obj: Obj, key: string, base: string, rule: NumberRule): number | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number') {
    c.add(join(base, key), `must be a number, got ${typeof v}`);
    return undefined;
  }
  if (!Number.isFinite(v)) {
    c.add(join(base, key), 'must be a finite number');
    return undefined;
  }
  const bad =
    (rule.integer && !Number.isInteger(v)) ||
    (rule.gt !== undefined && !(v > rule.gt)) ||
    (rule.min !== undefined && v < rule.min) ||
    (rule.max !== undefined && v > rule.max);
  if (bad) {
    c.add(join(base, key), `must be ${describeRule(rule)}, got ${v}`);
    return undefined;
  }
  return v;
}

function str(c: Collector, obj: Obj, key: string, base: string, maxLength: number = LIMITS.maxRefLength): string | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') {
    c.add(join(base, key), `must be a string, got ${typeof v}`);
    return undefined;
  }
  if (v.trim().length === 0) {
    c.add(join(base, key), 'must not be empty');
    return undefined;
  }
  if (v.length > maxLength) {
    c.add(join(base, key), `must be at most ${maxLength} characters`);
    return undefined;
  }
  return v;
}

function oneOf<T extends string>(c: Collector, obj: Obj, key: string, base: string, allowed: readonly T[]): T | undefined {
  const v = obj[key];
  if (!present(v)) return undefined;
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
    c.add(join(base, key), `must be one of ${allowed.join(', ')}`);
    return undefined;
  }
  return v as T;
}

function unknownKeys(c: Collector, obj: Obj, allowed: ReadonlySet<string>, base: string): void {
  // Runs on every request and every comparison variant: no entry arrays.
  for (const k of Object.keys(obj)) {
    if (!allowed.has(k) && obj[k] !== undefined) c.add(join(base, k), 'is not a known field');
  }
}

function objectAt(c: Collector, obj: Obj, key: string, base: string): Obj | undefined {
  const v = obj[key];
  if (!present(v)) return undefined;
  if (!isObject(v)) {
    c.add(join(base, key), 'must be an object');
    return undefined;
  }
  return v;
}

function validateHardware(c: Collector, h: Obj, base: string): HardwareRequest {
  unknownKeys(c, h, HARDWARE_KEYS, base);
  const out: HardwareRequest = {};
  const ref = str(c, h, 'ref', base);
  if (ref !== undefined) out.ref = ref;
  const count = num(c, h, 'count', base, { integer: true, min: 1, max: LIMITS.maxDevices });
  if (count !== undefined) out.count = count;
  const utilization = num(c, h, 'utilization', base, { gt: 0, max: 1 });
  if (utilization !== undefined) out.utilization = utilization;
  const powerW = num(c, h, 'powerW', base, { gt: 0, max: LIMITS.maxPowerW });
  if (powerW !== undefined) out.powerW = powerW;
  const idleW = num(c, h, 'idleW', base, { min: 0, max: LIMITS.maxPowerW });
  if (idleW !== undefined) out.idleW = idleW;
  const hostFactor = num(c, h, 'hostFactor', base, { min: 1, max: LIMITS.maxHostFactor });
  if (hostFactor !== undefined) out.hostFactor = hostFactor;
  return out;
}

function validateCompute(c: Collector, comp: Obj, base: string, workload: Workload): ComputeRequest {
  unknownKeys(c, comp, COMPUTE_KEYS, base);
  const out: ComputeRequest = {};
  const flops = num(c, comp, 'flops', base, { min: 0, max: LIMITS.maxFlops });
  const parameters = num(c, comp, 'parameters', base, { min: 0, max: LIMITS.maxParameters });
  const tokens = num(c, comp, 'tokens', base, { min: 0, max: LIMITS.maxTokens });
  const active = num(c, comp, 'activeParameters', base, { min: 0, max: LIMITS.maxParameters });
  const mfu = num(c, comp, 'mfu', base, { gt: 0, max: 1 });
  const precision = oneOf(c, comp, 'precision', base, PRECISIONS);
  const hasFlops = present(comp.flops);
  const hasNd = present(comp.parameters) || present(comp.tokens) || present(comp.activeParameters);
  if (hasFlops && hasNd) {
    c.add(join(base, 'flops'), 'give either flops or parameters + tokens, not both');
  } else if (!hasFlops && !hasNd) {
    c.add(base, 'needs flops, or parameters and tokens');
  } else if (hasNd) {
    if (!present(comp.parameters) && !present(comp.activeParameters)) c.add(join(base, 'parameters'), 'is required with tokens');
    if (!present(comp.tokens)) c.add(join(base, 'tokens'), 'is required with parameters');
    if (active !== undefined && parameters !== undefined && active > parameters) {
      c.add(join(base, 'activeParameters'), 'must not exceed parameters');
    }
    const n = active ?? parameters;
    if (n !== undefined && tokens !== undefined && FLOPS_PER_PARAM_TOKEN[workload] * n * tokens > LIMITS.maxFlops) {
      c.add(base, `implied FLOPs (${FLOPS_PER_PARAM_TOKEN[workload]} x N x D) exceed ${LIMITS.maxFlops}`);
    }
  }
  if (flops !== undefined) out.flops = flops;
  if (parameters !== undefined) out.parameters = parameters;
  if (tokens !== undefined) out.tokens = tokens;
  if (active !== undefined) out.activeParameters = active;
  if (mfu !== undefined) out.mfu = mfu;
  if (precision !== undefined) out.precision = precision;
  return out;
}

function validateLocation(c: Collector, loc: Obj, base: string): LocationRequest {
  unknownKeys(c, loc, LOCATION_KEYS, base);
  const out: LocationRequest = {};
  const zone = str(c, loc, 'zone', base, 64);
  const provider = str(c, loc, 'provider', base, 64);
  const region = str(c, loc, 'region', base, 128);
  const gPerKwh = num(c, loc, 'gPerKwh', base, { min: 0, max: LIMITS.maxGPerKwh });
  const year = num(c, loc, 'year', base, { integer: true, min: LIMITS.minYear, max: LIMITS.maxYear });
  const signal = oneOf(c, loc, 'signal', base, ['average', 'marginal'] as const);
  const forms = [present(loc.zone), present(loc.provider) || present(loc.region), present(loc.gPerKwh)].filter(Boolean).length;
  if (forms === 0) c.add(base, 'needs one of zone, provider + region, or gPerKwh');
  else if (forms > 1) c.add(base, 'give exactly one of zone, provider + region, or gPerKwh');
  else if (present(loc.provider) !== present(loc.region)) {
    c.add(join(base, present(loc.provider) ? 'region' : 'provider'), 'provider and region go together');
  }
  if (zone !== undefined) out.zone = zone;
  if (provider !== undefined) out.provider = provider;
  if (region !== undefined) out.region = region;
  if (gPerKwh !== undefined) out.gPerKwh = gPerKwh;
  if (year !== undefined) out.year = year;
  if (signal !== undefined) out.signal = signal;
  return out;
}

function validateMitigations(c: Collector, list: unknown, base: string): Mitigation[] {
  if (!Array.isArray(list)) {
    c.add(base, 'must be an array');
    return [];
  }
  if (list.length > LIMITS.maxMitigations) c.add(base, `at most ${LIMITS.maxMitigations} mitigations`);
  const out: Mitigation[] = [];
  list.forEach((m, i) => {
    const p = join(base, i);
    if (!isObject(m)) {
      c.add(p, 'must be an object');
      return;
    }
    const type = m.type;
    if (typeof type !== 'string' || !(MITIGATION_TYPES as readonly string[]).includes(type)) {
      c.add(join(p, 'type'), `must be one of ${MITIGATION_TYPES.join(', ')}`);
      return;
    }
    unknownKeys(c, m, new Set(['type', ...MITIGATION_KEYS[type]]), p);
    const required = (key: string): void => {
      if (!present(m[key])) c.add(join(p, key), `is required for ${type}`);
    };
    MITIGATION_KEYS[type].forEach(required);
    switch (type) {
      case 'early-stopping': {
        const fraction = num(c, m, 'fraction', p, { gt: 0, max: 1 });
        if (fraction !== undefined) out.push({ type, fraction });
        break;
      }
      case 'pruning': {
        const fraction = num(c, m, 'fraction', p, { min: 0, max: 1 });
        if (fraction !== undefined && fraction >= 1) c.add(join(p, 'fraction'), 'must be < 1 (fraction of parameters removed)');
        else if (fraction !== undefined) out.push({ type, fraction });
        break;
      }
      case 'renewable-match': {
        const fraction = num(c, m, 'fraction', p, { min: 0, max: 1 });
        if (fraction !== undefined) out.push({ type, fraction });
        break;
      }
      case 'precision': {
        const precision = oneOf(c, m, 'precision', p, PRECISIONS);
        if (precision !== undefined) out.push({ type, precision });
        break;
      }
      case 'sparsity': {
        const activeParameters = num(c, m, 'activeParameters', p, { gt: 0, max: LIMITS.maxParameters });
        if (activeParameters !== undefined) out.push({ type, activeParameters });
        break;
      }
      case 'distillation': {
        const teacherParameters = num(c, m, 'teacherParameters', p, { gt: 0, max: LIMITS.maxParameters });
        const studentParameters = num(c, m, 'studentParameters', p, { gt: 0, max: LIMITS.maxParameters });
        const tokens = num(c, m, 'tokens', p, { gt: 0, max: LIMITS.maxTokens });
        if (teacherParameters !== undefined && studentParameters !== undefined && tokens !== undefined) {
          if ((2 * teacherParameters + 6 * studentParameters) * tokens > LIMITS.maxFlops) {
            c.add(p, `implied FLOPs exceed ${LIMITS.maxFlops}`);
          } else {
            out.push({ type, teacherParameters, studentParameters, tokens });
          }
        }
        break;
      }
    }
  });
  return out;
}

/**
 * Validates an unknown value as an EstimateRequest. Throws EstimationError(VALIDATION_FAILED) listing every
 * problem as { path, message } (paths like `hardware.count`, `mitigations[0].fraction`, '' for the whole request).
 */
export function validateEstimateRequest(req: unknown, pathPrefix = ''): EstimateRequest {
  const c = new Collector();
  const out = collectEstimateRequest(c, req, pathPrefix);
  if (c.details.length > 0 || out === undefined) {
    throw new EstimationError(
      EstimationErrorCode.VALIDATION_FAILED,
      `The estimate request is invalid: ${c.details.map((d) => `${d.path || '(request)'} ${d.message}`).join('; ')}`,
      c.details,
    );
  }
  return out;
}

function collectEstimateRequest(c: Collector, req: unknown, base: string): EstimateRequest | undefined {
  if (!isObject(req)) {
    c.add(base, 'the estimate request must be a JSON object');
    return undefined;
  }
  unknownKeys(c, req, TOP_LEVEL_KEYS, base);
  const workload = oneOf(c, req, 'workload', base, WORKLOADS);
  const wl: Workload = workload ?? 'training';

  const hwObj = objectAt(c, req, 'hardware', base);
  const hardware = hwObj ? validateHardware(c, hwObj, join(base, 'hardware')) : undefined;

  // Sizing: exactly one method.
  const given = SIZING_KEYS.filter((k) => present(req[k]));
  if (given.length === 0) {
    c.add(base, `exactly one of ${SIZING_KEYS.join(', ')} is required`);
  } else if (given.length > 1) {
    for (const k of given) c.add(join(base, k), `give exactly one sizing method (${SIZING_KEYS.join(', ')}); got ${given.join(' and ')}`);
  }
  const hours = num(c, req, 'hours', base, { min: 0, max: LIMITS.maxHours });
  const acceleratorHours = num(c, req, 'acceleratorHours', base, { min: 0, max: LIMITS.maxAcceleratorHours });
  const energyKwh = num(c, req, 'energyKwh', base, { min: 0, max: LIMITS.maxEnergyKwh });
  const compObj = objectAt(c, req, 'compute', base);
  const compute = compObj ? validateCompute(c, compObj, join(base, 'compute'), wl) : undefined;

  const locObj = objectAt(c, req, 'location', base);
  if (!present(req.location)) c.add(join(base, 'location'), 'is required ({ zone } | { provider, region } | { gPerKwh })');
  const location = locObj ? validateLocation(c, locObj, join(base, 'location')) : undefined;

  const pue = num(c, req, 'pue', base, { min: 1, max: LIMITS.maxPue });
  const wueLPerKwh = num(c, req, 'wueLPerKwh', base, { min: 0, max: LIMITS.maxWueLPerKwh });
  const boundary = oneOf(c, req, 'boundary', base, BOUNDARIES);
  let includeEmbodied: boolean | undefined;
  if (present(req.includeEmbodied)) {
    if (typeof req.includeEmbodied !== 'boolean') c.add(join(base, 'includeEmbodied'), 'must be a boolean');
    else includeEmbodied = req.includeEmbodied;
  }
  const embodiedLifetimeYears = num(c, req, 'embodiedLifetimeYears', base, { gt: 0, max: LIMITS.maxLifetimeYears });
  const mitigations = present(req.mitigations) ? validateMitigations(c, req.mitigations, join(base, 'mitigations')) : undefined;

  // Cross-field requirements.
  if (given.length === 1) {
    const method = given[0];
    if (method === 'hours' && hardware?.count === undefined && !(hwObj && present(hwObj.count))) {
      c.add(join(base, 'hardware.count'), 'is required when sizing by hours (device-hours = hours x count)');
    }
    // hardware.ref requirements (compute sizing, device-hours without powerW, distillation) are checked by
    // estimate() after mitigations, as HARDWARE_REQUIRED.
  }

  if (location === undefined) return undefined;
  const out: EstimateRequest = { location };
  if (workload !== undefined) out.workload = workload;
  if (hardware !== undefined) out.hardware = hardware;
  if (hours !== undefined) out.hours = hours;
  if (acceleratorHours !== undefined) out.acceleratorHours = acceleratorHours;
  if (compute !== undefined) out.compute = compute;
  if (energyKwh !== undefined) out.energyKwh = energyKwh;
  if (pue !== undefined) out.pue = pue;
  if (wueLPerKwh !== undefined) out.wueLPerKwh = wueLPerKwh;
  if (boundary !== undefined) out.boundary = boundary;
  if (includeEmbodied !== undefined) out.includeEmbodied = includeEmbodied;
  if (embodiedLifetimeYears !== undefined) out.embodiedLifetimeYears = embodiedLifetimeYears;
  if (mitigations !== undefined) out.mitigations = mitigations;
  return out;
}
