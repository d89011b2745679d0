/**
 * Validation of an EstimateRequest in two steps, collected into one EstimationError(VALIDATION_FAILED):
 * 1. the schema (schema/estimate-request.schema.ts, compiled by Ajv): types, per-field bounds, enums,
 *    unknown fields;
 * 2. the rules between fields, kept here: one sizing method, one location form, compute's flops vs
 *    parameters + tokens, implied FLOPs, hours needing hardware.count, pruning < 1, distillation's FLOPs.
 * Returns a normalised copy (null optional fields removed, fields in a fixed order).
 */
import type { ErrorObject } from 'ajv';
import { isObject, type Obj } from './clone';
import { FLOPS_PER_PARAM_TOKEN, LIMITS } from './defaults';
import { EstimationError, EstimationErrorCode, type ErrorDetail } from './estimation.errors';
import { MITIGATION_TYPES, type EstimateRequest, type Workload } from './estimation.types';
import { compile, joinPath as join, mapErrors, type RequiredMessages } from './schema/compile';
import {
  ComputeRequestSchema,
  ESTIMATE_REQUEST_KEYS,
  EstimateRequestSchema,
  HardwareRequestSchema,
  LocationRequestSchema,
  MitigationSchemas,
  ServingModelArchitectureSchema,
  ServingRequestSchema,
  type EstimateRequestBody,
} from './schema/estimate-request.schema';

const present = (v: unknown): boolean => v !== undefined && v !== null;

export const SIZING_KEYS = ['hours', 'acceleratorHours', 'compute', 'energyKwh'] as const;
export type SizingKey = (typeof SIZING_KEYS)[number];

/** The fields of an estimate request (from the schema). */
export const TOP_LEVEL_KEYS: ReadonlySet<string> = new Set(ESTIMATE_REQUEST_KEYS);

const LOCATION_REQUIRED = 'is required ({ zone } | { provider, region } | { gPerKwh })';
const HOURS_NEED_COUNT = 'is required when sizing by hours (device-hours = hours x count)';
const MITIGATION_TYPE_MESSAGE = `must be one of ${MITIGATION_TYPES.join(', ')}`;

const schemaCheck = compile<EstimateRequestBody>(EstimateRequestSchema);

const REQUIRED_MESSAGES: RequiredMessages = {
  location: LOCATION_REQUIRED,
  type: MITIGATION_TYPE_MESSAGE,
  fraction: (m) => `is required for ${String(m.type)}`,
  precision: (m) => `is required for ${String(m.type)}`,
  activeParameters: (m) => `is required for ${String(m.type)}`,
  teacherParameters: (m) => `is required for ${String(m.type)}`,
  studentParameters: (m) => `is required for ${String(m.type)}`,
  tokens: (m) => `is required for ${String(m.type)}`,
};
const mapOptions = { required: REQUIRED_MESSAGES, discriminator: (_e: ErrorObject) => MITIGATION_TYPE_MESSAGE };

/**
 * Checks an unknown value as an EstimateRequest under `base` (a route's prefix: '', `baseline`,
 * `items[3]`, `request`). Never throws: the details (empty when valid) and the normalised request.
 */
export function checkEstimateRequest(req: unknown, base = ''): { details: ErrorDetail[]; value: EstimateRequest | undefined } {
  if (!isObject(req))
    return { details: [{ path: base, message: 'the estimate request must be a JSON object' }], value: undefined };
  if (schemaCheck(req)) {
    const details = crossFieldRules(req, base, null);
    return { details, value: details.length === 0 ? normalise(req) : undefined };
  }
  const mapped = mapErrors(servingModelErrors(schemaCheck.errors, req), req, base, mapOptions);
  const rules = crossFieldRules(req, base, mapped.invalid);
  // The count rule closes the list, after the fields (as the engine has always reported it).
  const last = rules.length > 0 && rules[rules.length - 1].message === HOURS_NEED_COUNT ? rules.splice(-1) : [];
  return { details: [...inFieldOrder(mapped.details, rules, base), ...last], value: undefined };
}

