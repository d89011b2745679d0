import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc, { type Arbitrary } from 'fast-check';
import {
  buildSchema,
  getNamedType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  type GraphQLOutputType,
  GraphQLScalarType,
  type GraphQLSchema,
  isLeafType,
} from 'graphql';

/**
 * Generators for the fuzz test (test/e2e/fuzz.e2e-spec.ts), driven by the contracts the service
 * publishes: docs/openapi.json (every REST operation, its parameters, its bodies and their examples) and
 * schema.gql (every GraphQL query and mutation, its arguments and their input types). A route or field
 * added to the contracts is fuzzed without a change here.
 */

const ROOT = join(__dirname, '../..');
export const OPENAPI = JSON.parse(readFileSync(join(ROOT, 'docs/openapi.json'), 'utf8')) as OpenApi;
export const GRAPHQL_SCHEMA: GraphQLSchema = buildSchema(readFileSync(join(ROOT, 'schema.gql'), 'utf8'));

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
interface Schema {
  $ref?: string;
  type?: string | string[];
  enum?: Json[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
  minimum?: number;
  maximum?: number;
  format?: string;
  example?: Json;
}
interface Parameter {
  in: 'path' | 'query' | 'header';
  name: string;
  required?: boolean;
  schema?: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema?: Schema; examples?: Record<string, { value: Json }> }> };
  security?: Record<string, string[]>[];
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

export interface RestOperation {
  method: string;
  path: string;
  op: Operation;
}

export function restOperations(): RestOperation[] {
  const out: RestOperation[] = [];
  for (const [path, ops] of Object.entries(OPENAPI.paths))
    for (const [method, op] of Object.entries(ops)) out.push({ method: method.toUpperCase(), path, op });
  return out;
}

/** Error codes and their statuses, read from docs/errors.md (the documented error shape's vocabulary). */
export function documentedErrorCodes(): Map<string, Set<number>> {
  const text = readFileSync(join(ROOT, 'docs/errors.md'), 'utf8');
  const codes = new Map<string, Set<number>>();
  for (const m of text.matchAll(/^\| `([A-Z][A-Z0-9_]+)` \| (\d{3}) \|/gm)) {
    const set = codes.get(m[1]) ?? new Set<number>();
    set.add(Number(m[2]));
    codes.set(m[1], set);
  }
  return codes;
}

// ---------------------------------------------------------------- hostile values

/** Strings a careless server chokes on: NUL, lone surrogates, bidi and format characters, injection bait, huge. */
export const hostileString: Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\ud800',
    'x\udfff',
    '\u202e\u200b\ufeff',
    '%',
    '%00',
    '%E0%A4%A',
    '../../etc/passwd',
    "' OR 1=1 --",
    '$where',
    '__proto__',
    'constructor',
    '{{7*7}}',
    '=cmd|"/c calc"!A1',
    '＝1+1',
    'NaN',
    'Infinity',
    '-0',
    '1e309',
    '9'.repeat(400),
    '2024-02-30T25:61:00Z',
    '0000-01-01T00:00:00Z',
    'null',
    'true',
    '[]',
    '{}',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.integer({ min: 500, max: 20000 }).map((n) => 'A'.repeat(n)),
);

export const hostileNumber: Arbitrary<number> = fc.oneof(
  fc.constantFrom(
    0,
    -0,
    -1,
    1,
    0.5,
    1e308,
    -1e308,
    5e-324,
    Number.MAX_SAFE_INTEGER,
    Number.MAX_SAFE_INTEGER + 2,
    2 ** 31,
    -(2 ** 31) - 1,
  ),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** A JSON value nested `depth` levels (arrays or objects alternating). */
export function nested(depth: number, leaf: Json = 1): Json {
  let v: Json = leaf;
  for (let i = 0; i < depth; i++) v = i % 2 === 0 ? [v] : { a: v };
  return v;
}

export const hostileJson: Arbitrary<Json> = fc.oneof(
  { weight: 3, arbitrary: hostileString as Arbitrary<Json> },
  { weight: 3, arbitrary: hostileNumber as Arbitrary<Json> },
  { weight: 2, arbitrary: fc.constantFrom<Json>(null, true, false, [], {}, [null], { '': null }) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) as Arbitrary<Json> },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 200 }).map((d) => nested(d)) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 2000 }).map((n) => Array.from({ length: n }, () => 1) as Json) },
);

// ---------------------------------------------------------------- JSON Schema (OpenAPI) -> values

function resolve(s: Schema | undefined): Schema {
  let cur = s ?? {};
  for (let i = 0; cur.$ref && i < 20; i++) cur = OPENAPI.components.schemas[cur.$ref.split('/').pop()!] ?? {};
  return cur;
}

