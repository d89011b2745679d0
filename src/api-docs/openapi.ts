import type { OpenAPIObject } from '@nestjs/swagger';
import { PATH_EXAMPLES, REQUEST_EXAMPLES } from './request-examples';

/**
 * Finishes the document @nestjs/swagger builds from the decorators, so a client can use it:
 *
 * - OpenAPI 3.1 (JSON Schema 2020-12): a nullable number is `type: [number, "null"]`, which
 *   openapi-typescript turns into `number | null` and Swagger UI 5 renders; JSON Schemas written
 *   elsewhere (TypeBox) drop in unchanged. Nest's 3.0 `nullable` is rewritten here.
 * - One `Error` schema, referenced by every error response, and the errors each operation can
 *   answer, derived from what it takes: 400 (a body or parameters), 401 (any: a bad key is refused
 *   everywhere; REQUIRE_API_KEY closes /v1), 403 (a scope), 404 (a path parameter), 413 and 415
 *   (a body), 429 with Retry-After (everything the anonymous rate limit covers).
 * - `security`: bearer or x-api-key; `{}` (anonymous) too where no scope is required.
 * - Text bodies (`text/csv`, NDJSON) as strings, and the request examples of ./request-examples.ts.
 *
 * Every rule keys on the document alone (no list of routes), so a new controller gets the same
 * treatment; `npm test` lints the committed document with Redocly (redocly.yaml).
 */
export function finishOpenApiDocument(doc: OpenAPIObject): OpenAPIObject {
  doc.openapi = '3.1.0';
  doc.info.license = { name: 'Apache-2.0', url: 'https://www.apache.org/licenses/LICENSE-2.0' };
  doc.servers = [{ url: '/', description: 'This service' }];
  doc.components ??= {};
  doc.components.schemas = { ...doc.components.schemas, ...ERROR_SCHEMAS };
  doc.components.securitySchemes = {
    bearer: { type: 'http', scheme: 'bearer', description: 'An API key: `Authorization: Bearer <key>`.' },
    'api-key': { type: 'apiKey', in: 'header', name: 'x-api-key', description: 'The same API key in the `x-api-key` header.' },
  };
  doc.security = [{ bearer: [] }, { 'api-key': [] }, {}];

  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = (item as Record<string, Operation | undefined>)[method];
      if (op) finishOperation(path, method, op);
    }
  }
  mergeSamePaths(doc);
  toOpenApi31(doc);
  return doc;
}

/**
 * Routes that differ only by a path parameter's name (`GET /v1/hardware/{ref}`, `PATCH /v1/hardware/{id}`)
 * are one path to a client: their operations move under the first spelling, parameters renamed.
 */
function mergeSamePaths(doc: OpenAPIObject) {
  const byShape = new Map<string, string>();
  for (const path of Object.keys(doc.paths)) {
    const shape = path.replace(/\{[^}]+\}/g, '{}');
    const first = byShape.get(shape);
    if (!first) {
      byShape.set(shape, path);
      continue;
    }
    const names = [...first.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    const oldNames = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    const target = doc.paths[first] as Record<string, Operation | undefined>;
    for (const [method, op] of Object.entries(doc.paths[path] as Record<string, Operation>)) {
      if (target[method]) throw new Error(`OpenAPI: ${method.toUpperCase()} ${path} and ${first} are the same route`);
      for (const p of op.parameters ?? []) {
        const i = oldNames.indexOf(p.name);
        if (p.in === 'path' && i >= 0) p.name = names[i];
      }
      target[method] = op;
    }
    delete doc.paths[path];
  }
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
/** Not counted by the anonymous rate limit (src/common/rate-limit/rate-limit.ts, EXEMPT). */
const NOT_RATE_LIMITED = /^\/(health|metrics|docs)(\/|$)/;
const TEXT_MEDIA = new Set(['text/csv', 'application/x-ndjson', 'text/plain']);

interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  parameters?: { in: string; name: string; example?: unknown }[];
  requestBody?: { content: Record<string, MediaType>; required?: boolean; description?: string };
  responses: Record<string, Response>;
  security?: Record<string, string[]>[];
  'x-required-scope'?: string;
}
interface MediaType {
  schema?: Schema;
  example?: unknown;
  examples?: Record<string, { summary?: string; value: unknown }>;
}
interface Response {
  description: string;
  content?: Record<string, MediaType>;
  headers?: Record<string, unknown>;
}
type Schema = Record<string, unknown>;

