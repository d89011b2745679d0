import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { createTestApp, type TestApp } from '../utils/test-app';

interface PublishedCase {
  id: string;
  request: Record<string, unknown>;
  expected: { energyKwh?: number; co2eKg?: number };
  tolerance: number;
}

const casesPath = join(__dirname, '../../validation/published-training-cases.json');
const cases: PublishedCase[] = JSON.parse(readFileSync(casesPath, 'utf8'));

const ESTIMATE_FIELDS = `method workload acceleratorHours energyKwh co2eKg operationalCo2eKg embodiedCo2eKg waterL
  water { onsiteL offsiteL totalL } percentiles { co2eKg { p5 p50 p95 } energyKwh { p5 p50 p95 } acceleratorHours { p5 p50 p95 } }
  ranges { energyKwh co2eKg } breakdown { acceleratorsKwh hostKwh facilityOverheadKwh }
  factors { hardware { id powerW source } intensity { zone year gPerKwh source signal } pue { value source } mfu { value group } }
  equivalents { carKm flightsNewYorkSanFrancisco homeYears treeYears } dataVersion warnings`;

const h100 = { ref: 'nvidia-h100-sxm5-80gb', count: 1024 };

describe('estimates over REST and GraphQL', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  describe('published training figures, through POST /v1/estimates', () => {
    it.each(cases.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
      const res = await t.http.post('/v1/estimates').send(c.request);
      expect(res.status).toBe(200);
      const rel = (got: number, want: number) => Math.abs(got - want) / want;
      if (c.expected.energyKwh !== undefined)
        expect(rel(res.body.energyKwh, c.expected.energyKwh)).toBeLessThanOrEqual(c.tolerance);
      if (c.expected.co2eKg !== undefined) expect(rel(res.body.co2eKg, c.expected.co2eKg)).toBeLessThanOrEqual(c.tolerance);
      expect(res.body.dataVersion).toMatch(/^seed-|^admin-/);
    });
  });

  it('answers the API.md example with provenance, ranges and equivalents', async () => {
    const res = await t.http
      .post('/v1/estimates')
      .send({
        workload: 'training',
        hardware: { ...h100, utilization: 1.0, powerW: null },
        hours: 720,
        location: { zone: 'FR' },
        pue: 1.1,
        boundary: 'accelerators',
        includeEmbodied: true,
      })
      .expect(200);
    const e = res.body;
    expect(e.method).toBe('device-hours');
    expect(e.acceleratorHours).toBeCloseTo(737280, 6);
    // 737,280 device-hours x (0.8 x 700 W: utilization 1 at the GPU class's active-power fraction) x PUE 1.1
    expect(e.energyKwh).toBeCloseTo((737280 * 0.8 * 700 * 1.1) / 1000, 3);
    // TDP is the top of the power distribution: p95 of energy at 700 W
    expect(e.percentiles.energyKwh.p95).toBeCloseTo((737280 * 700 * 1.1) / 1000, 0);
    expect(e.percentiles.co2eKg.p5).toBeLessThan(e.co2eKg);
    // stated device-hours have no spread
    expect(e.percentiles.acceleratorHours).toEqual({ p5: 737280, p50: 737280, p95: 737280 });
    expect(e.water.totalL).toBeCloseTo(e.water.onsiteL + e.water.offsiteL, 6);
    expect(e.waterL).toBe(e.water.totalL);
    expect(e.factors.intensity.zone).toBe('FR');
    expect(e.factors.hardware.id).toBe('nvidia-h100-sxm5-80gb');
    expect(e.factors.pue).toMatchObject({ value: 1.1, source: 'request' });
    expect(e.co2eKg).toBeCloseTo(e.operationalCo2eKg + e.embodiedCo2eKg, 6);
    expect(e.embodiedCo2eKg).toBeGreaterThan(0);
    expect(e.ranges.co2eKg[0]).toBeLessThanOrEqual(e.co2eKg);
    expect(e.ranges.co2eKg[1]).toBeGreaterThanOrEqual(e.co2eKg);
    expect(e.equivalents.carKm).toBeGreaterThan(0);
  });

  it('resolves a cloud region and a family name, saying so in warnings', async () => {
    const res = await t.http
      .post('/v1/estimates')
      .send({ hardware: { ref: 'V100', count: 8 }, hours: 10, location: { provider: 'gcp', region: 'us-central1' } })
      .expect(200);
    expect(res.body.factors.hardware.id).toBe('nvidia-v100-sxm2-16gb');
    expect(res.body.warnings.join(' ')).toMatch(/family/i);
    expect(res.body.factors.pue.source).not.toBe('request');
  });

  it('gives the same answer on GraphQL as on REST', async () => {
    const input = { hardware: h100, hours: 24, location: { zone: 'DE', year: 2024 }, pue: 1.2 };
    const rest = await t.http.post('/v1/estimates').send(input).expect(200);
    const gql = await t.gql<{ estimate: Record<string, unknown> }>(
      `query($i: EstimateInput!) { estimate(input: $i) { ${ESTIMATE_FIELDS} } }`,
      { i: input },
    );
    expect(gql.errors).toBeUndefined();
    expect(gql.data!.estimate.co2eKg).toBeCloseTo(rest.body.co2eKg, 9);
    expect(gql.data!.estimate.energyKwh).toBeCloseTo(rest.body.energyKwh, 9);
    expect(gql.data!.estimate.percentiles).toEqual(rest.body.percentiles);
    expect(gql.data!.estimate.water).toEqual(rest.body.water);
  });

  describe('bad input is a coded 4xx with field paths, never a 500', () => {
    it.each([
      ['no sizing method', { hardware: h100, location: { zone: 'FR' } }, 400, 'VALIDATION_FAILED'],
      [
        'two sizing methods',
        { hardware: h100, hours: 1, acceleratorHours: 5, location: { zone: 'FR' } },
        400,
        'VALIDATION_FAILED',
      ],
      ['negative hours', { hardware: h100, hours: -1, location: { zone: 'FR' } }, 400, 'VALIDATION_FAILED'],
      ['string count', { hardware: { ref: 'H100', count: 'ten' }, hours: 1, location: { zone: 'FR' } }, 400, 'VALIDATION_FAILED'],
      [
        'too many devices',
        { hardware: { ref: 'H100', count: 20_000_000 }, hours: 1, location: { zone: 'FR' } },
        400,
        'VALIDATION_FAILED',
      ],
      [
        'absurd FLOPs',
        { hardware: { ref: 'H100' }, compute: { flops: 1e31 }, location: { zone: 'FR' } },
        400,
        'VALIDATION_FAILED',
      ],
      ['PUE below 1', { hardware: h100, hours: 1, location: { zone: 'FR' }, pue: 0.9 }, 400, 'VALIDATION_FAILED'],
      ['utilization 0', { hardware: { ...h100, utilization: 0 }, hours: 1, location: { zone: 'FR' } }, 400, 'VALIDATION_FAILED'],
      [
        'mfu above 1',
        { hardware: { ref: 'H100' }, compute: { flops: 1e20, mfu: 1.5 }, location: { zone: 'FR' } },
        400,
        'VALIDATION_FAILED',
      ],
      ['unknown field', { hardware: h100, hours: 1, location: { zone: 'FR' }, colour: 'green' }, 400, 'VALIDATION_FAILED'],
      ['missing location', { hardware: h100, hours: 1 }, 400, 'VALIDATION_FAILED'],
      [
        'unknown hardware',
        { hardware: { ref: 'Quantum Toaster 9000', count: 1 }, hours: 1, location: { zone: 'FR' } },
        404,
        'HARDWARE_NOT_FOUND',
      ],
      ['unknown zone', { hardware: h100, hours: 1, location: { zone: 'ATLANTIS' } }, 404, 'ZONE_NOT_FOUND'],
      [
        'unknown cloud region',
        { hardware: h100, hours: 1, location: { provider: 'aws', region: 'moon-east-1' } },
        404,
        'CLOUD_REGION_NOT_FOUND',
      ],
    ])('%s', async (_name, body, status, code) => {
      const res = await t.http.post('/v1/estimates').send(body);
      expect(res.status).toBe(status);
      expect(res.body.error.code).toBe(code);
      if (code === 'VALIDATION_FAILED') expect(res.body.error.details[0].path).toEqual(expect.any(String));
    });

    it('names the field path of a nested error', async () => {
      const res = await t.http
        .post('/v1/estimates')
        .send({ hardware: { ref: 'H100', count: -3 }, hours: 1, location: { zone: 'FR' } })
        .expect(400);
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain('hardware.count');
    });

    it('GraphQL carries the same codes in extensions.code', async () => {
      const q = `query($i: EstimateInput!) { estimate(input: $i) { co2eKg } }`;
      const unknown = await t.gql(q, {
        i: { hardware: { ref: 'Quantum Toaster 9000', count: 1 }, hours: 1, location: { zone: 'FR' } },
      });
      expect(unknown.errors?.[0].extensions.code).toBe('HARDWARE_NOT_FOUND');
      const invalid = await t.gql(q, {
        i: { hardware: { ref: 'H100', count: 1 }, hours: 1, acceleratorHours: 2, location: { zone: 'FR' } },
      });
      expect(invalid.errors?.[0].extensions.code).toBe('VALIDATION_FAILED');
      const wrongType = await t.gql(q, { i: { hardware: { ref: 'H100', count: 'x' }, hours: 1, location: { zone: 'FR' } } });
      expect(wrongType.errors?.[0].extensions.code).toBe('VALIDATION_FAILED');
    });

    it('fuzz: generated bodies never get a 5xx', async () => {
      const anyValue = fc.oneof(
        fc.constant(null),
        fc.boolean(),
        fc.double(),
        fc.integer(),
        fc.string({ maxLength: 12 }),
        fc.constant(-1),
        fc.constant(1e40),
      );
      const body = fc.record(
        {
          workload: fc.oneof(fc.constantFrom('training', 'inference', 'fine-tuning', 'bogus'), anyValue),
          hardware: fc.oneof(
            fc.record(
              {
                ref: fc.oneof(fc.constantFrom('H100', 'TPU v3', 'nope', 'A100-80GB'), anyValue),
                count: anyValue,
                utilization: anyValue,
                powerW: anyValue,
              },
              { requiredKeys: [] },
            ),
            anyValue,
          ),
          hours: anyValue,
          acceleratorHours: anyValue,
          energyKwh: anyValue,
          compute: fc.oneof(
            fc.record(
              {
                flops: anyValue,
                parameters: anyValue,
                tokens: anyValue,
                mfu: anyValue,
                precision: fc.oneof(fc.constantFrom('fp8', 'bf16', 'fp4'), anyValue),
              },
              { requiredKeys: [] },
            ),
            anyValue,
          ),
          location: fc.oneof(
            fc.record(
              {
                zone: fc.oneof(fc.constantFrom('FR', 'US-CAL-CISO', 'XX'), anyValue),
                gPerKwh: anyValue,
                provider: fc.constantFrom('aws', 'gcp', 'x'),
                region: fc.constantFrom('us-east-1', 'us-central1', '?'),
                year: anyValue,
              },
              { requiredKeys: [] },
            ),
            anyValue,
          ),
          pue: anyValue,
          boundary: fc.oneof(fc.constantFrom('accelerators', 'server'), anyValue),
          mitigations: fc.oneof(
            fc.array(
              fc.record(
                { type: fc.constantFrom('early-stopping', 'precision', 'renewable-match', 'x'), fraction: anyValue },
                { requiredKeys: [] },
              ),
              { maxLength: 3 },
            ),
            anyValue,
          ),
        },
        { requiredKeys: [] },
      );
      await fc.assert(
        fc.asyncProperty(body, async (b) => {
          const res = await t.http.post('/v1/estimates').send(b);
          expect(res.status).toBeLessThan(500);
          if (res.status !== 200) expect(res.body.error.code).toMatch(/^[A-Z_]+$/);
        }),
        { numRuns: 300, seed: 20261126 },
      );
    }, 120000);
  });

  describe('batch', () => {
    it('keeps order, answers per item, and one bad item never fails the others', async () => {
      const items = [
        { hardware: h100, hours: 1, location: { zone: 'FR' } },
        { hardware: { ref: 'nope-9000', count: 1 }, hours: 1, location: { zone: 'FR' } },
        { hardware: h100, hours: -1, location: { zone: 'FR' } },
        'not an object at all',
        { hardware: h100, hours: 2, location: { zone: 'FR' } },
      ];
      const res = await t.http.post('/v1/estimates/batch').send({ items }).expect(200);
      const r = res.body.results;
      expect(r.map((x: { ok: boolean }) => x.ok)).toEqual([true, false, false, false, true]);
      expect(r[1].error.code).toBe('HARDWARE_NOT_FOUND');
      expect(r[2].error.code).toBe('VALIDATION_FAILED');
      expect(r[2].error.details[0].path).toMatch(/hours/);
      expect(r[3].error.code).toBe('VALIDATION_FAILED');
      expect(r[4].estimate.energyKwh).toBeCloseTo(2 * r[0].estimate.energyKwh, 6);
    });

    it.each([
      ['empty', { items: [] }],
      ['over 1000', { items: Array.from({ length: 1001 }, () => ({ hours: 1 })) }],
      ['not an array', { items: 'x' }],
    ])('rejects a batch that is %s with 400', async (_n, body) => {
      const res = await t.http.post('/v1/estimates/batch').send(body).expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details[0].path).toMatch(/^items/);
    });

    it('works on GraphQL with the same per-item results', async () => {
      const gql = await t.gql<{
        estimateBatch: { ok: boolean; estimate: { co2eKg: number } | null; error: { code: string } | null }[];
      }>(
        `query($items: [EstimateInput!]!) { estimateBatch(items: $items) { ok estimate { co2eKg } error { code message details } } }`,
        {
          items: [
            { hardware: h100, hours: 1, location: { zone: 'FR' } },
            { hardware: h100, hours: 1, location: { zone: 'NOWHERE' } },
          ],
        },
      );
      expect(gql.errors).toBeUndefined();
      expect(gql.data!.estimateBatch.map((r) => r.ok)).toEqual([true, false]);
      expect(gql.data!.estimateBatch[1].error!.code).toBe('ZONE_NOT_FOUND');
    });
  });

  describe('comparisons', () => {
    const baseline = {
      hardware: { ref: 'nvidia-h100-sxm5-80gb', count: 256 },
      compute: { parameters: 7e9, tokens: 1e12 },
      location: { zone: 'PL' },
      pue: 1.2,
    };

    it('ranks variants, deep-merges changes, sweeps, and picks the best', async () => {
      const res = await t.http
        .post('/v1/comparisons')
        .send({
          baseline,
          variants: [
            { name: 'Quebec', changes: { location: { zone: 'CA-QC' } } },
            { name: 'fp8', mitigations: [{ type: 'precision', precision: 'fp8' }] },
            { name: 'half the tokens', mitigations: [{ type: 'early-stopping', fraction: 0.5 }] },
          ],
          sweep: {
            location: [{ zone: 'FR' }, { zone: 'SE' }],
            'hardware.ref': ['nvidia-h100-sxm5-80gb', 'nvidia-a100-sxm4-80gb'],
          },
          detail: 'full',
        })
        .expect(200);
      const c = res.body;
      expect(c.detail).toBe('full');
      expect(c.variants).toHaveLength(3 + 4);
      const byName = Object.fromEntries(c.variants.map((v: { name: string }) => [v.name, v]));
      expect(byName.Quebec.estimate.factors.intensity.zone).toBe('CA-QC');
      expect(byName.Quebec.estimate.energyKwh).toBeCloseTo(c.baseline.estimate.energyKwh, 6); // same work, other grid
      expect(byName.Quebec.deltaCo2eKg).toBeLessThan(0);
      expect(byName['half the tokens'].estimate.energyKwh).toBeCloseTo(c.baseline.estimate.energyKwh / 2, 6);
      for (const v of c.variants) {
        expect(v.deltaCo2eKg).toBeCloseTo(v.estimate.co2eKg - c.baseline.estimate.co2eKg, 6);
        expect(v.deltaPct).toBeCloseTo((100 * v.deltaCo2eKg) / c.baseline.estimate.co2eKg, 6);
      }
      const all = [
        { name: 'baseline', co2: c.baseline.estimate.co2eKg },
        ...c.variants.map((v: { name: string; estimate: { co2eKg: number } }) => ({ name: v.name, co2: v.estimate.co2eKg })),
      ];
      const lowest = Math.min(...all.map((a) => a.co2));
      expect(all.find((a) => a.name === c.best)!.co2).toBe(lowest);
      expect(c.variants.find((v: { name: string }) => v.name === c.best)?.rank ?? c.baseline.rank).toBe(1);
      // Shared provenance is listed once; the baseline's estimate stays complete.
      expect(c.baseline.estimate.factors.equivalents.length).toBe(4);
      expect(c.baseline.estimate.factors.hardware.sources.length).toBeGreaterThan(0);
      for (const v of c.variants) {
        expect(v.request.location).toBeDefined();
        expect(v.estimate.factors.equivalents).toEqual([]);
        expect(v.estimate.factors.hardware.sources).toBeUndefined();
        expect(c.provenance.hardwareSources[v.estimate.factors.hardware.id].length).toBeGreaterThan(0);
      }
      expect(c.provenance.equivalentFactors.map((f: { key: string }) => f.key).sort()).toEqual([
        'carKm',
        'flightsNewYorkSanFrancisco',
        'homeYears',
        'treeYears',
      ]);
    });

    const sweepComparison = {
      baseline,
      variants: [
        { name: 'nowhere', changes: { location: { zone: 'NOWHERE' } } },
        { name: 'renewables', mitigations: [{ type: 'renewable-match', fraction: 0.5 }] },
      ],
      sweep: {
        location: [{ zone: 'FR' }, { zone: 'SE' }, { provider: 'gcp', region: 'europe-west1' }],
        'hardware.ref': ['nvidia-h100-sxm5-80gb', 'nvidia-a100-sxm4-80gb'],
        pue: [1.1, 1.4],
      },
    };
    const SUMMARY_KEYS = [
      'method',
      'workload',
      'acceleratorHours',
      'wallHours',
      'flops',
      'energyKwh',
      'co2eKg',
      'operationalCo2eKg',
      'embodiedCo2eKg',
      'waterL',
      'water',
      'percentiles',
      'marketBasedCo2eKg',
      'ranges',
      'warnings',
    ];

    it('answers summary variants by default: the same figures as detail full, without factors or request', async () => {
      const summary = (await t.http.post('/v1/comparisons').send(sweepComparison).expect(200)).body;
      const full = (
        await t.http
          .post('/v1/comparisons')
          .send({ ...sweepComparison, detail: 'full' })
          .expect(200)
      ).body;
      expect(summary.detail).toBe('summary');
      expect(summary.variants).toHaveLength(2 + 12);
      expect(summary.failed).toBe(1);
      expect(summary.variants[0]).toMatchObject({
        name: 'nowhere',
        estimate: null,
        rank: null,
        error: { code: 'ZONE_NOT_FOUND' },
      });
      // The baseline keeps its complete estimate.
      expect(summary.baseline).toEqual(full.baseline);
      expect(summary.baseline.estimate.factors.hardware.sources.length).toBeGreaterThan(0);
      summary.variants.forEach((v: Record<string, any>, i: number) => {
        const f = full.variants[i];
        expect(Object.keys(v)).toEqual([
          'name',
          'origin',
          ...(f.sweep ? ['sweep'] : []),
          'estimate',
          'deltaCo2eKg',
          'deltaPct',
          'rank',
          ...(f.error ? ['error'] : []),
        ]);
        expect([v.name, v.sweep, v.deltaCo2eKg, v.deltaPct, v.rank, v.error]).toEqual([
          f.name,
          f.sweep,
          f.deltaCo2eKg,
          f.deltaPct,
          f.rank,
          f.error,
        ]);
        if (!f.estimate) return expect(v.estimate).toBeNull();
        expect(Object.keys(v.estimate)).toEqual(SUMMARY_KEYS);
        const { ranges, ...figures } = v.estimate;
        for (const [k, value] of Object.entries(figures)) expect(value).toEqual(f.estimate[k]);
        expect(ranges).toEqual({ energyKwh: f.estimate.ranges.energyKwh, co2eKg: f.estimate.ranges.co2eKg });
      });
      expect(summary.variants[1].estimate.marketBasedCo2eKg).toBeLessThan(summary.variants[1].estimate.co2eKg);
      // Which sources produced the answer is still said, once.
      expect(summary.provenance).toEqual(full.provenance);
      expect(Object.keys(summary.provenance.hardwareSources).sort()).toEqual(['nvidia-a100-sxm4-80gb', 'nvidia-h100-sxm5-80gb']);
      expect(summary.best).toBe(full.best);
      expect(JSON.stringify(summary).length).toBeLessThan(JSON.stringify(full).length / 2);
    });

    it('refuses an unknown detail with a 400 at path detail', async () => {
      const res = await t.http.post('/v1/comparisons').send({ baseline, detail: 'compact' });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details).toEqual([{ path: 'detail', message: 'must be one of summary, full' }]);
    });

    it('refuses more than 500 variants with a 400', async () => {
      const zones = Array.from({ length: 30 }, (_, i) => ({ gPerKwh: 100 + i }));
      const res = await t.http
        .post('/v1/comparisons')
        .send({ baseline, sweep: { location: zones, pue: Array.from({ length: 20 }, (_, i) => 1 + i / 100) } });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('TOO_MANY_VARIANTS');
    });

    it('works on GraphQL', async () => {
      const gql = await t.gql<{ compare: { best: string; variants: { name: string; rank: number }[] } }>(
        `query($i: ComparisonInput!) { compare(input: $i) { best baseline { name rank estimate { co2eKg } } variants { name rank deltaCo2eKg deltaPct estimate { co2eKg } } } }`,
        { i: { baseline, variants: [{ name: 'Sweden', changes: { location: { zone: 'SE' } } }] } },
      );
      expect(gql.errors).toBeUndefined();
      expect(gql.data!.compare.best).toBe('Sweden');
      expect(gql.data!.compare.variants[0].rank).toBe(1);
    });

    type GqlVariant = {
      name: string;
      estimate: null | {
        __typename: string;
        co2eKg: number;
        factors?: { intensity: { gPerKwh: number } };
        ranges?: { co2eKg: number[] };
      };
    };
    const gqlCompare = (detail: string) => `{ compare(input: {
        baseline: { hardware: { ref: "nvidia-h100-sxm5-80gb", count: 256 }, compute: { parameters: 7e9, tokens: 1e12 }, location: { zone: "PL" }, pue: 1.2 },
        variants: [{ name: "Sweden", changes: { location: { zone: "SE" } } }, { name: "nowhere", changes: { location: { zone: "NOWHERE" } } }],
        sweep: { pue: [1.1, 1.3] }${detail}
      }) { detail variants { name estimate { __typename co2eKg ... on Estimate { factors { intensity { gPerKwh } } } ... on EstimateSummary { ranges { co2eKg } } } } } }`;

    it('on GraphQL, variants { estimate { co2eKg } } works in both details; factors through ... on Estimate with detail full', async () => {
      const summary = await t.gql<{ compare: { detail: string; variants: GqlVariant[] } }>(gqlCompare(''));
      const full = await t.gql<{ compare: { detail: string; variants: GqlVariant[] } }>(gqlCompare(', detail: full'));
      expect(summary.errors).toBeUndefined();
      expect(full.errors).toBeUndefined();
      expect(summary.data!.compare.detail).toBe('summary');
      expect(full.data!.compare.detail).toBe('full');
      const s = summary.data!.compare.variants;
      const f = full.data!.compare.variants;
      expect(s.map((v) => v.name)).toEqual(['Sweden', 'nowhere', 'pue=1.1', 'pue=1.3']);
      expect(s[1].estimate).toBeNull();
      expect(f[1].estimate).toBeNull();
      for (const i of [0, 2, 3]) {
        expect(s[i].estimate!.__typename).toBe('EstimateSummary');
        expect(s[i].estimate!.factors).toBeUndefined();
        expect(s[i].estimate!.ranges!.co2eKg).toHaveLength(2);
        expect(f[i].estimate!.__typename).toBe('Estimate');
        expect(f[i].estimate!.co2eKg).toBe(s[i].estimate!.co2eKg);
        expect(f[i].estimate!.factors!.intensity.gPerKwh).toBeGreaterThan(0);
      }
      expect(f[0].estimate!.factors!.intensity.gPerKwh).toBeLessThan(f[2].estimate!.factors!.intensity.gPerKwh); // SE vs PL
    });

    it('on GraphQL, detail is the same lower-case value as on REST (variables) and is validated', async () => {
      const q = `query($i: ComparisonInput!) { compare(input: $i) { detail variants { estimate { co2eKg ... on Estimate { dataVersion } } } } }`;
      const full = await t.gql<{
        compare: { detail: string; variants: { estimate: { co2eKg: number; dataVersion?: string } }[] };
      }>(q, { i: { baseline, variants: [{ name: 'SE', changes: { location: { zone: 'SE' } } }], detail: 'full' } });
      expect(full.errors).toBeUndefined();
      expect(full.data!.compare.detail).toBe('full');
      expect(full.data!.compare.variants[0].estimate.dataVersion).toMatch(/^seed-|^admin-/);
      const bad = await t.gql(q, { i: { baseline, detail: 'FULL' } });
      expect(bad.errors?.length).toBeGreaterThan(0);
      expect(bad.data).toBeNull();
    });
  });
});
