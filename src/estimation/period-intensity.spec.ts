import { estimate } from './estimate';
import type { EstimateRequest, EstimationContext, IntensityLookup, IntensitySeries, LocationRequest } from './estimation.types';
import { periodIntensity, workPeriod } from './period-intensity';

const HOUR = 3_600_000;
/** Electricity Maps' yearly DE figures as @tgwf/co2 ships them (gCO2e/kWh). */
const DE: Record<number, number> = { 2021: 439, 2022: 475, 2023: 379, 2024: 341, 2025: 342 };

/** A context whose yearly lookup behaves like the grid resolver (nearest earlier year, else the earliest, with a warning). */
function ctxWith(series: IntensitySeries | null = null): EstimationContext {
  return {
    dataVersion: 'test',
    resolveHardware: () => {
      throw new Error('no hardware in this test');
    },
    resolvePue: () => ({ value: 1, low: 1, high: 1, source: 'test' }),
    resolveIntensity(loc): IntensityLookup {
      if (loc.gPerKwh !== undefined) {
        return {
          zone: null,
          year: null,
          gPerKwh: loc.gPerKwh,
          signal: 'average',
          source: 'request',
          range: [loc.gPerKwh, loc.gPerKwh],
          warnings: [],
          resolvedFrom: 'request',
        };
      }
      const years = Object.keys(DE).map(Number);
      const want = loc.year ?? Math.max(...years);
      const earlier = years.filter((y) => y <= want);
      const year = earlier.length ? Math.max(...earlier) : Math.min(...years);
      const warnings = year === want ? [] : [`No average intensity for DE in ${want}; using ${year}`];
      return {
        zone: 'DE',
        year,
        gPerKwh: DE[year],
        signal: 'average',
        source: `Electricity Maps ${year}`,
        range: [341, 475],
        warnings,
        resolvedFrom: 'zone',
      };
    },
    intensitySeries: series
      ? (_loc: LocationRequest, from: number, to: number) => ({
          ...series,
          points: series.points.filter((p) => p.at < to && p.at > from - series.validityMs),
        })
      : undefined,
  };
}

const request = (over: Partial<EstimateRequest> = {}): EstimateRequest => ({
  hardware: { powerW: 1000, count: 1 },
  hours: 10,
  location: { zone: 'DE' },
  pue: 1,
  includeEmbodied: false,
  ...over,
});