/** True when `req` is a valid EstimateRequest (schema and cross-field rules), without building error details. */
export function requestAccepted(req: unknown): boolean {
  return isObject(req) && schemaCheck(req) && crossFieldRules(req, '', null).length === 0;
}

/**
 * Validates an unknown value as an EstimateRequest. Throws EstimationError(VALIDATION_FAILED) listing every
 * problem as { path, message } (paths like `hardware.count`, `mitigations[0].fraction`, '' for the whole request).
 */
export function validateEstimateRequest(req: unknown, pathPrefix = ''): EstimateRequest {
  const { details, value } = checkEstimateRequest(req, pathPrefix);
  if (details.length > 0 || value === undefined) {
    throw new EstimationError(
      EstimationErrorCode.VALIDATION_FAILED,
      `The estimate request is invalid: ${details.map((d) => `${d.path || '(request)'} ${d.message}`).join('; ')}`,
      details,
    );
  }
  return value;
}

/** The number at `obj[key]` if the schema accepted it (`invalid` null: everything passed), else undefined. */
function accepted(obj: Obj, key: string, path: string, invalid: Set<string> | null): number | undefined {
  const v = obj[key];
  return typeof v === 'number' && (invalid === null || !invalid.has(join(path, key))) ? v : undefined;
}

const NO_DETAILS: ErrorDetail[] = [];

const MODEL_ONE_OF = '/properties/serving/properties/model/oneOf/';
const MODEL_MESSAGE = 'must be a model catalog reference (a string) or an architecture object';

/**
 * serving.model is a string or an object (oneOf): Ajv reports both branches' failures. Keep the branch of
 * the value's own type (a blank or long string: the string's errors; an object: its fields'), and one
 * plain message for any other type.
 */
function servingModelErrors(errors: ErrorObject[] | null | undefined, req: Obj): ErrorObject[] | null | undefined {
  if (!errors || !errors.some((e) => e.schemaPath.includes(MODEL_ONE_OF))) return errors;
  const serving = req.serving;
  const model = isObject(serving) ? serving.model : undefined;
  const branch = typeof model === 'string' ? 0 : isObject(model) ? 1 : -1;
  const out: ErrorObject[] = [];
  let replaced = false;
  for (const e of errors) {
    const i = e.schemaPath.indexOf(MODEL_ONE_OF);
    if (i < 0) {
      out.push(e);
      continue;
    }
    if (branch >= 0) {
      if (e.schemaPath.startsWith(`${MODEL_ONE_OF}${branch}/`, i)) out.push(e);
    } else if (!replaced) {
      replaced = true;
      out.push({ ...e, keyword: 'serving-model', message: MODEL_MESSAGE });
    }
  }
  return out;
}

/**
 * The rules between fields. `invalid` holds the paths the schema refused (their values are not used).
 * Runs for every request and every comparison variant: no allocation unless a rule fails.
 */
