import { randomBytes, randomUUID } from 'node:crypto';
import fc, { type Arbitrary } from 'fast-check';
import { DataSource } from 'typeorm';
import {
  documentedErrorCodes,
  encodeSegment,
  fromInputType,
  fromSchema,
  graphqlDocument,
  graphqlOperations,
  hostileJson,
  hostileString,
  mutated,
  nested,
  rawUrlFragment,
  restOperations,
  selection,
  type GraphqlOperation,
  type RestOperation,
} from '../utils/fuzz';
import { createTestApp, type TestApp } from '../utils/test-app';

/**
 * Generative fuzz test over every REST operation of docs/openapi.json and every query and mutation of
 * schema.gql (issue 17: "no 5xx from input"). Each input is a valid example bent by mutations, a value
 * generated from the contract's schema, or plain hostile data (NUL, lone surrogates, bad escapes, deep
 * nesting, huge numbers, prototype keys, wrong content types, bogus keys). Every answer must be below
 * 500, and every 4xx must be in the documented error shape: `{ error: { code, message, details } }` on REST
 * (`errors[].extensions` on GraphQL) with a code listed in docs/errors.md at its documented status, and
 * validation details as `{ path, message }`.
 *
 * Requests go through Fastify's in-process injection (the whole stack but the socket), so the 10,000+
 * inputs take a minute or two. The seed is fixed (FUZZ_SEED overrides it); on failure fast-check prints
 * the seed, the path and the shrunk counterexample, which replays with `FUZZ_SEED=<seed>`.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20261130);
const REST_RUNS = Number(process.env.FUZZ_RUNS_REST ?? 170);
const GRAPHQL_RUNS = Number(process.env.FUZZ_RUNS_GRAPHQL ?? 140);
const MIN_TOTAL = 10_000;
const PLATFORM = `fuzz-platform-${randomBytes(12).toString('hex')}`;
const CODES = documentedErrorCodes();

interface Answer {
  status: number;
  body: string;
  headers: Record<string, unknown>;
}
interface Request {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
}

let total = 0;

/** The documented shape of an error answer (REST body, or a GraphQL error's extensions). */
function checkError(where: string, status: number, code: unknown, message: unknown, details: unknown): string | null {
  if (typeof code !== 'string') return `${where}: no code`;
  const statuses = CODES.get(code);
  if (!statuses) return `${where}: code ${code} is not in docs/errors.md`;
  if (!statuses.has(status)) return `${where}: ${code} answered ${status}, documented ${[...statuses].join('/')}`;
  if (typeof message !== 'string' || message === '') return `${where}: no message`;
  if (!Array.isArray(details)) return `${where}: details is not an array`;
  if (code === 'VALIDATION_FAILED')
    for (const d of details as unknown[]) {
      if (!d || typeof d !== 'object') return `${where}: a validation detail is not an object`;
      const { path, message: m } = d as { path?: unknown; message?: unknown };
      if (typeof m !== 'string') return `${where}: a validation detail has no message`;
      if (path !== undefined && typeof path !== 'string') return `${where}: a validation detail's path is not a string`;
    }
  return null;
}

function checkRest(req: Request, res: Answer): string | null {
  if (res.status >= 500) return `${res.status}: ${res.body.slice(0, 500)}`;
  if (res.status < 400) return null;
  let body: { error?: { code?: unknown; message?: unknown; details?: unknown } };
  try {
    body = JSON.parse(res.body) as typeof body;
  } catch {
    return `${res.status} with a body that is not JSON: ${res.body.slice(0, 200)}`;
  }
  if (!body.error) return `${res.status} without { error }: ${res.body.slice(0, 200)}`;
  return checkError(
    `${req.method} ${req.url.slice(0, 200)}`,
    res.status,
    body.error.code,
    body.error.message,
    body.error.details,
  );
}

