import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createTestApp, type TestApp } from '../utils/test-app';

/**
 * Pins the exact bytes the README's estimate examples answer (REST estimates, comparisons, batch and
 * GraphQL), and the exact error bodies of a set of bad requests, against test/fixtures/readme-examples.json.
 * The fixture was captured before the request shapes moved to one schema (TypeBox + Ajv), so any change to
 * the answers of these requests shows up here. Refresh it deliberately with UPDATE_FIXTURES=1.
 */
const FIXTURE = join(__dirname, '../fixtures/readme-examples.json');
const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');

interface Example {
  name: string;
  path: string;
  body: unknown;
}

/** `curl -s localhost:3000/<path> -H 'content-type: application/json' -d '<json>'` in the README's bash blocks. */
function curlExamples(): Example[] {
  const out: Example[] = [];
  const re = /curl -s localhost:3000(\/[\w/]+) -H 'content-type: application\/json' -d '([\s\S]*?)'/g;
  for (const m of readme.matchAll(re)) {
    if (!/^\/(v1\/estimates|v1\/comparisons|graphql)/.test(m[1])) continue;
    out.push({ name: `README ${m[1]} #${out.filter((e) => e.path === m[1]).length + 1}`, path: m[1], body: JSON.parse(m[2]) });
  }
  return out;
}

/** The README's GraphQL documents that take `$i: EstimateInput!` or `$c: ComparisonInput!`. */
function graphqlDocs(): string[] {
  return [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)]
    .map((m) => m[1])
    .filter((q) => /\$[ic]: (EstimateInput|ComparisonInput)!/.test(q));
}

const bad = (hw: unknown, extra: Record<string, unknown> = {}) => ({
  hardware: hw,
  hours: 1,
  location: { zone: 'FR' },
  ...extra,
});
const h100 = { ref: 'H100', count: 8 };

/** Bad requests whose error bodies (code, message, details paths and messages) are pinned. */
const BAD_ESTIMATES: [string, unknown][] = [
  ['not an object', [1, 2]],
  ['empty object', {}],
  ['no sizing method', { hardware: h100, location: { zone: 'FR' } }],
  ['two sizing methods', { hardware: h100, hours: 1, acceleratorHours: 5, location: { zone: 'FR' } }],
  ['negative hours', bad(h100, { hours: -1 })],
  ['string count', bad({ ref: 'H100', count: 'ten' })],
  ['fractional count', bad({ ref: 'H100', count: 1.5 })],
  ['count 0 and too big utilization', bad({ ref: 'H100', count: 0, utilization: 2 })],
  ['too many devices', bad({ ref: 'H100', count: 20_000_000 })],
  ['empty ref', bad({ ref: '  ', count: 1 })],
  ['long ref', bad({ ref: 'x'.repeat(300), count: 1 })],
  ['numeric ref', bad({ ref: 42, count: 1 })],
  ['hardware not an object', bad('H100')],
  ['unknown hardware field', bad({ ...h100, colour: 'red' })],
  ['absurd FLOPs', { hardware: { ref: 'H100' }, compute: { flops: 1e31 }, location: { zone: 'FR' } }],
  [
    'flops and parameters',
    { hardware: { ref: 'H100' }, compute: { flops: 1e20, parameters: 1e9, tokens: 1e9 }, location: { zone: 'FR' } },
  ],
  ['empty compute', { hardware: { ref: 'H100' }, compute: {}, location: { zone: 'FR' } }],
  ['tokens alone', { hardware: { ref: 'H100' }, compute: { tokens: 1e9 }, location: { zone: 'FR' } }],
  [
    'active above parameters',
    { hardware: { ref: 'H100' }, compute: { parameters: 1e9, activeParameters: 2e9, tokens: 1e9 }, location: { zone: 'FR' } },
  ],
  ['implied flops', { hardware: { ref: 'H100' }, compute: { parameters: 1e15, tokens: 1e15 }, location: { zone: 'FR' } }],
  [
    'bad precision and mfu',
    { hardware: { ref: 'H100' }, compute: { flops: 1e20, mfu: 1.5, precision: 'fp4' }, location: { zone: 'FR' } },
  ],
  ['PUE below 1', bad(h100, { pue: 0.9 })],
  ['utilization 0', bad({ ...h100, utilization: 0 })],
  ['unknown field', bad(h100, { colour: 'green' })],
  ['missing location', { hardware: h100, hours: 1 }],
  ['null location', { hardware: h100, hours: 1, location: null }],
  ['location not an object', { hardware: h100, hours: 1, location: 'FR' }],
  ['empty location', { hardware: h100, hours: 1, location: {} }],
  ['two location forms', { hardware: h100, hours: 1, location: { zone: 'FR', gPerKwh: 50 } }],
  ['provider without region', { hardware: h100, hours: 1, location: { provider: 'gcp' } }],
  ['bad year and signal', { hardware: h100, hours: 1, location: { zone: 'FR', year: 1800, signal: 'peak' } }],
  ['bad workload, boundary, includeEmbodied', bad(h100, { workload: 'gaming', boundary: 'rack', includeEmbodied: 'yes' })],
  ['hours without count', { hardware: { ref: 'H100' }, hours: 1, location: { zone: 'FR' } }],
  [
    'nulls are absent',
    { hardware: { ref: 'H100', count: 1, powerW: null }, hours: 1, acceleratorHours: null, location: { zone: 'FR', year: null } },
  ],
  ['mitigations not an array', bad(h100, { mitigations: { type: 'pruning' } })],
  [
    'bad mitigations',
    bad(h100, {
      mitigations: [
        null,
        { type: 'magic' },
        { type: 'pruning', fraction: 1 },
        { type: 'early-stopping' },
        { type: 'precision', precision: 'fp4', extra: 1 },
        { type: 'distillation', teacherParameters: 1e15, studentParameters: 1e15, tokens: 1e15 },
        { type: 'renewable-match', fraction: -0.5 },
        { type: 'sparsity', activeParameters: 0 },
      ],
    }),
  ],
  [
    'too many mitigations',
    bad(h100, { mitigations: Array.from({ length: 21 }, () => ({ type: 'renewable-match', fraction: 0.1 })) }),
  ],
  ['unknown hardware', bad({ ref: 'Quantum Toaster 9000', count: 1 })],
];