function crossFieldRules(req: Obj, base: string, invalid: Set<string> | null): ErrorDetail[] {
  let out = NO_DETAILS;
  const add = (path: string, message: string): void => {
    if (out === NO_DETAILS) out = [];
    out.push({ path, message });
  };

  // Sizing: exactly one method (serving sizes the work itself: see servingRules).
  let sizings = 0;
  let sizing: SizingKey | undefined;
  for (const k of SIZING_KEYS) {
    if (present(req[k])) {
      sizings++;
      sizing = k;
    }
  }
  if (present(req.serving)) {
    for (const k of SIZING_KEYS)
      if (present(req[k]))
        add(join(base, k), `not with serving: serving sizes the work (a deployment's duration is serving.hours)`);
  } else if (sizings === 0) {
    add(base, `exactly one of ${SIZING_KEYS.join(', ')} is required`);
  } else if (sizings > 1) {
    const given = SIZING_KEYS.filter((k) => present(req[k]));
    for (const k of given)
      add(join(base, k), `give exactly one sizing method (${SIZING_KEYS.join(', ')}); got ${given.join(' and ')}`);
  }

  const comp = req.compute;
  if (isObject(comp)) {
    const p = join(base, 'compute');
    const wl: Workload =
      typeof req.workload === 'string' && req.workload in FLOPS_PER_PARAM_TOKEN ? (req.workload as Workload) : 'training';
    const hasFlops = present(comp.flops);
    const hasNd = present(comp.parameters) || present(comp.tokens) || present(comp.activeParameters);
    if (hasFlops && hasNd) {
      add(join(p, 'flops'), 'give either flops or parameters + tokens, not both');
    } else if (!hasFlops && !hasNd) {
      add(p, 'needs flops, or parameters and tokens');
    } else if (hasNd) {
      if (!present(comp.parameters) && !present(comp.activeParameters)) add(join(p, 'parameters'), 'is required with tokens');
      if (!present(comp.tokens)) add(join(p, 'tokens'), 'is required with parameters');
      const parameters = accepted(comp, 'parameters', p, invalid);
      const active = accepted(comp, 'activeParameters', p, invalid);
      const tokens = accepted(comp, 'tokens', p, invalid);
      if (active !== undefined && parameters !== undefined && active > parameters)
        add(join(p, 'activeParameters'), 'must not exceed parameters');
      const n = active ?? parameters;
      if (n !== undefined && tokens !== undefined && FLOPS_PER_PARAM_TOKEN[wl] * n * tokens > LIMITS.maxFlops) {
        add(p, `implied FLOPs (${FLOPS_PER_PARAM_TOKEN[wl]} x N x D) exceed ${LIMITS.maxFlops}`);
      }
    }
  }

  const loc = req.location;
  if (loc === null) add(join(base, 'location'), LOCATION_REQUIRED);
  else if (isObject(loc)) {
    const cloud = present(loc.provider) || present(loc.region);
    const forms = (present(loc.zone) ? 1 : 0) + (cloud ? 1 : 0) + (present(loc.gPerKwh) ? 1 : 0);
    if (forms === 0) add(join(base, 'location'), 'needs one of zone, provider + region, or gPerKwh');
    else if (forms > 1) add(join(base, 'location'), 'give exactly one of zone, provider + region, or gPerKwh');
    else if (present(loc.provider) !== present(loc.region))
      add(join(join(base, 'location'), present(loc.provider) ? 'region' : 'provider'), 'provider and region go together');
  }

  if (Array.isArray(req.mitigations)) {
    const list = req.mitigations as unknown[];
    for (let i = 0; i < list.length; i++) {
      const m = list[i];
      if (!isObject(m) || (m.type !== 'pruning' && m.type !== 'distillation')) continue;
      const p = join(join(base, 'mitigations'), i);
      if (m.type === 'pruning') {
        const fraction = accepted(m, 'fraction', p, invalid);
        if (fraction !== undefined && fraction >= 1) add(join(p, 'fraction'), 'must be < 1 (fraction of parameters removed)');
      } else {
        const teacher = accepted(m, 'teacherParameters', p, invalid);
        const student = accepted(m, 'studentParameters', p, invalid);
        const tokens = accepted(m, 'tokens', p, invalid);
        if (
          teacher !== undefined &&
          student !== undefined &&
          tokens !== undefined &&
          (2 * teacher + 6 * student) * tokens > LIMITS.maxFlops
        ) {
          add(p, `implied FLOPs exceed ${LIMITS.maxFlops}`);
        }
      }
    }
  }

  if (present(req.serving)) servingRules(req, base, invalid, add);

  // Device-hours from wall-clock hours need the device count. (hardware.ref requirements: compute sizing,
  // device-hours without powerW, distillation are checked by estimate() after mitigations, as HARDWARE_REQUIRED.)
  if (!present(req.serving) && sizings === 1 && sizing === 'hours' && !(isObject(req.hardware) && present(req.hardware.count))) {
    add(join(base, 'hardware.count'), HOURS_NEED_COUNT);
  }
  return out;
}

