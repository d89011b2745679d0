/** Property tests: invariants that must hold for every valid request. */
import fc from 'fast-check';
import { compare } from './compare';
import { estimate } from './estimate';
import { EstimationError, EstimationErrorCode } from './estimation.errors';
import type { Estimate, EstimateRequest } from './estimation.types';
import { validateEstimateRequest } from './validate';
import { A100, H100, V100, makeContext } from './__tests__/fixtures';

const ctx = makeContext();
const RUNS = { numRuns: 300 };

const pos = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const sizingArb = fc.oneof(
  fc.record({ kind: fc.constant('acceleratorHours' as const), amount: pos(0, 1e7) }),
  fc.record({ kind: fc.constant('hours' as const), amount: pos(0, 1e4) }),
  fc.record({ kind: fc.constant('flops' as const), amount: pos(1e15, 1e26) }),
  fc.record({
    kind: fc.constant('tokens' as const),
    amount: pos(1e6, 1e13),
    parameters: pos(1e6, 1e12),
    activeShare: optional(pos(0.01, 1)),
  }),
  fc.record({ kind: fc.constant('energyKwh' as const), amount: pos(0, 1e8) }),
);

const requestArb = fc
  .record({
    workload: optional(fc.constantFrom('training' as const, 'fine-tuning' as const, 'inference' as const)),
    ref: fc.constantFrom(A100.id, H100.id, V100.id),
    count: fc.integer({ min: 1, max: 100000 }),
    utilization: optional(pos(0.01, 1)),
    powerW: optional(pos(1, 2000)),
    sizing: sizingArb,
    mfu: optional(pos(0.01, 1)),
    precision: optional(fc.constantFrom('bf16' as const, 'fp16' as const, 'fp8' as const, 'tf32' as const)),
    location: fc.oneof(
      fc.record({ zone: fc.constantFrom('FR', 'PL', 'CA-QC', 'US-CAL-CISO') }),
      fc.record({ gPerKwh: pos(0, 1500) }),
      fc.constant({ provider: 'gcp', region: 'europe-west1' }),
    ),
    pue: optional(pos(1, 3)),
    boundary: optional(fc.constantFrom('accelerators' as const, 'server' as const)),
    hostFactor: optional(pos(1, 3)),
    includeEmbodied: optional(fc.boolean()),
    embodiedLifetimeYears: optional(pos(0.5, 10)),
    wueLPerKwh: optional(pos(0, 5)),
    renewable: optional(pos(0, 1)),
  })
  .map((r): EstimateRequest => {
    const req: EstimateRequest = {
      hardware: { ref: r.ref, count: r.count },
      location: r.location,
    };
    if (r.workload) req.workload = r.workload;
    if (r.utilization !== undefined) req.hardware!.utilization = r.utilization;
    if (r.powerW !== undefined) req.hardware!.powerW = r.powerW;
    if (r.hostFactor !== undefined) req.hardware!.hostFactor = r.hostFactor;
    const s = r.sizing;
    if (s.kind === 'acceleratorHours') req.acceleratorHours = s.amount;
    else if (s.kind === 'hours') req.hours = s.amount;
    else if (s.kind === 'energyKwh') req.energyKwh = s.amount;
    else {
      req.compute =
        s.kind === 'flops'
          ? { flops: s.amount }
          : {
              parameters: s.parameters,
              tokens: s.amount,
              ...(s.activeShare ? { activeParameters: s.parameters * s.activeShare } : {}),
            };
      if (r.mfu !== undefined) req.compute.mfu = r.mfu;
      if (r.precision !== undefined) req.compute.precision = r.precision;
    }
    if (r.pue !== undefined) req.pue = r.pue;
    if (r.boundary) req.boundary = r.boundary;
    if (r.includeEmbodied !== undefined) req.includeEmbodied = r.includeEmbodied;
    if (r.embodiedLifetimeYears !== undefined) req.embodiedLifetimeYears = r.embodiedLifetimeYears;
    if (r.wueLPerKwh !== undefined) req.wueLPerKwh = r.wueLPerKwh;
    if (r.renewable !== undefined) req.mitigations = [{ type: 'renewable-match', fraction: r.renewable }];
    return req;
  });

