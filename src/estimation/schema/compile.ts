/**
 * One Ajv for every request schema: all errors, no coercion, no defaults written, unknown keys refused by
 * the schemas (`additionalProperties: false`), `nullable` and `discriminator` understood (OpenAPI 3.0's
 * keywords, so the schemas go into the OpenAPI document unchanged). Ajv errors become the API's
 * `{ path, message }` details: dotted paths with `[i]` for array items (`mitigations[0].fraction`), under
 * a route's prefix (`items[3]`, `baseline`, `request`), with the messages the hand-written validator gave.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { TSchema } from '@sinclair/typebox';
import type { ErrorDetail } from '../estimation.errors';

export const ajv = new Ajv({
  allErrors: true,
  coerceTypes: false,
  useDefaults: false,
  removeAdditional: false,
  discriminator: true,
  verbose: true, // errors carry the data and the schema, for the messages below
  strict: true,
  strictNumbers: true, // NaN and Infinity fail `type: number`
  messages: false,
});
addFormats(ajv);
ajv.addVocabulary(['example']); // OpenAPI 3.0's annotation

/** Compiles a schema once (call at module load, never per request). */
export function compile<T>(schema: TSchema): ValidateFunction<T> {
  return ajv.compile<T>(schema);
}

/** Appends a key or an index to a path (`a` + `b` -> `a.b`, `a` + 0 -> `a[0]`, '' + `b` -> `b`). */
export const joinPath = (base: string, key: string | number): string =>
  typeof key === 'number' ? `${base}[${key}]` : base ? `${base}.${key}` : key;

/** The API path of an Ajv instancePath (JSON pointer) under `prefix`; numeric segments of arrays are `[i]`. */
export function toPath(prefix: string, pointer: string, root: unknown): string {
  if (pointer === '') return prefix;
  let path = prefix;
  let node: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      path = joinPath(path, Number(key));
      node = node[Number(key)];
    } else {
      path = joinPath(path, key);
      node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
    }
  }
  return path;
}

interface NumberSchema {
  type?: string;
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
}

/** `an integer, > 0, >= 1, <= 10`: the bounds of a numeric schema, in the hand validator's words. */
function describeBounds(s: NumberSchema): string {
  const parts: string[] = [];
  if (s.type === 'integer') parts.push('an integer');
  if (s.exclusiveMinimum !== undefined) parts.push(`> ${s.exclusiveMinimum}`);
  if (s.minimum !== undefined) parts.push(`>= ${s.minimum}`);
  if (s.maximum !== undefined) parts.push(`<= ${s.maximum}`);
  return parts.join(', ');
}

const TYPE_NAMES: Record<string, string> = { object: 'an object', array: 'an array', boolean: 'a boolean' };

/** Messages for a missing required field, by field name (default `is required`). */
export type RequiredMessages = Record<string, string | ((parent: Record<string, unknown>) => string)>;

function message(e: ErrorObject, required: RequiredMessages): string | null {
  const s = (e.parentSchema ?? {}) as NumberSchema & { enum?: unknown[]; maxLength?: number; maxItems?: number };
  switch (e.keyword) {
    case 'type': {
      const want = String(e.schema);
      if (want === 'number' || want === 'integer') {
        if (typeof e.data === 'number')
          return Number.isFinite(e.data) ? `must be ${describeBounds(s)}, got ${e.data}` : 'must be a finite number';
        return `must be a number, got ${typeof e.data}`;
      }
      if (want === 'string') return `must be a string, got ${typeof e.data}`;
      return `must be ${TYPE_NAMES[want] ?? want}`;
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
      return `must be ${describeBounds(s)}, got ${e.data}`;
    case 'enum':
      return `must be one of ${(s.enum ?? []).join(', ')}`;
    case 'pattern':
      return 'must not be empty';
    case 'maxLength':
      return `must be at most ${s.maxLength} characters`;
    case 'maxItems':
      return `at most ${s.maxItems} ${e.instancePath.slice(e.instancePath.lastIndexOf('/') + 1)}`;
    case 'additionalProperties':
      return 'is not a known field';
    case 'required': {
      const field = (e.params as { missingProperty: string }).missingProperty;
      const m = required[field];
      return typeof m === 'function' ? m(e.data as Record<string, unknown>) : (m ?? 'is required');
    }
    case 'discriminator':
      return null; // worded by the caller (it knows the allowed values)
    default:
      return e.message ?? `fails ${e.keyword}`;
  }
}

export interface MappedErrors {
  details: ErrorDetail[];
  /** API paths of the values that failed the schema (the rules between fields skip them). */
  invalid: Set<string>;
}

/**
 * Ajv errors as details, one per path and keyword family (several failed bounds of one number give one
 * message naming all of its bounds), in Ajv's order (schema order, an object's unknown keys first).
 */
export function mapErrors(
  errors: ErrorObject[] | null | undefined,
  root: unknown,
  prefix: string,
  opts: { required?: RequiredMessages; discriminator?: (e: ErrorObject) => string } = {},
): MappedErrors {
  const details: ErrorDetail[] = [];
  const invalid = new Set<string>();
  const seen = new Set<string>();
  for (const e of errors ?? []) {
    if (e.keyword === 'oneOf' || e.keyword === 'anyOf' || e.keyword === 'if') continue; // summaries of errors listed anyway
    let path = toPath(prefix, e.instancePath, root);
    if (e.keyword === 'additionalProperties')
      path = joinPath(path, (e.params as { additionalProperty: string }).additionalProperty);
    else if (e.keyword === 'required') path = joinPath(path, (e.params as { missingProperty: string }).missingProperty);
    else if (e.keyword === 'discriminator') path = joinPath(path, (e.params as { tag: string }).tag);
    const msg =
      e.keyword === 'discriminator' ? (opts.discriminator?.(e) ?? 'has an unknown value') : message(e, opts.required ?? {});
    if (msg === null) continue;
    invalid.add(path);
    // One message per path: a number failing two bounds, or a blank over-long string, says it once.
    if (seen.has(path)) continue;
    seen.add(path);
    details.push({ path, message: msg });
  }
  return { details, invalid };
}