const SERVING_MITIGATIONS: ReadonlySet<unknown> = new Set(['renewable-match']);

/** The rules between the fields of `serving` and the rest of the request. */
function servingRules(req: Obj, base: string, invalid: Set<string> | null, add: (path: string, message: string) => void): void {
  const s = req.serving;
  if (!isObject(s)) return;
  const p = join(base, 'serving');
  if (req.workload !== 'inference')
    add(
      join(base, 'workload'),
      `must be inference with serving (got ${present(req.workload) ? String(req.workload) : 'the default, training'})`,
    );
  const hw = req.hardware;
  if (isObject(hw)) {
    const h = join(base, 'hardware');
    if (present(hw.powerW)) add(join(h, 'powerW'), 'is not used with serving: device power comes from the serving model');
    if (present(hw.utilization)) add(join(h, 'utilization'), 'is not used with serving: the batch and the phases set the load');
  }
  if (present(s.requests) && present(s.requestsPerSecond))
    add(join(p, 'requests'), 'give either requests or requestsPerSecond (with hours), not both');
  if (present(s.requestsPerSecond) && !present(s.hours))
    add(join(p, 'hours'), "is required with requestsPerSecond (the deployment's duration)");
  if (present(s.hours) && !present(s.requestsPerSecond))
    add(join(p, 'requestsPerSecond'), 'is required with hours (a deployment is a request rate over hours)');
  if (present(s.replicas) && !present(s.requestsPerSecond))
    add(join(p, 'replicas'), 'is only used by a deployment (with requestsPerSecond and hours)');
  if (present(s.batchSize) && present(s.concurrency))
    add(join(p, 'concurrency'), 'give either batchSize or concurrency (the same setting), not both');
  const m = s.model;
  if (isObject(m)) {
    const mp = join(p, 'model');
    const parameters = accepted(m, 'parameters', mp, invalid);
    const active = accepted(m, 'activeParameters', mp, invalid);
    if (parameters !== undefined && active !== undefined && active > parameters)
      add(join(mp, 'activeParameters'), 'must not exceed parameters');
    const heads = accepted(m, 'attentionHeads', mp, invalid);
    const kv = accepted(m, 'kvHeads', mp, invalid);
    if (heads !== undefined && kv !== undefined && kv > heads) add(join(mp, 'kvHeads'), 'must not exceed attentionHeads');
    if (present(m.experts) !== present(m.expertsPerToken))
      add(join(mp, present(m.experts) ? 'expertsPerToken' : 'experts'), 'experts and expertsPerToken go together');
    const experts = accepted(m, 'experts', mp, invalid);
    const perToken = accepted(m, 'expertsPerToken', mp, invalid);
    if (experts !== undefined && perToken !== undefined && perToken > experts)
      add(join(mp, 'expertsPerToken'), 'must not exceed experts');
  }
  if (Array.isArray(req.mitigations)) {
    (req.mitigations as unknown[]).forEach((mit, i) => {
      if (isObject(mit) && !SERVING_MITIGATIONS.has(mit.type) && typeof mit.type === 'string')
        add(
          join(join(join(base, 'mitigations'), i), 'type'),
          `${mit.type} does not apply to serving: change the serving fields instead (weightPrecision, batchSize, model); renewable-match applies`,
        );
    });
  }
}