const BAD_COMPARISONS: [string, unknown][] = [
  ['not an object', 'x'],
  ['no baseline, unknown field', { colour: 1 }],
  ['bad baseline and detail', { baseline: { hours: -1, location: { zone: 'FR' } }, detail: 'all' }],
  [
    'bad variants and sweep',
    {
      baseline: { hardware: h100, hours: 1, location: { zone: 'FR' } },
      variants: [{ name: '' }, { name: 'baseline' }, 'x', { name: 'a', changes: 1, mitigations: {}, extra: 1 }],
      sweep: { 'nope.x': [1], hours: [], pue: 3 },
    },
  ],
  [
    'variant fails alone',
    {
      baseline: { hardware: h100, hours: 1, location: { zone: 'FR' } },
      variants: [
        { name: 'a', changes: { hardware: { count: -1 } } },
        { name: 'b', mitigations: [{ type: 'x' }] },
      ],
    },
  ],
];

async function capture(t: TestApp): Promise<Record<string, { status: number; body: string }>> {
  const out: Record<string, { status: number; body: string }> = {};
  const post = async (name: string, path: string, body: unknown) => {
    const res = await t.http.post(path).set('content-type', 'application/json').send(JSON.stringify(body));
    out[name] = { status: res.status, body: res.text };
  };
  const examples = curlExamples();
  for (const e of examples) await post(e.name, e.path, e.body);
  const estimates = examples.filter((e) => e.path === '/v1/estimates').map((e) => e.body);
  const comparison = examples.find((e) => e.path === '/v1/comparisons')!.body as Record<string, unknown>;
  await post('README comparison, detail full', '/v1/comparisons', { ...comparison, detail: 'full' });
  await post('README estimates as a batch', '/v1/estimates/batch', { items: [...estimates, ...BAD_ESTIMATES.map(([, b]) => b)] });
  for (const q of graphqlDocs()) {
    const variables = q.includes('$i:') ? { i: estimates[0] } : { c: comparison };
    await post(`README GraphQL ${q.split('\n')[0]} ${q.includes('$i:') ? 'estimate' : 'compare'}`, '/graphql', {
      query: q,
      variables,
    });
  }
  for (const [name, body] of BAD_ESTIMATES) await post(`bad estimate: ${name}`, '/v1/estimates', body);
  for (const [name, body] of BAD_COMPARISONS) await post(`bad comparison: ${name}`, '/v1/comparisons', body);
  return out;
}

describe('README estimate examples answer the pinned bytes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  }, 180_000);
  afterAll(async () => t?.close());

  it('finds the README examples', () => {
    expect(curlExamples().map((e) => e.path)).toEqual(expect.arrayContaining(['/v1/estimates', '/v1/comparisons', '/graphql']));
    expect(graphqlDocs().length).toBeGreaterThanOrEqual(2);
  });

  it('answers byte-identical JSON', async () => {
    const got = await capture(t);
    if (process.env.UPDATE_FIXTURES === '1') {
      mkdirSync(dirname(FIXTURE), { recursive: true });
      writeFileSync(FIXTURE, `${JSON.stringify(got, null, 1)}\n`);
    }
    expect(existsSync(FIXTURE)).toBe(true);
    const want = JSON.parse(readFileSync(FIXTURE, 'utf8')) as typeof got;
    // The data version is the database's state, not the answer's: suites sharing the run's database publish
    // their own (admin-...), so it is compared as a placeholder; every other byte must match.
    const dv = (body: string) => body.replace(/"dataVersion":"[^"]*"/g, '"dataVersion":"<data version>"');
    const differ = Object.keys(want).filter(
      (k) => got[k]?.status !== want[k].status || dv(got[k]?.body ?? '') !== dv(want[k].body),
    );
    if (differ.length > 0) writeFileSync(join(tmpdir(), 'readme-examples.received.json'), `${JSON.stringify(got, null, 1)}\n`);
    expect(Object.keys(got)).toEqual(Object.keys(want));
    expect(differ).toEqual([]);
  }, 300_000);
});