describe('runs priced at their own time: yearly figures', () => {
  it('prices a 2022 run in DE with 2022 figure (475 g/kWh), not the latest year', () => {
    const ctx = { ...ctxWith(), period: { startedAt: '2022-06-01T00:00:00Z', endedAt: '2022-06-01T10:00:00Z' } };
    const e = estimate(request(), ctx);
    expect(e.factors.intensity.gPerKwh).toBe(475);
    expect(e.factors.intensity.year).toBe(2022);
    expect(e.co2eKg).toBeCloseTo((10 * 475) / 1000, 12); // 10 kWh x 475 g/kWh
    expect(e.factors.intensity.period).toMatchObject({
      method: 'yearly',
      weighting: 'flat',
      hours: 10,
      coverage: 0,
      series: null,
    });
    expect(e.factors.intensity.period!.years).toEqual([
      { year: 2022, hours: 10, gPerKwh: 475, dataYear: 2022, source: 'Electricity Maps 2022' },
    ]);
    // without a period: the latest year, as before
    expect(estimate(request(), ctxWith()).factors.intensity.gPerKwh).toBe(342);
  });

  it('weights a run spanning two years by its hours in each', () => {
    // 6 h in 2021 at 439 and 6 h in 2022 at 475: (6 x 439 + 6 x 475) / 12 = 457
    const ctx = { ...ctxWith(), period: { startedAt: '2021-12-31T18:00:00Z', endedAt: '2022-01-01T06:00:00Z' } };
    const e = estimate(request({ hours: 12 }), ctx);
    expect(e.factors.intensity.gPerKwh).toBeCloseTo(457, 12);
    expect(e.factors.intensity.period!.years.map((y) => [y.year, y.hours, y.gPerKwh])).toEqual([
      [2021, 6, 439],
      [2022, 6, 475],
    ]);
    expect(e.co2eKg).toBeCloseTo((12 * 457) / 1000, 12);
  });

  it('uses the nearest year with a warning when the run year has no figure', () => {
    const late = estimate(request(), {
      ...ctxWith(),
      period: { startedAt: '2026-03-01T00:00:00Z', endedAt: '2026-03-01T10:00:00Z' },
    });
    expect(late.factors.intensity).toMatchObject({ gPerKwh: 342, year: 2025 });
    expect(late.factors.intensity.period!.years).toEqual([
      { year: 2026, hours: 10, gPerKwh: 342, dataYear: 2025, source: 'Electricity Maps 2025' },
    ]);
    expect(late.warnings).toContain('No average intensity for DE in 2026; using 2025');
    const early = estimate(request(), {
      ...ctxWith(),
      period: { startedAt: '2019-03-01T00:00:00Z', endedAt: '2019-03-01T10:00:00Z' },
    });
    expect(early.factors.intensity.gPerKwh).toBe(439);
    expect(early.warnings).toContain('No average intensity for DE in 2019; using 2021');
  });

  it('lets an explicit location.year (or gPerKwh) win over the period', () => {
    const ctx = { ...ctxWith(), period: { startedAt: '2022-06-01T00:00:00Z', endedAt: '2022-06-01T10:00:00Z' } };
    const e = estimate(request({ location: { zone: 'DE', year: 2024 } }), ctx);
    expect(e.factors.intensity.gPerKwh).toBe(341);
    expect(e.factors.intensity.period).toBeUndefined();
    expect(estimate(request({ location: { gPerKwh: 100 } }), ctx).factors.intensity.gPerKwh).toBe(100);
  });

  it('derives the missing end from the request hours, else prices the instant it has', () => {
    const p = workPeriod(request({ hours: 5 }), { startedAt: '2022-12-31T22:00:00Z' })!;
    expect(p.end - p.start).toBe(5 * HOUR);
    const q = workPeriod(request({ hours: undefined, acceleratorHours: 32, hardware: { powerW: 500, count: 8 } }), {
      endedAt: '2022-01-01T02:00:00Z',
    })!;
    expect(q.end - q.start).toBe(4 * HOUR);
    const r = workPeriod(request({ hours: undefined, energyKwh: 10 }), { startedAt: '2022-05-01T00:00:00Z' })!;
    expect(r.end).toBe(r.start);
    expect(r.warnings[0]).toMatch(/endedAt not given/);
    expect(periodIntensity({ zone: 'DE' }, r, ctxWith()).gPerKwh).toBe(475);
  });
});

