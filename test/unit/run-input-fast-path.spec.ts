import fc from 'fast-check';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { RunInput } from '../../src/runs/dto/run.input';
import { plainlyValid, runInputErrors } from '../../src/runs/create-run.usecase';
import { OPENAPI, fromSchema } from '../utils/fuzz';

/**
 * runInputErrors skips class-validator when plainlyValid() says a row is valid (a job's common case). That
 * shortcut must never accept what the full check refuses: checked here on inputs generated from the published
 * contract (RunInput's schema, and every documented estimate request inside the documented run, bent by
 * mutations), against validateSync itself.
 */
const FULL = { whitelist: true, forbidNonWhitelisted: true, validationError: { target: false, value: false } } as const;
const fullErrors = (v: unknown) => validateSync(plainToInstance(RunInput, v as object), FULL);

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Values that break a field's rule in one way or another (types, bounds, blanks, nulls, lengths, dates). */
const ODD: Json[] = [
  null,
  '',
  ' ',
  'x',
  'x'.repeat(201),
  -1,
  0,
  0.5,
  1.5,
  2,
  1e308,
  -1e308,
  true,
  [],
  {},
  ['a'],
  [''],
  { a: 1 },
  '2026-01-12',
  '2026-01-12T08:00:00',
  '2026-13-01T00:00:00Z',
  'FR',
  'H100-80GB',
  'training',
  'bf16',
];

/** Every position in a value, as [parent, key]. */
function slots(v: Json, out: [Json[] | Record<string, Json>, string | number][] = []): typeof out {
  if (Array.isArray(v))
    v.forEach((x, i) => {
      out.push([v, i]);
      slots(x, out);
    });
  else if (v && typeof v === 'object')
    for (const k of Object.keys(v)) {
      out.push([v, k]);
      slots(v[k], out);
    }
  return out;
}

/** `base` with up to three changes: a value replaced by an odd one, a key deleted, or an unknown key added. */
const bent = (base: Json) =>
  fc
    .array(fc.tuple(fc.nat(), fc.nat({ max: 2 }), fc.constantFrom(...ODD), fc.constantFrom('extra', 'hours', 'zone', 'count')), {
      maxLength: 3,
    })
    .map((changes) => {
      const v = structuredClone(base);
      for (const [at, kind, odd, key] of changes) {
        const all = slots(v);
        if (all.length === 0) break;
        const [parent, k] = all[at % all.length];
        const target = (parent as Record<string, Json>)[k as string];
        if (kind === 0) (parent as Record<string, Json>)[k as string] = structuredClone(odd);
        else if (kind === 1 && !Array.isArray(parent)) delete parent[k as string];
        else if (target && typeof target === 'object' && !Array.isArray(target)) target[key] = structuredClone(odd);
      }
      return v;
    });
const examplesOf = (path: string): Json[] =>
  Object.values(OPENAPI.paths[path].post.requestBody!.content['application/json'].examples ?? {}).map((e) => e.value);

describe('RunInput fast path', () => {
  const run = examplesOf('/v1/runs')[0] as Record<string, Json>;
  const requests = examplesOf('/v1/estimates');

  it('takes the documented run and every documented estimate request inside it', () => {
    expect(requests.length).toBeGreaterThan(3);
    for (const request of requests) {
      const row = { ...run, request };
      expect(fullErrors(row)).toEqual([]);
      expect(plainlyValid(row)).toBe(true);
    }
  });

  it('never accepts what class-validator refuses (generated and mutated inputs)', () => {
    let fast = 0;
    let refused = 0;
    const inputs = fc.oneof(
      { weight: 1, arbitrary: fromSchema({ $ref: '#/components/schemas/RunInput' }) },
      {
        weight: 3,
        arbitrary: fc.constantFrom(...requests).chain((request) => bent({ ...run, request } as Json)),
      },
    );
    fc.assert(
      fc.property(inputs, (value) => {
        if (!value || typeof value !== 'object' || Array.isArray(value)) return;
        const row = value as Record<string, unknown>;
        const full = fullErrors(row);
        if (full.length) refused++;
        if (plainlyValid(row)) {
          fast++;
          expect(full).toEqual([]);
          expect(runInputErrors(row)).toEqual([]);
        } else if (full.length) {
          expect(runInputErrors(row).length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 4000, seed: 20261201 },
    );
    // both sides were exercised: the shortcut was taken often, and the full check refused often
    expect(fast).toBeGreaterThan(400);
    expect(refused).toBeGreaterThan(400);
  });
});