function finishOperation(path: string, method: string, op: Operation) {
  const scope = op['x-required-scope'];
  const hasBody = !!op.requestBody;
  const params = op.parameters ?? [];
  const hasPathParams = params.some((p) => p.in === 'path');
  const hasInput = hasBody || params.some((p) => p.in === 'query' || p.in === 'path');

  if (scope) {
    op.security = [{ bearer: [] }, { 'api-key': [] }];
    const needs = `Needs an API key with the \`${scope}\` scope.`;
    op.description = op.description ? `${op.description}\n\n${needs}` : needs;
  } else {
    delete op.security; // the document's default: a key, or none
  }

  const route = `${method.toUpperCase()} ${path}`;
  if (op.requestBody) finishRequestBody(op, route);
  for (const p of params)
    if (p.in === 'path' && PATH_EXAMPLES[route]?.[p.name] !== undefined) p.example = PATH_EXAMPLES[route][p.name];
  for (const res of Object.values(op.responses)) finishSuccessMedia(res);

  const errors: Record<string, string> = {};
  if (hasInput)
    errors['400'] = hasBody
      ? 'VALIDATION_FAILED (a `{ path, message }` per problem in `details`) or MALFORMED_JSON.'
      : 'VALIDATION_FAILED: a `{ path, message }` per bad parameter in `details`.';
  errors['401'] = scope
    ? 'UNAUTHENTICATED: no API key, or an unknown or revoked one.'
    : 'UNAUTHENTICATED: the API key sent is unknown or revoked (or the service runs with REQUIRE_API_KEY and none was sent).';
  if (scope) errors['403'] = `FORBIDDEN: the key lacks the \`${scope}\` scope.`;
  if (hasPathParams) errors['404'] = "NOT_FOUND (or the resource's own code): nothing with this id in the key's tenant.";
  if (hasBody) {
    errors['413'] = 'PAYLOAD_TOO_LARGE: the body is over the configured limit.';
    errors['415'] = `UNSUPPORTED_MEDIA_TYPE: send ${Object.keys(op.requestBody!.content)
      .map((m) => `\`${m}\``)
      .join(' or ')}.`;
  }
  if (!NOT_RATE_LIMITED.test(path))
    errors['429'] =
      "RATE_LIMITED: too many requests without an API key from this address, or over the API key's own limit; retry after `Retry-After` seconds.";

  for (const [status, description] of Object.entries(errors)) op.responses[status] ??= { description };
  for (const [status, res] of Object.entries(op.responses)) {
    if (!/^[45]\d\d$/.test(status)) continue;
    if (!res.description) res.description = errors[status] ?? 'An error.';
    res.content ??= { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } }; // health/ready's 503 has its own body
    if (status === '429') res.headers = RATE_LIMIT_HEADERS;
  }
}

/** Text media types take text; JSON keeps only the JSON alternatives; examples come from ./request-examples. */
function finishRequestBody(op: Operation, route: string) {
  const content = op.requestBody!.content;
  for (const [media, m] of Object.entries(content)) {
    if (TEXT_MEDIA.has(media)) {
      content[media] = { schema: { type: 'string', description: m.schema?.description ?? `${media} text` } };
      continue;
    }
    const alternatives = m.schema?.oneOf as Schema[] | undefined;
    if (alternatives) {
      const json = alternatives.filter((s) => s.type !== 'string');
      m.schema = json.length === 1 ? json[0] : { ...m.schema, oneOf: json };
    }
  }
  const examples = REQUEST_EXAMPLES[route];
  if (examples) {
    for (const [media, byName] of Object.entries(examples)) {
      if (!content[media]) throw new Error(`request-examples.ts: ${route} does not take ${media}`);
      content[media].examples = byName;
    }
  }
}

/** A text response (CSV) is a string, not the JSON schema Nest copies to every produced media type. */
function finishSuccessMedia(res: Response) {
  for (const [media, m] of Object.entries(res.content ?? {})) {
    if (TEXT_MEDIA.has(media))
      res.content![media] = { schema: { type: 'string', description: m.schema?.description ?? `${media} text` } };
  }
}

const RATE_LIMIT_HEADERS = {
  'Retry-After': { description: 'Seconds until the window resets.', schema: { type: 'integer', minimum: 1 } },
  'RateLimit-Limit': { description: 'Requests allowed per window (one minute) without a key.', schema: { type: 'integer' } },
  'RateLimit-Remaining': { description: 'Requests left in the window.', schema: { type: 'integer' } },
  'RateLimit-Reset': { description: 'Seconds until the window resets.', schema: { type: 'integer' } },
};

const ERROR_SCHEMAS: Record<string, Schema> = {
  Error: {
    type: 'object',
    description:
      'Every error answer, whatever the status (GraphQL carries the same code, message and details in `errors[].extensions`).',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message', 'details'],
        properties: {
          code: {
            type: 'string',
            pattern: '^[A-Z][A-Z0-9_]*$',
            description:
              'Stable UPPER_SNAKE code: assert on it, never on the message. Shell codes: VALIDATION_FAILED and MALFORMED_JSON (400), ' +
              'UNAUTHENTICATED (401), FORBIDDEN (403), NOT_FOUND (404), METHOD_NOT_ALLOWED (405), PAYLOAD_TOO_LARGE (413), ' +
              'URI_TOO_LONG (414), UNSUPPORTED_MEDIA_TYPE (415), RATE_LIMITED (429), INTERNAL_ERROR (500), SERVICE_UNAVAILABLE (503). ' +
              'Each module adds its own (HARDWARE_NOT_FOUND, ZONE_NOT_FOUND, RUN_NOT_FOUND, IDEMPOTENCY_KEY_REUSED, ...): ' +
              'docs/errors.md lists every code with its status and meaning.',
            examples: ['VALIDATION_FAILED'],
          },
          message: {
            type: 'string',
            description: 'What went wrong, for a person.',
            examples: ['hardware.count must be an integer >= 1'],
          },
          details: {
            type: 'array',
            description:
              'VALIDATION_FAILED: one `{ path, message }` per problem (`path` is the dotted field path, e.g. `hardware.count`). ' +
              'Not-found codes: the closest matches (objects or codes, best first). Other codes: context, e.g. `{ limitPerMinute, retryAfterSeconds }`.',
            items: { anyOf: [{ $ref: '#/components/schemas/ErrorDetail' }, { type: 'string' }] },
          },
        },
      },
    },
  },
  ErrorDetail: {
    type: 'object',
    description: 'One problem: where (`path`) and what (`message`); other codes add their own keys.',
    properties: {
      path: {
        type: 'string',
        description: 'Dotted field path, e.g. `hardware.count` or `items.3.hours`.',
        examples: ['hardware.count'],
      },
      message: { type: 'string', description: 'What is wrong with it.' },
    },
    additionalProperties: true,
  },
};

/**
 * Rewrites Nest's OpenAPI 3.0 schema idioms as 3.1 (JSON Schema 2020-12), in place:
 * `nullable: true` -> `type: [t, 'null']` or `anyOf: [..., { type: 'null' }]`.
 */
function toOpenApi31(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(toOpenApi31);
  if (!node || typeof node !== 'object') return;
  const s = node as Schema;
  for (const v of Object.values(s)) toOpenApi31(v);
  if (s.nullable === undefined) return;
  const nullable = s.nullable === true;
  delete s.nullable;
  if (!nullable) return;
  const ref = s.$ref ?? (Array.isArray(s.allOf) && s.allOf.length === 1 ? (s.allOf[0] as Schema).$ref : undefined);
  if (ref) {
    delete s.$ref;
    delete s.allOf;
    delete s.type;
    s.anyOf = [{ $ref: ref }, { type: 'null' }];
  } else if (typeof s.type === 'string') {
    s.type = [s.type, 'null'];
    if (Array.isArray(s.enum)) s.enum = [...s.enum, null];
  } else if (Array.isArray(s.oneOf) || Array.isArray(s.anyOf)) {
    const key = s.oneOf ? 'oneOf' : 'anyOf';
    s[key] = [...(s[key] as Schema[]), { type: 'null' }];
  }
}