function checkGraphql(req: Request, res: Answer): string | null {
  if (res.status >= 500) return `${res.status}: ${res.body.slice(0, 500)}`;
  let body: {
    data?: unknown;
    error?: unknown;
    errors?: { message?: unknown; extensions?: { code?: unknown; status?: unknown; details?: unknown } }[];
  };
  try {
    body = JSON.parse(res.body) as typeof body;
  } catch {
    return `${res.status} with a body that is not JSON: ${res.body.slice(0, 200)}`;
  }
  // refused before GraphQL read it (a body too deep or too large, a bad key, a wrong content type): the REST shape
  if (res.status >= 400 && body.error) return checkRest(req, res);
  if (res.status >= 400 && !body.errors?.length) return `${res.status} without errors: ${res.body.slice(0, 300)}`;
  for (const e of body.errors ?? []) {
    const x = e.extensions ?? {};
    if (typeof x.status !== 'number' || x.status < 400 || x.status >= 500)
      return `a GraphQL error with status ${String(x.status)} (${String(x.code)}): ${String(e.message)}`;
    const problem = checkError('GraphQL', x.status, x.code, e.message, x.details);
    if (problem) return problem;
  }
  return null;
}

describe('fuzz: no 5xx and the documented error shape, on every operation', () => {
  let t: TestApp;
  let fastify: ReturnType<TestApp['app']['getHttpAdapter']>['getInstance'] extends () => infer F ? F : never;
  let db: DataSource;
  let startedAt: Date;
  const auth: Record<string, Record<string, string>> = {};
  const pools: Record<string, string[]> = {};

  async function send(req: Request): Promise<Answer> {
    total++;
    const res = await fastify.inject({ method: req.method as 'GET', url: req.url, headers: req.headers, payload: req.payload });
    return { status: res.statusCode, body: res.body, headers: res.headers };
  }

  async function call(method: string, url: string, headers: Record<string, string>, body?: unknown) {
    const res = await send({
      method,
      url,
      headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
      payload: body === undefined ? undefined : JSON.stringify(body),
    });
    if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${res.body}`);
    return JSON.parse(res.body) as Record<string, unknown>;
  }

  beforeAll(async () => {
    startedAt = new Date(Date.now() - 1000);
    t = await createTestApp({ BOOTSTRAP_ADMIN_KEY: PLATFORM });
    fastify = t.app.getHttpAdapter().getInstance();
    db = t.app.get(DataSource);
    const tenant = `fuzz-${randomBytes(3).toString('hex')}`;
    auth.platform = { authorization: `Bearer ${PLATFORM}` };
    for (const [name, scopes] of [
      ['read', ['read']],
      ['write', ['read', 'write']],
      ['admin', ['admin']],
    ] as const) {
      const key = await call('POST', '/v1/api-keys', auth.platform, { name: `fuzz ${name}`, tenant, scopes });
      auth[name] = name === 'read' ? { 'x-api-key': key.key as string } : { authorization: `Bearer ${key.key as string}` };
    }
    // keys the fuzz may revoke (its own stay valid: their ids are in no pool)
    const spare = await Promise.all(
      [0, 1, 2].map((i) => call('POST', '/v1/api-keys', auth.platform, { name: `spare ${i}`, tenant, scopes: ['read'] })),
    );
    auth.none = {};
    auth.bogus = { authorization: `Bearer aiem_${randomBytes(32).toString('base64url')}` };
    auth.bogusHeader = { 'x-api-key': 'x' };
    auth.malformed = { authorization: 'Basic Zm9vOmJhcg==' };
    auth.empty = { authorization: 'Bearer ' };

    const op = restOperations().find((o) => o.path === '/v1/runs' && o.method === 'POST')!;
    const runExample = Object.values(op.op.requestBody!.content['application/json'].examples!)[0].value;
    const runs = await Promise.all([0, 1, 2].map(() => call('POST', '/v1/runs', auth.write, runExample)));
    const jobOp = restOperations().find((o) => o.path === '/v1/jobs' && o.method === 'POST')!;
    const job = await call(
      'POST',
      '/v1/jobs',
      auth.write,
      Object.values(jobOp.op.requestBody!.content['application/json'].examples!)[0].value,
    );
    const page = await call('GET', '/v1/hardware?limit=2', {});
    const zonePage = await call('GET', '/v1/grid/zones?limit=2', {});
    const cursors = [page.nextCursor, zonePage.nextCursor].filter((c): c is string => typeof c === 'string');

    Object.assign(pools, {
      id: [
        ...runs.map((r) => r.id as string),
        job.id as string,
        ...spare.map((k) => k.id as string),
        randomUUID(),
        '1',
        '-1',
        '00000000-0000-0000-0000-000000000000',
      ],
      ref: [
        'H100-80GB',
        'nvidia-h100-sxm5-80gb',
        'acme-x1-96gb',
        'acme-chat-13b',
        'meta-llama/Llama-3.1-8B-Instruct',
        'llama-3-8b',
        'TPU v3',
      ],
      code: ['FR', 'fr', 'US-CAL-CISO', 'LI', 'UK', 'WORLD'],
      zone: ['FR', 'DE', 'US-CAL-CISO', 'UK'],
      year: ['2023', '2024', '1989', '2101', '2023.5', '0x7e7'],
      provider: ['gcp', 'aws', 'azure', 'google'],
      region: ['europe-west1', 'us-east-1', 'eastus'],
      cursor: [
        ...cursors,
        `${cursors[0] ?? ''}x`,
        'eyJ4IjoxfQ',
        Buffer.from('{"k":"a","id":99999999999999999999}').toString('base64url'),
      ],
      tenant: [tenant, 'other-tenant'],
      groupBy: ['team,month', 'project', 'model,day', 'nope'],
      signal: ['average', 'marginal'],
    });
  }, 180000);

  afterAll(async () => {
    if (!t) return;
    // What the platform key's writes created, so the suites after this one see the reference data as before.
    const versions = (await db.query(`SELECT id FROM data_versions WHERE kind = 'admin' AND created_at >= $1`, [startedAt])).map(
      (r: { id: string }) => r.id,
    );
    if (versions.length > 0) {
      for (const table of ['hardware', 'models', 'zone_intensities', 'intensity_points'])
        await db.query(`DELETE FROM ${table} WHERE data_version = ANY($1)`, [versions]);
      await db.query(`DELETE FROM data_versions WHERE id = ANY($1)`, [versions]);
    }
    await t.close();
  });

  const authArb = (keyed: boolean): Arbitrary<Record<string, string>> =>
    fc
      .constantFrom(
        ...(keyed
          ? ['read', 'write', 'write', 'admin', 'platform', 'platform', 'none', 'bogus', 'bogusHeader', 'malformed', 'empty']
          : ['none', 'none', 'none', 'read', 'platform', 'bogus', 'malformed']),
      )
      .map((k) => auth[k]);

  function valueArb(name: string, schema: Parameters<typeof fromSchema>[0]): Arbitrary<string> {
    const pool = pools[name];
    const generated = fromSchema(schema).map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
    return fc.oneof(
      { weight: pool ? 4 : 0, arbitrary: pool ? fc.constantFrom(...pool) : fc.constant('') },
      { weight: 3, arbitrary: generated },
      { weight: 2, arbitrary: hostileString },
    );
  }

  /** A URL of the operation: parameters from pools, the schema or hostile data, percent-encoded, sometimes raw junk. */
  function urlArb(o: RestOperation): Arbitrary<string> {
    const params = o.op.parameters ?? [];
    const pathParams = params.filter((p) => p.in === 'path');
    const queryParams = params.filter((p) => p.in === 'query');
    const segment = (name: string, schema: Parameters<typeof fromSchema>[0]) =>
      fc.oneof(
        { weight: 8, arbitrary: valueArb(name, schema).map(encodeSegment) },
        { weight: 1, arbitrary: fc.tuple(valueArb(name, schema), rawUrlFragment).map(([v, r]) => encodeSegment(v) + r) },
      );
    const pathArb = fc
      .tuple(...pathParams.map((p) => segment(p.name, p.schema)))
      .map((values) => pathParams.reduce((acc, p, i) => acc.replace(`{${p.name}}`, values[i]), o.path));
    const queryArb = fc
      .tuple(
        ...queryParams.map((p) =>
          fc.option(
            fc.oneof(
              { weight: 6, arbitrary: valueArb(p.name, p.schema).map((v) => [`${p.name}=${encodeSegment(v)}`]) },
              {
                weight: 1,
                arbitrary: fc
                  .array(valueArb(p.name, p.schema), { minLength: 2, maxLength: 3 })
                  .map((vs) => vs.map((v) => `${p.name}=${encodeSegment(v)}`)),
              },
              { weight: 1, arbitrary: rawUrlFragment.map((r) => [`${p.name}=${r}`]) },
              { weight: 1, arbitrary: fc.constant([p.name]) },
            ),
            { freq: 2 },
          ),
        ),
        fc.option(
          fc.tuple(hostileString, hostileString).map(([k, v]) => [`${encodeSegment(k)}=${encodeSegment(v)}`]),
          { freq: 6 },
        ),
      )
      .map((parts) => parts.flatMap((p) => p ?? []).join('&'));
    return fc.tuple(pathArb, queryArb).map(([p, q]) => (q ? `${p}?${q}` : p));
  }

  /** The body: a mutated example or a schema value in a declared content type, or junk in any type. */
  function bodyArb(o: RestOperation): Arbitrary<{ type?: string; payload?: string }> {
    const content = o.op.requestBody?.content ?? {};
    const declared = Object.entries(content).map(([type, c]) => {
      const examples = Object.values(c.examples ?? {}).map((e) => e.value);
      if (type === 'application/json') {
        const values = fc.oneof(
          {
            weight: examples.length ? 6 : 0,
            arbitrary: examples.length ? fc.constantFrom(...examples).chain(mutated) : fc.constant(null),
          },
          { weight: 2, arbitrary: fromSchema(c.schema) },
          { weight: 1, arbitrary: hostileJson },
        );
        return values.map((v) => ({ type, payload: JSON.stringify(v) }));
      }
      // text bodies (CSV, NDJSON): the example cut, spliced with hostile text, or junk
      const text = examples.filter((e): e is string => typeof e === 'string');
      return fc
        .tuple(fc.constantFrom(...(text.length ? text : [''])), fc.nat(), hostileString, fc.boolean())
        .map(([ex, at, junk, cut]) => {
          const i = ex.length ? at % ex.length : 0;
          return { type, payload: cut ? ex.slice(0, i) : ex.slice(0, i) + junk + ex.slice(i) };
        });
    });
    const raw = fc.oneof(
      fc.constantFrom('', '{', '[', 'null', '"x"', '{"a":1}{"b":2}', '\u0000', '\ufeff{}'),
      fc.integer({ min: 60, max: 5000 }).map((d) => '['.repeat(d) + ']'.repeat(d)),
      fc.integer({ min: 60, max: 300 }).map((d) => JSON.stringify(nested(d))),
      fc.string({ unit: 'binary', maxLength: 200 }),
    );
    const junk = fc
      .tuple(
        fc.constantFrom(
          undefined,
          'application/json',
          'text/plain',
          'application/xml',
          'application/json; charset=utf-16',
          'multipart/form-data; boundary=x',
          'text/csv',
          'application/x-ndjson',
          '*/*',
          'application/json, text/csv',
        ),
        raw,
      )
      .map(([type, payload]) => ({ type, payload }));
    if (declared.length === 0) return fc.oneof({ weight: 6, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: junk });
    return fc.oneof({ weight: 6, arbitrary: fc.oneof(...declared) }, { weight: 1, arbitrary: junk });
  }

  function requestArb(o: RestOperation): Arbitrary<Request> {
    const keyed = (o.op.security ?? []).length > 0;
    const extraHeaders = (o.op.parameters ?? []).filter((p) => p.in === 'header');
    return fc
      .tuple(
        urlArb(o),
        authArb(keyed),
        bodyArb(o),
        fc.tuple(
          ...extraHeaders.map((h) =>
            fc.option(
              fc.string({ unit: fc.constantFrom(...'abcXYZ019-_ :'.split('')), maxLength: 300 }).map((v) => [h.name, v] as const),
            ),
          ),
        ),
      )
      .map(([url, headers, body, extra]) => {
        const h: Record<string, string> = { ...headers };
        for (const e of extra) if (e) h[e[0]] = e[1];
        if (body.type) h['content-type'] = body.type;
        return { method: o.method, url, headers: h, payload: body.payload };
      });
  }

  const rest = restOperations();
  it('covers every REST operation of docs/openapi.json', () => {
    expect(rest.length).toBeGreaterThanOrEqual(30);
  });

  it.each(rest.map((o, i) => [`${o.method} ${o.path}`, o, i] as const))(
    'REST %s',
    async (_name, o, i) => {
      await fc.assert(
        fc.asyncProperty(requestArb(o), async (req) => {
          const problem = checkRest(req, await send(req));
          if (problem) throw new Error(problem);
        }),
        { seed: SEED + i, numRuns: REST_RUNS, endOnFailure: false, interruptAfterTimeLimit: 240000 },
      );
    },
    300000,
  );

  // ------------------------------------------------------------------ GraphQL

  const gqlOps = graphqlOperations();

  function examplesByInputName(): Record<string, unknown[]> {
    const out: Record<string, unknown[]> = {};
    for (const o of rest) {
      const c = o.op.requestBody?.content['application/json'];
      const ref = (c?.schema as { $ref?: string } | undefined)?.$ref?.split('/').pop();
      if (!ref) continue;
      const values = Object.values(c!.examples ?? {}).map((e) => e.value);
      out[ref] = [...(out[ref] ?? []), ...values];
      if (ref === 'CreateApiKeyInput') out.ApiKeyInput = values;
      if (ref === 'EstimateBatchInput')
        out.EstimateInput = [...(out.EstimateInput ?? []), ...values.flatMap((v) => (v as { items: unknown[] }).items)];
    }
    return out;
  }

  function graphqlArb(o: GraphqlOperation): Arbitrary<Request> {
    const examples = examplesByInputName() as Parameters<typeof fromInputType>[1];
    const leaves = pools as unknown as Parameters<typeof fromInputType>[2];
    const variables = fc.tuple(
      ...o.field.args.map((a) =>
        fc.oneof(
          { weight: 12, arbitrary: fromInputType(a.type, examples, leaves, a.name).map((v) => [a.name, v] as const) },
          { weight: 1, arbitrary: fc.constant(null) },
        ),
      ),
    );
    const document = fc
      .array(fc.nat(2), { minLength: 200, maxLength: 200 })
      .map((picks) => {
        let i = 0;
        return graphqlDocument(
          o,
          selection(o.field.type, 2, (n) => picks[i++ % picks.length] % n),
        );
      })
      .chain((doc) =>
        fc.oneof(
          { weight: 10, arbitrary: fc.constant(doc) },
          { weight: 1, arbitrary: fc.nat().map((n) => doc.slice(0, n % doc.length)) },
          {
            weight: 1,
            arbitrary: fc
              .tuple(fc.nat(), hostileString)
              .map(([n, s]) => doc.slice(0, n % doc.length) + s + doc.slice(n % doc.length)),
          },
          { weight: 1, arbitrary: fc.constant(`${doc} ${doc.replace('Fuzz', 'Fuzz2')}`) },
        ),
      );
    const transport = fc.constantFrom('post', 'post', 'post', 'post', 'get', 'text');
    return fc
      .tuple(document, variables, authArb(true), transport, fc.option(hostileJson, { freq: 10 }))
      .map(([query, vars, headers, how, extensions]) => {
        const v = Object.fromEntries(vars.filter((x): x is readonly [string, never] => x !== null));
        if (how === 'get')
          return {
            method: 'GET',
            url: `/graphql?query=${encodeSegment(query)}&variables=${encodeSegment(JSON.stringify(v))}`,
            headers: { ...headers, 'apollo-require-preflight': 'true' },
          };
        const body = extensions === null ? { query, variables: v } : { query, variables: v, extensions };
        return {
          method: 'POST',
          url: '/graphql',
          headers: { ...headers, 'content-type': how === 'text' ? 'text/plain' : 'application/json' },
          payload: JSON.stringify(body),
        };
      });
  }

  it('covers every query and mutation of schema.gql', () => {
    expect(gqlOps.length).toBeGreaterThanOrEqual(25);
  });

  it.each(gqlOps.map((o, i) => [`${o.kind} ${o.field.name}`, o, i] as const))(
    'GraphQL %s',
    async (_name, o, i) => {
      await fc.assert(
        fc.asyncProperty(graphqlArb(o), async (req) => {
          const res = await send(req);
          const problem = checkGraphql(req, res);
          if (problem) throw new Error(`${problem}\n${(req.payload ?? req.url).slice(0, 1500)}`);
        }),
        { seed: SEED + 1000 + i, numRuns: GRAPHQL_RUNS, endOnFailure: false, interruptAfterTimeLimit: 240000 },
      );
    },
    300000,
  );

  it(`sent at least ${MIN_TOTAL.toLocaleString('en')} inputs in all`, () => {
    const planned = rest.length * REST_RUNS + gqlOps.length * GRAPHQL_RUNS;
    if (!process.env.FUZZ_RUNS_REST && !process.env.FUZZ_RUNS_GRAPHQL) expect(planned).toBeGreaterThanOrEqual(MIN_TOTAL);
    expect(total).toBeGreaterThanOrEqual(planned);
  });
});