/** Scales the amount of work of a request by k. */
function scaleWork(req: EstimateRequest, k: number): EstimateRequest {
  const out = structuredClone(req);
  if (out.acceleratorHours !== undefined) out.acceleratorHours *= k;
  else if (out.hours !== undefined) out.hours *= k;
  else if (out.energyKwh !== undefined) out.energyKwh *= k;
  else if (out.compute?.flops !== undefined && out.compute.flops !== null) out.compute.flops *= k;
  else if (out.compute?.tokens !== undefined && out.compute.tokens !== null) out.compute.tokens *= k;
  return out;
}

const close = (a: number, b: number, rel = 1e-9): boolean => Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b), 1e-12);
const within = (v: number, [lo, hi]: [number, number]): boolean => lo <= v * (1 + 1e-12) + 1e-12 && v <= hi * (1 + 1e-12) + 1e-12;

function allNumbersFinite(v: unknown): boolean {
  if (typeof v === 'number') return Number.isFinite(v);
  if (Array.isArray(v)) return v.every(allNumbersFinite);
  if (v && typeof v === 'object') return Object.values(v).every(allNumbersFinite);
  return true;
}

describe('properties', () => {
  it('every generated request is valid and estimates without error', () => {
    fc.assert(
      fc.property(requestArb, (req) => {
        const e = estimate(validateEstimateRequest(req), ctx);
        expect(allNumbersFinite(e)).toBe(true);
        expect(e.energyKwh).toBeGreaterThanOrEqual(0);
        expect(e.co2eKg).toBeGreaterThanOrEqual(0);
      }),
      RUNS,
    );
  });

  it('ranges contain the value', () => {
    fc.assert(
      fc.property(requestArb, (req) => {
        const e = estimate(req, ctx);
        expect(within(e.energyKwh, e.ranges.energyKwh)).toBe(true);
        expect(within(e.co2eKg, e.ranges.co2eKg)).toBe(true);
        expect(within(e.operationalCo2eKg, e.ranges.operationalCo2eKg)).toBe(true);
        expect(within(e.embodiedCo2eKg, e.ranges.embodiedCo2eKg)).toBe(true);
        if (e.ranges.acceleratorHours) expect(within(e.acceleratorHours!, e.ranges.acceleratorHours)).toBe(true);
        if (e.ranges.waterL) expect(within(e.waterL!, e.ranges.waterL)).toBe(true);
        for (const f of [e.factors.pue, e.factors.mfu, e.factors.utilization, e.factors.hostFactor]) {
          if (f) expect(f.low <= f.value && f.value <= f.high).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('totals equal the sum of their parts', () => {
    fc.assert(
      fc.property(requestArb, (req) => {
        const e = estimate(req, ctx);
        expect(close(e.co2eKg, e.operationalCo2eKg + e.embodiedCo2eKg)).toBe(true);
        const b = e.breakdown;
        expect(close(e.energyKwh, b.acceleratorsKwh + b.hostKwh + b.facilityOverheadKwh)).toBe(true);
        if (e.marketBasedCo2eKg !== null) expect(e.marketBasedCo2eKg).toBeLessThanOrEqual(e.co2eKg * (1 + 1e-12));
      }),
      RUNS,
    );
  });

  it('more work never lowers energy or emissions', () => {
    fc.assert(
      fc.property(requestArb, pos(1, 100), (req, k) => {
        const a = estimate(req, ctx);
        const b = estimate(scaleWork(req, k), ctx);
        expect(b.energyKwh).toBeGreaterThanOrEqual(a.energyKwh * (1 - 1e-12));
        expect(b.co2eKg).toBeGreaterThanOrEqual(a.co2eKg * (1 - 1e-12));
        expect(b.ranges.co2eKg[1]).toBeGreaterThanOrEqual(a.ranges.co2eKg[1] * (1 - 1e-12));
      }),
      RUNS,
    );
  });

  it('units are consistent: Wh = h x W, kg = kWh x g/kWh / 1000, equivalents invert their factors', () => {
    fc.assert(
      fc.property(pos(0, 1e6), pos(1, 2000), pos(1, 3), pos(0, 1500), (hours, powerW, pue, g) => {
        const e = estimate(
          { hardware: { powerW }, acceleratorHours: hours, pue, location: { gPerKwh: g }, includeEmbodied: false },
          ctx,
        );
        const wh = hours * powerW * pue; // device-hours x W x PUE = Wh
        expect(close(e.energyKwh * 1000, wh)).toBe(true);
        expect(close(e.breakdown.acceleratorsKwh * 1000, hours * powerW)).toBe(true);
        expect(close(e.operationalCo2eKg * 1000, e.energyKwh * g)).toBe(true); // g = kWh x g/kWh
        expect(close(e.equivalents.carKm * 0.251, e.co2eKg)).toBe(true);
        expect(close(e.equivalents.flightsNewYorkSanFrancisco * 570, e.co2eKg)).toBe(true);
      }),
      RUNS,
    );
  });

  it('validation throws only VALIDATION_FAILED on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        try {
          validateEstimateRequest(v);
        } catch (err) {
          expect(err).toBeInstanceOf(EstimationError);
          expect((err as EstimationError).code).toBe(EstimationErrorCode.VALIDATION_FAILED);
        }
      }),
      RUNS,
    );
  });

  it('validation throws only VALIDATION_FAILED on request-shaped junk', () => {
    const junk = fc.oneof(fc.jsonValue(), fc.constant(NaN), fc.constant(Infinity), fc.constant(-1), fc.constant(1e40));
    const shaped = fc.record(
      {
        workload: junk,
        hardware: fc.oneof(junk, fc.record({ ref: junk, count: junk, utilization: junk, powerW: junk }, { requiredKeys: [] })),
        hours: junk,
        acceleratorHours: junk,
        compute: fc.oneof(
          junk,
          fc.record({ flops: junk, parameters: junk, tokens: junk, mfu: junk, precision: junk }, { requiredKeys: [] }),
        ),
        energyKwh: junk,
        location: fc.oneof(
          junk,
          fc.record({ zone: junk, provider: junk, region: junk, gPerKwh: junk, year: junk }, { requiredKeys: [] }),
        ),
        pue: junk,
        mitigations: fc.oneof(
          junk,
          fc.array(
            fc.record(
              { type: fc.oneof(junk, fc.constantFrom('early-stopping', 'distillation', 'pruning')), fraction: junk },
              { requiredKeys: [] },
            ),
          ),
        ),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(shaped, (v) => {
        try {
          const out = validateEstimateRequest(v);
          expect(allNumbersFinite(out)).toBe(true);
        } catch (err) {
          expect(err).toBeInstanceOf(EstimationError);
          expect((err as EstimationError).code).toBe(EstimationErrorCode.VALIDATION_FAILED);
          for (const d of (err as EstimationError).details) expect(typeof d.path).toBe('string');
        }
      }),
      { numRuns: 500 },
    );
  });

  it('a comparison ranks consistently with co2eKg', () => {
    fc.assert(
      fc.property(requestArb, fc.array(pos(1, 3), { minLength: 1, maxLength: 6 }), (req, pues) => {
        const c = compare({ baseline: req, variants: pues.map((pue, i) => ({ name: `v${i}`, changes: { pue } })) }, ctx);
        const ok = c.variants.filter((v) => v.estimate) as { estimate: Estimate; rank: number }[];
        for (const a of ok)
          for (const b of ok) if (a.estimate.co2eKg < b.estimate.co2eKg * (1 - 1e-9)) expect(a.rank).toBeLessThan(b.rank);
        const minCo2 = Math.min(c.baseline.estimate.co2eKg, ...ok.map((v) => v.estimate.co2eKg));
        const best = c.best === 'baseline' ? c.baseline.estimate : c.variants.find((v) => v.name === c.best)!.estimate!;
        expect(close(best.co2eKg, minCo2, 1e-9)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