/** Values of a schema, mostly valid in type and range, sometimes just outside (bounds, wrong type). */
export function fromSchema(schema: Schema | undefined, depth = 0): Arbitrary<Json> {
  const s = resolve(schema);
  const alternatives = s.oneOf ?? s.anyOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((a) => fromSchema(a, depth + 1)));
  if (s.allOf?.length) return fromSchema(s.allOf[0], depth + 1);
  if (s.enum?.length)
    return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...s.enum) }, { weight: 1, arbitrary: hostileJson });
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  const lo = s.minimum ?? -1e6;
  const hi = s.maximum ?? 1e6;
  switch (type) {
    case 'integer':
      return fc.oneof(fc.integer({ min: Math.ceil(lo), max: Math.floor(hi) }), fc.constantFrom(lo - 1, hi + 1), hostileNumber);
    case 'number':
      return fc.oneof(fc.double({ min: lo, max: hi, noNaN: true }), fc.constantFrom(lo - 1, hi + 1), hostileNumber);
    case 'boolean':
      return fc.oneof({ weight: 4, arbitrary: fc.boolean() }, { weight: 1, arbitrary: hostileJson });
    case 'string':
      return fc.oneof(
        { weight: 2, arbitrary: s.example !== undefined ? fc.constant(s.example) : fc.string({ maxLength: 12 }) },
        { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
        {
          weight: 1,
          arbitrary: s.format === 'date-time' ? fc.date({ noInvalidDate: true }).map((d) => d.toISOString()) : hostileString,
        },
        { weight: 1, arbitrary: hostileString },
      );
    case 'array':
      if (depth > 4) return fc.constant([]);
      return fc.array(fromSchema(s.items, depth + 1), { maxLength: 3 });
    case 'object':
    default: {
      if (depth > 4 || !s.properties) return fc.oneof(fc.constant({}), hostileJson);
      const keys = Object.keys(s.properties);
      const record = Object.fromEntries(keys.map((k) => [k, fromSchema(s.properties![k], depth + 1)]));
      return fc.record(record, { requiredKeys: (s.required ?? []).filter((k) => keys.includes(k)) }) as Arbitrary<Json>;
    }
  }
}

// ---------------------------------------------------------------- mutations of a valid value

type Mutation =
  | { kind: 'replace'; at: number; value: Json }
  | { kind: 'delete'; at: number }
  | { kind: 'add'; at: number; key: string; value: Json };

const mutation: Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), value: hostileJson }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('add' as const),
      at: fc.nat(),
      key: fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'extra', ''), fc.string({ maxLength: 8 })),
      value: hostileJson,
    }),
  },
);

/** Every container/leaf position of a value, with a setter, depth-first. */
function positions(root: { v: Json }): { get: () => Json; set: (v: Json | undefined) => void }[] {
  const out: { get: () => Json; set: (v: Json | undefined) => void }[] = [];
  const walk = (get: () => Json, set: (v: Json | undefined) => void) => {
    out.push({ get, set });
    const v = get();
    if (Array.isArray(v))
      v.forEach((_, i) =>
        walk(
          () => v[i],
          (n) => (n === undefined ? v.splice(i, 1) : (v[i] = n)),
        ),
      );
    else if (v && typeof v === 'object')
      for (const k of Object.keys(v))
        walk(
          () => v[k],
          (n) => {
            if (n === undefined) delete v[k];
            else v[k] = n;
          },
        );
  };
  walk(
    () => root.v,
    (n) => (root.v = n ?? null),
  );
  return out;
}