describe('runs priced at their own time: hourly series', () => {
  // An imported week of hourly points, 2024-03-04T00:00Z .. 2024-03-10T23:00Z (168 points):
  // even hours 300 g/kWh, odd hours 100 g/kWh.
  const weekStart = Date.UTC(2024, 2, 4);
  const week: IntensitySeries = {
    zone: 'DE',
    validityMs: 2 * HOUR,
    points: Array.from({ length: 168 }, (_, h) => ({
      at: weekStart + h * HOUR,
      gPerKwh: h % 2 === 0 ? 300 : 100,
      source: 'test import',
    })),
  };

  it('equals the time-weighted sum over the week (hand computation)', () => {
    // From 00:30 on day 1 to the end of the week: 0.5 h of hour 0 (300), then hours 1..167:
    // 84 odd hours at 100 and 83 even hours at 300.
    // sum = 0.5 x 300 + 84 x 100 + 83 x 300 = 150 + 8400 + 24900 = 33450 g·h/kWh over 167.5 h
    const ctx = { ...ctxWith(week), period: { startedAt: '2024-03-04T00:30:00Z', endedAt: '2024-03-11T00:00:00Z' } };
    const e = estimate(request({ hours: 167.5 }), ctx); // 1000 W for 167.5 h = 167.5 kWh
    expect(e.energyKwh).toBeCloseTo(167.5, 12);
    expect(e.factors.intensity.gPerKwh).toBeCloseTo(33450 / 167.5, 10);
    expect(e.operationalCo2eKg).toBeCloseTo(33.45, 10); // 167.5 kWh x (33450 / 167.5) g/kWh / 1000
    expect(e.factors.intensity.period).toMatchObject({ method: 'hourly', hours: 167.5, coverage: 1, years: [] });
    expect(e.factors.intensity.period!.series).toMatchObject({ zone: 'DE', points: 168, hours: 167.5, sources: ['test import'] });
    expect(e.factors.intensity.source).toBe('test import (hourly)');
    expect(e.factors.intensity.resolvedFrom).toBe('series');
    // the range of hourly-measured hours is the value itself
    expect(e.factors.intensity.range).toEqual([e.factors.intensity.gPerKwh, e.factors.intensity.gPerKwh]);
  });

  it('weighs hours by a power profile when one is given', () => {
    // hour 0 (300 g/kWh) at 400 W, hour 1 (100 g/kWh) at 200 W: (400 x 300 + 200 x 100) / 600 = 233.33...
    const ctx = {
      ...ctxWith(week),
      period: {
        startedAt: '2024-03-04T00:00:00Z',
        endedAt: '2024-03-04T02:00:00Z',
        powerProfile: [
          { at: '2024-03-04T00:00:00Z', powerW: 400 },
          { at: '2024-03-04T01:00:00Z', powerW: 200 },
        ],
      },
    };
    const e = estimate(request({ hours: 2 }), ctx);
    expect(e.factors.intensity.gPerKwh).toBeCloseTo(140000 / 600, 10);
    expect(e.factors.intensity.period!.weighting).toBe('power-profile');
    // flat: (300 + 100) / 2 = 200
    expect(
      estimate(request({ hours: 2 }), { ...ctx, period: { ...ctx.period, powerProfile: undefined } }).factors.intensity.gPerKwh,
    ).toBeCloseTo(200, 10);
  });

  it('fills hours the series does not cover with the yearly figure, and says how much it covered', () => {
    // 2024-03-10T22:00Z .. 2024-03-11T06:00Z: hours 166 (300) and 167 (100) are in the series; the last point
    // holds 2 h (its validity), so 22-23: 300, 23-01: 100 x 2 h, 01-06: DE 2024 = 341 x 5 h.
    // (300 + 200 + 1705) / 8 h = 2205 / 8
    const p = workPeriod(request(), { startedAt: '2024-03-10T22:00:00Z', endedAt: '2024-03-11T06:00:00Z' })!;
    const il = periodIntensity({ zone: 'DE' }, p, ctxWith(week));
    expect(il.gPerKwh).toBeCloseTo(2205 / 8, 10);
    expect(il.period).toMatchObject({ method: 'mixed', coverage: 3 / 8 });
    expect(il.period!.years).toEqual([{ year: 2024, hours: 5, gPerKwh: 341, dataYear: 2024, source: 'Electricity Maps 2024' }]);
    expect(il.warnings.join()).toMatch(/covers 37.5% of the period/);
    expect(il.range[0]).toBeLessThanOrEqual(il.gPerKwh);
    expect(il.range[1]).toBeGreaterThanOrEqual(il.gPerKwh);
  });

  it('agrees with a brute-force per-minute sum on a random period', () => {
    const start = weekStart + 3 * HOUR + 17 * 60_000;
    const end = weekStart + 40 * HOUR + 41 * 60_000;
    const p = workPeriod(request(), { startedAt: new Date(start), endedAt: new Date(end) })!;
    const il = periodIntensity({ zone: 'DE' }, p, ctxWith(week));
    let sum = 0;
    let n = 0;
    for (let t = start; t < end; t += 60_000) {
      sum += week.points[Math.floor((t - weekStart) / HOUR)].gPerKwh;
      n++;
    }
    expect(il.gPerKwh).toBeCloseTo(sum / n, 9);
  });
});