const HARDWARE_KEYS = Object.keys(HardwareRequestSchema.properties);
const COMPUTE_KEYS = Object.keys(ComputeRequestSchema.properties);
const LOCATION_KEYS = Object.keys(LocationRequestSchema.properties);
const MITIGATION_KEYS = new Map<unknown, string[]>(
  MitigationSchemas.map((s) => [s.properties.type.enum[0], Object.keys(s.properties)]),
);
const SERVING_KEYS = Object.keys(ServingRequestSchema.properties);
const ARCHITECTURE_KEYS = Object.keys(ServingModelArchitectureSchema.properties);
const OBJECT_KEYS: Record<string, string[]> = {
  hardware: HARDWARE_KEYS,
  compute: COMPUTE_KEYS,
  serving: SERVING_KEYS,
  location: LOCATION_KEYS,
};

/** A path's position among its object's fields (schema order; unknown fields first, as they are reported first). */
function fieldRank(parents: (string | number)[], key: string): number {
  const keys =
    parents.length === 0
      ? (ESTIMATE_REQUEST_KEYS as string[])
      : parents.length === 1
        ? OBJECT_KEYS[parents[0] as string]
        : parents.length === 2 && parents[0] === 'mitigations'
          ? ['type', 'fraction', 'precision', 'activeParameters', 'teacherParameters', 'studentParameters', 'tokens']
          : parents.length === 2 && parents[0] === 'serving' && parents[1] === 'model'
            ? ARCHITECTURE_KEYS
            : undefined;
  return keys ? keys.indexOf(key) : -1;
}

/** `hardware.count` -> ['hardware', 'count'], `mitigations[2].fraction` -> ['mitigations', 2, 'fraction']. */
function segments(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  return out;
}

/**
 * Schema errors and rule errors in one order, field by field (the order the request's fields are
 * documented in): a rule about an object (`compute needs flops...`) after the errors of its fields, a
 * schema error about it (`at most 20 mitigations`) before them; the request-level sizing rule where
 * the sizing fields are.
 */
function inFieldOrder(schema: ErrorDetail[], rules: ErrorDetail[], base: string): ErrorDetail[] {
  const strip = (path: string) =>
    base === '' ? path : path === base ? '' : path.slice(base.length + (path[base.length] === '.' ? 1 : 0));
  const key = (d: ErrorDetail, rule: boolean): number[] => {
    const segs = segments(strip(d.path));
    if (segs.length === 0) return [fieldRank([], 'hours'), -Infinity];
    const out: number[] = [];
    segs.forEach((s, i) => out.push(typeof s === 'number' ? s : fieldRank(segs.slice(0, i), s)));
    out.push(rule ? Infinity : -Infinity);
    return out;
  };
  const keyed = [...schema.map((d) => ({ d, k: key(d, false) })), ...rules.map((d) => ({ d, k: key(d, true) }))];
  keyed.sort((a, b) => {
    for (let i = 0; i < Math.min(a.k.length, b.k.length); i++) if (a.k[i] !== b.k[i]) return a.k[i] < b.k[i] ? -1 : 1;
    return a.k.length - b.k.length;
  });
  return keyed.map((x) => x.d);
}

/** A copy of the present (non-null) `keys` of `obj`, in that order. */
function pick(obj: Obj, keys: readonly string[]): Obj {
  const out: Obj = {};
  for (const k of keys) if (present(obj[k])) out[k] = obj[k];
  return out;
}

/** A valid request without its null fields, location first (the order the engine has always returned). */
function normalise(req: Obj): EstimateRequest {
  const out: Obj = { location: pick(req.location as Obj, LOCATION_KEYS) };
  for (const k of ESTIMATE_REQUEST_KEYS) {
    const v = req[k];
    if (k === 'location' || !present(v)) continue;
    if (k === 'mitigations') out[k] = (v as Obj[]).map((m) => pick(m, MITIGATION_KEYS.get(m.type)!));
    else if (k === 'serving') {
      const s = pick(v as Obj, SERVING_KEYS);
      if (isObject(s.model)) s.model = pick(s.model, ARCHITECTURE_KEYS);
      out[k] = s;
    } else out[k] = OBJECT_KEYS[k] ? pick(v as Obj, OBJECT_KEYS[k]) : v;
  }
  return out as unknown as EstimateRequest;
}