export function applyMutations(value: Json, mutations: Mutation[]): Json {
  const root = { v: structuredClone(value) };
  for (const m of mutations) {
    const ps = positions(root);
    const p = ps[m.at % ps.length];
    if (m.kind === 'replace') p.set(m.value);
    else if (m.kind === 'delete') p.set(undefined);
    else {
      const target = p.get();
      if (target && typeof target === 'object' && !Array.isArray(target))
        Object.defineProperty(target, m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
      else if (Array.isArray(target)) target.push(m.value);
    }
  }
  return root.v;
}

/** A valid value (an example) bent by up to three mutations: deep validation paths, not just the first check. */
export function mutated(base: Json): Arbitrary<Json> {
  return fc.array(mutation, { minLength: 0, maxLength: 3 }).map((ms) => applyMutations(base, ms));
}

// ---------------------------------------------------------------- URLs

/** Percent-encodes every byte outside the unreserved set (lone surrogates become U+FFFD, as on the wire). */
export function encodeSegment(s: string): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(b);
    out += /[A-Za-z0-9\-._~]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Raw URL fragments inserted as they are: bad escapes, encoded NUL, CESU-8 surrogates, overlong UTF-8. */
export const rawUrlFragment: Arbitrary<string> = fc.constantFrom(
  '%',
  '%0',
  '%00',
  '%zz',
  '%ED%A0%80',
  '%C0%AF',
  '%FF',
  '..',
  '%2e%2e%2f',
  '%2F',
  ';',
  '//',
  '?',
  '#x',
);

// ---------------------------------------------------------------- GraphQL documents from the schema

function unwrap(t: GraphQLOutputType): GraphQLOutputType {
  return t instanceof GraphQLNonNull || t instanceof GraphQLList ? unwrap(t.ofType as GraphQLOutputType) : t;
}

/** A selection set of `t`: every leaf field, and leaves of nested objects down to `depth`. */
export function selection(t: GraphQLOutputType, depth: number, pick: (n: number) => number): string {
  const named = unwrap(t);
  if (isLeafType(named)) return '';
  if (!(named instanceof GraphQLObjectType)) return '{ __typename }';
  const fields = Object.values(named.getFields()).filter((f) => f.args.every((a) => !(a.type instanceof GraphQLNonNull)));
  const parts: string[] = ['__typename'];
  for (const f of fields) {
    const inner = unwrap(f.type);
    if (isLeafType(inner)) {
      if (pick(3) > 0) parts.push(f.name);
    } else if (depth > 0 && pick(3) === 0) parts.push(`${f.name} ${selection(f.type, depth - 1, pick)}`);
  }
  return `{ ${parts.join(' ')} }`;
}

/** Values of a GraphQL input type, with domain-aware leaves (known refs and zones) and hostile ones. */
export function fromInputType(
  t: GraphQLInputType,
  examples: Record<string, Json[]>,
  leaves: Record<string, Json[]>,
  name = '',
  depth = 0,
): Arbitrary<Json> {
  if (t instanceof GraphQLNonNull) return fromInputType(t.ofType, examples, leaves, name, depth);
  if (t instanceof GraphQLList)
    return depth > 5 ? fc.constant([]) : fc.array(fromInputType(t.ofType, examples, leaves, name, depth + 1), { maxLength: 3 });
  if (t instanceof GraphQLEnumType)
    return fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom(...t.getValues().map((v) => v.name)) },
      { weight: 1, arbitrary: hostileJson },
    );
  if (t instanceof GraphQLScalarType) {
    const known = leaves[name];
    const base: Arbitrary<Json> =
      t.name === 'Int'
        ? fc.oneof(fc.integer({ min: 0, max: 100 }), hostileNumber)
        : t.name === 'Float'
          ? fc.oneof(fc.double({ min: 0, max: 1e4, noNaN: true }), hostileNumber)
          : t.name === 'Boolean'
            ? fc.boolean()
            : fc.oneof(fc.string({ maxLength: 12 }), hostileString);
    const typed = known ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...known) }, { weight: 2, arbitrary: base }) : base;
    return fc.oneof({ weight: 9, arbitrary: typed }, { weight: 1, arbitrary: hostileJson });
  }
  if (t instanceof GraphQLInputObjectType) {
    const given = examples[t.name];
    const fields = t.getFields();
    const generated =
      depth > 5
        ? fc.constant({} as Json)
        : (fc.record(
            Object.fromEntries(
              Object.values(fields).map((f) => [f.name, fromInputType(f.type, examples, leaves, f.name, depth + 1)]),
            ),
            {
              requiredKeys: Object.values(fields)
                .filter((f) => f.type instanceof GraphQLNonNull)
                .map((f) => f.name),
            },
          ) as Arbitrary<Json>);
    return given?.length
      ? fc.oneof(
          { weight: 3, arbitrary: fc.constantFrom(...given).chain((g) => mutated(g)) },
          { weight: 1, arbitrary: generated },
        )
      : generated;
  }
  return hostileJson;
}

export interface GraphqlOperation {
  kind: 'query' | 'mutation';
  field: GraphQLField<unknown, unknown>;
}

export function graphqlOperations(): GraphqlOperation[] {
  const out: GraphqlOperation[] = [];
  for (const f of Object.values(GRAPHQL_SCHEMA.getQueryType()!.getFields())) out.push({ kind: 'query', field: f });
  for (const f of Object.values(GRAPHQL_SCHEMA.getMutationType()?.getFields() ?? {})) out.push({ kind: 'mutation', field: f });
  return out;
}

/** `query($a: T!) { field(a: $a) { ... } }`: the arguments in variables, so their values reach the resolvers. */
export function graphqlDocument(op: GraphqlOperation, sel: string): string {
  const args = op.field.args as readonly GraphQLArgument[];
  const vars = args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
  const call = args.length ? `(${args.map((a) => `${a.name}: $${a.name}`).join(', ')})` : '';
  return `${op.kind} Fuzz${vars ? `(${vars})` : ''} { ${op.field.name}${call} ${sel} }`;
}

export { getNamedType };
