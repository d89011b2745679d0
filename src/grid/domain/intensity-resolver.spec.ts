import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { GridReference, IntensityValue, loadGridReference } from './grid-reference';
import { GridError, GridErrorCode } from './grid.errors';
import { DEFAULT_PRECEDENCE, IntensityResolver, ResolvedIntensity } from './intensity-resolver';

const repoRoot = path.resolve(__dirname, '../../..');
/**
 * The public datasets copied into the repository (reference-data/, or REFERENCE_DATA_DIR); literal
 * expectations below are checked against them. Electricity Maps' yearly figures are read from the npm
 * package @tgwf/co2, which the service itself reads.
 */
const refDir = path.resolve(repoRoot, process.env.REFERENCE_DATA_DIR ?? 'reference-data');
const itRef = it;

const readJson = <T>(rel: string): T => JSON.parse(readFileSync(path.join(refDir, rel), 'utf8')) as T;
const readCsv = (file: string) =>
  parse(readFileSync(file, 'utf8'), { columns: true, trim: true, skip_empty_lines: true, bom: true }) as Record<string, string>[];

type EmberRow = { country_code: string; country_or_region: string; year: number; emissions_intensity_gco2_per_kwh: number };
type EmYear = Record<string, { carbonIntensity: { value: number } }>;
const emYear = (year: number): EmYear =>
  (require('@tgwf/co2/data') as { electricityMaps: Record<string, { data: EmYear }> }).electricityMaps[`yearly${year}`].data;
type MarginalRow = Record<string, string>;

const ref = loadGridReference();
const r = new IntensityResolver(ref);

function expectGridError(fn: () => unknown, code: GridErrorCode): GridError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(GridError);
    expect((e as GridError).code).toBe(code);
    return e as GridError;
  }
  throw new Error(`expected GridError ${code}`);
}

function expectRangeContains(res: ResolvedIntensity) {
  expect(res.range[0]).toBeLessThanOrEqual(res.gPerKwh);
  expect(res.range[1]).toBeGreaterThanOrEqual(res.gPerKwh);
}

describe('Google provider figures (gcp-regions.csv)', () => {
  it.each([
    // region, year, gPerKwh, scope  (literals from gcp-region-carbon/data/yearly/<year>.csv)
    ['us-central1', 2024, 412.72, 'direct'],
    ['europe-west9', 2024, 16.3, 'direct'],
    ['northamerica-northeast1', 2024, 5.48, 'direct'],
    ['us-central1', 2021, 394, 'direct'],
    ['us-central1', 2019, 479, 'lifecycle'],
  ])('gcp %s %i = %d g/kWh (%s) via the provider figure', (region, year, g, scope) => {
    const res = r.byCloudRegion('gcp', region as string, { year: year as number });
    expect(res).toMatchObject({
      gPerKwh: g,
      year,
      requestedYear: year,
      resolvedFrom: 'provider',
      sourceId: 'gcp',
      signal: 'average',
      scope,
      provider: 'gcp',
      region,
      license: 'Apache-2.0',
      warnings: [],
    });
    expectRangeContains(res);
  });

  it('us-central1 is on the MISO grid', () => {
    expect(r.byCloudRegion('gcp', 'us-central1', { year: 2024 }).zone).toBe('US-MIDW-MISO');
  });

  it('preferProviderFigure: false goes through the zone instead', () => {
    const res = r.byCloudRegion('gcp', 'us-central1', { year: 2024, preferProviderFigure: false });
    expect(res).toMatchObject({ zone: 'US-MIDW-MISO', gPerKwh: 487, sourceId: 'electricitymaps', resolvedFrom: 'cloud-region' });
  });

  itRef('every row of the reference CSVs resolves to its own value', () => {
    const dir = path.join(refDir, 'gcp-region-carbon/data/yearly');
    let n = 0;
    for (const year of [2019, 2020, 2021, 2022, 2023, 2024]) {
      const rows = readCsv(path.join(dir, `${year}.csv`));
      const col = Object.keys(rows[0]).find((c) => /carbon intensity/i.test(c))!;
      for (const row of rows) {
        const res = r.byCloudRegion('gcp', row['Google Cloud Region'], { year });
        expect([row['Google Cloud Region'], year, res.gPerKwh]).toEqual([row['Google Cloud Region'], year, Number(row[col])]);
        expect(res.scope).toBe(/lifecycle/i.test(col) ? 'lifecycle' : 'direct');
        n++;
      }
    }
    expect(n).toBeGreaterThan(200);
  });
});

describe('zone values from @tgwf/co2', () => {
  // Literals copied from Electricity Maps' yearly_<year> data (co2.js data/output/electricity-maps, shipped in @tgwf/co2)
  const emCases: [string, number, number][] = [
    ['FR', 2024, 33],
    ['FR', 2021, 60],
    ['DE', 2024, 341],
    ['US-CAL-CISO', 2024, 229],
    ['US-MIDW-MISO', 2024, 487],
    ['CA-QC', 2025, 41],
    ['JP-TK', 2024, 539],
    ['SE-SE3', 2021, 24],
    ['PL', 2021, 851],
  ];
  it.each(emCases)('Electricity Maps %s %i = %d', (zone, year, g) => {
    const res = r.byZone(zone, { year });
    expect(res).toMatchObject({
      zone,
      year,
      gPerKwh: g,
      sourceId: 'electricitymaps',
      scope: 'lifecycle',
      license: 'ODbL-1.0',
      resolvedFrom: 'zone',
      warnings: [],
    });
  });
  itRef.each(emCases)('literal Electricity Maps %s %i = %d matches the package data', (zone, year, g) => {
    expect(emYear(year)[zone].carbonIntensity.value).toBe(g);
  });

  // Literals copied from co2js/data/output/average-intensities.json (key, zone, year, value)
  const emberCases: [string, string, number, number][] = [
    ['World', 'WORLD', 2024, 472.94],
    ['EU', 'EU', 2024, 213.02],
    ['RUS', 'RU', 2024, 446.17],
    ['CHL', 'CL', 2024, 265.52],
    ['UKR', 'UA', 2022, 250.47],
  ];
  it.each(emberCases)('Ember %s -> %s %i = %d (zones Electricity Maps lacks)', (_key, zone, year, g) => {
    const res = r.byZone(zone);
    expect(res).toMatchObject({
      zone,
      year,
      gPerKwh: g,
      sourceId: 'ember',
      scope: 'lifecycle',
      license: 'CC-BY-SA-4.0',
      warnings: [],
    });
  });
  itRef.each(emberCases)('literal Ember %s matches the reference file', (key, _zone, year, g) => {
    const row = readJson<Record<string, EmberRow>>('co2js/data/output/average-intensities.json')[key];
    expect([row.year, row.emissions_intensity_gco2_per_kwh]).toEqual([year, g]);
  });

  const emberFirst = new IntensityResolver(ref, { precedence: ['ember', 'electricitymaps'] });
  it.each([
    ['FR', 2024, 44.18],
    ['DE', 2024, 342.06],
    ['IN', 2024, 708.96],
  ])('with precedence ember first, %s %i = Ember %d', (zone, year, g) => {
    expect(emberFirst.byZone(zone as string, { year: year as number })).toMatchObject({ gPerKwh: g, sourceId: 'ember' });
    // and the default precedence picks Electricity Maps for the same zone-year
    expect(r.byZone(zone as string, { year: year as number }).sourceId).toBe('electricitymaps');
  });

  it('documents the default precedence', () => {
    expect(DEFAULT_PRECEDENCE).toEqual(['electricitymaps', 'ember', 'unfccc']);
    expect(r.sourcePrecedence()).toEqual(['electricitymaps', 'ember', 'unfccc']);
  });

  // Literals copied from co2js/data/output/marginal-intensities-2021.json ("Operating Margin Grid Emission")
  const marginalCases: [string, string, number][] = [
    ['Afghanistan', 'AF', 414],
    ['United States', 'US', 416],
    ['France', 'FR', 158],
    ['Iceland', 'IS', 0],
    ['Paraguay', 'PY', 0],
  ];
  it.each(marginalCases)('UNFCCC marginal %s (%s) = %d', (_name, zone, g) => {
    const res = r.byZone(zone, { signal: 'marginal' });
    expect(res).toMatchObject({ zone, year: 2021, gPerKwh: g, signal: 'marginal', sourceId: 'unfccc', scope: 'direct' });
    if (g === 0) expect(res.warnings.join(' ')).toMatch(/is 0 \(hydro-dominated/);
    else expect(res.warnings).toEqual([]);
  });
  itRef.each(marginalCases)('literal UNFCCC %s matches the reference file', (name, zone, g) => {
    const row = readJson<Record<string, MarginalRow>>('co2js/data/output/marginal-intensities-2021.json')[name];
    expect(row.country_code_iso_2).toBe(zone);
    expect(Number(row['Operating Margin Grid Emission'])).toBe(g);
  });

  itRef('every Electricity Maps zone-year in the package data is loaded with its value', () => {
    let n = 0;
    for (const year of [2021, 2022, 2023, 2024, 2025]) {
      const data = emYear(year);
      for (const [zone, row] of Object.entries(data)) {
        const res = r.byZone(zone, { year });
        expect([zone, year, res.sourceId, res.gPerKwh]).toEqual([zone, year, 'electricitymaps', row.carbonIntensity.value]);
        n++;
      }
    }
    expect(n).toBe(352 * 5);
  });

  itRef('every Ember figure in the reference file is loaded with its year', () => {
    const keys = readCsv(path.join(repoRoot, 'seed/grid/co2js-keys.csv'));
    const zoneOf = new Map(keys.map((k) => [k.key, k.zone]));
    for (const [k, row] of Object.entries(readJson<Record<string, EmberRow>>('co2js/data/output/average-intensities.json'))) {
      const zone = zoneOf.get(row.country_code || k.toUpperCase());
      expect(zone).toBeTruthy();
      const found = r.intensitiesFor(zone!).find((v) => v.sourceId === 'ember');
      expect([k, found?.year, found?.gPerKwh]).toEqual([k, row.year, row.emissions_intensity_gco2_per_kwh]);
    }
  });

  itRef('every UNFCCC marginal factor with an ISO code is loaded, as marginal', () => {
    const keys = readCsv(path.join(repoRoot, 'seed/grid/co2js-keys.csv'));
    const zoneOf = new Map(keys.map((k) => [k.key, k.zone]));
    let n = 0;
    for (const row of Object.values(readJson<Record<string, MarginalRow>>('co2js/data/output/marginal-intensities-2021.json'))) {
      if (!row.country_code_iso_3) continue;
      const zone = zoneOf.get(row.country_code_iso_3)!;
      const vals = r.intensitiesFor(zone).filter((v) => v.sourceId === 'unfccc');
      expect(vals).toHaveLength(1);
      expect([zone, vals[0].signal, vals[0].gPerKwh]).toEqual([zone, 'marginal', Number(row['Operating Margin Grid Emission'])]);
      n++;
    }
    expect(n).toBeGreaterThanOrEqual(225);
    // the co2js file tags Cayman Islands with Cyprus' ISO2; the seed corrects it
    expect(zoneOf.get('CYM')).toBe('KY');
    expect(r.byZone('KY', { signal: 'marginal' }).gPerKwh).toBe(753);
    expect(r.byZone('CY', { signal: 'marginal' }).gPerKwh).toBe(751);
  });

  it('every Ember average carries a year (the package ships none) between 2022 and 2024', () => {
    const ember = ref.intensities.filter((v) => v.sourceId === 'ember');
    expect(ember.length).toBeGreaterThanOrEqual(220);
    for (const v of ember) {
      expect(v.year).toBeGreaterThanOrEqual(2022);
      expect(v.year).toBeLessThanOrEqual(2024);
    }
  });
});

describe('years', () => {
  it.each([
    // zone, requested, used, warning
    ['FR', undefined, 2025, null],
    ['FR', 2024, 2024, null],
    ['FR', 2030, 2025, /in 2030; using 2025, the nearest earlier year/],
    ['FR', 2019, 2021, /in or before 2019; using 2021, the earliest year available/],
    ['UA', 2024, 2022, /in 2024; using 2022, the nearest earlier year/],
  ])('%s requested %s -> %i', (zone, requested, used, warning) => {
    const res = r.byZone(zone as string, { year: requested as number | undefined });
    expect(res.year).toBe(used);
    expect(res.requestedYear).toBe(requested ?? null);
    if (warning) expect(res.warnings.join(' ')).toMatch(warning as RegExp);
    else expect(res.warnings).toEqual([]);
  });

  it('a GCP year beyond Google data uses the latest earlier figure, with a warning', () => {
    const res = r.byCloudRegion('gcp', 'us-central1', { year: 2025 });
    expect(res).toMatchObject({ year: 2024, gPerKwh: 412.72, resolvedFrom: 'provider' });
    expect(res.warnings[0]).toMatch(/gcp us-central1 in 2025; using 2024/);
  });
});

describe('fallbacks', () => {
  it.each([
    // call, zone used, resolvedFrom, warning
    [
      'subnational without marginal -> country',
      () => r.byZone('US-CAL-CISO', { signal: 'marginal' }),
      'US',
      'country-fallback',
      /US-CAL-CISO has no marginal intensity; using its country US/,
    ],
    [
      'country without average -> WORLD',
      () => r.byZone('AI'),
      'WORLD',
      'world-fallback',
      /AI has no average intensity; using the world figure/,
    ],
    [
      'cloud region marginal -> its zone -> country',
      () => r.byCloudRegion('aws', 'us-east-1', { signal: 'marginal' }),
      'US',
      'country-fallback',
      /US-MIDA-PJM has no marginal/,
    ],
  ])('%s', (_name, call, zone, from, warning) => {
    const res = (call as () => ResolvedIntensity)();
    expect(res.zone).toBe(zone);
    expect(res.resolvedFrom).toBe(from);
    expect(res.warnings.join(' ')).toMatch(warning as RegExp);
    expectRangeContains(res);
  });

  it('keeps the requested zone and provider on a cloud-region fallback', () => {
    const res = r.byCloudRegion('aws', 'us-east-1', { signal: 'marginal' });
    expect(res).toMatchObject({
      requestedZone: null,
      provider: 'aws',
      region: 'us-east-1',
      signal: 'marginal',
      sourceId: 'unfccc',
    });
  });

  // A small synthetic reference exercises the full chain subnational -> country -> WORLD.
  const v = (
    zone: string,
    year: number,
    g: number,
    signal: 'average' | 'marginal' = 'average',
    sourceId = 'ember',
  ): IntensityValue => ({
    zone,
    year,
    gPerKwh: g,
    signal,
    source: sourceId,
    sourceId,
    url: '',
    license: '',
    scope: 'lifecycle',
  });
  const tiny: GridReference = {
    zones: [
      { code: 'WORLD', name: 'World', countryCode: null, kind: 'aggregate', parent: null },
      { code: 'AA', name: 'Aland', countryCode: 'AA', kind: 'country', parent: 'WORLD' },
      { code: 'AA-N', name: 'North Aland', countryCode: 'AA', kind: 'subnational', parent: 'AA' },
      { code: 'BB', name: 'Bland', countryCode: 'BB', kind: 'country', parent: 'WORLD' },
      { code: 'BB-S', name: 'South Bland', countryCode: 'BB', kind: 'subnational', parent: 'BB' },
    ],
    intensities: [v('WORLD', 2024, 480), v('AA', 2024, 300), v('BB', 2021, 900, 'marginal', 'unfccc')],
    cloudRegions: [],
    providerIntensities: [],
    pue: [{ provider: 'unknown', value: 1.56, low: 1.1, high: 2, source: 's', url: '' }],
  };
  const t = new IntensityResolver(tiny);
  it.each([
    ['AA-N', 'average', 'AA', 300, 'country-fallback', 1],
    ['BB-S', 'average', 'WORLD', 480, 'world-fallback', 2],
    ['BB', 'average', 'WORLD', 480, 'world-fallback', 1],
    ['AA', 'average', 'AA', 300, 'zone', 0],
  ])('synthetic %s %s -> %s', (zone, signal, used, g, from, nWarnings) => {
    const res = t.byZone(zone as string, { signal: signal as 'average' });
    expect(res).toMatchObject({ zone: used, gPerKwh: g, resolvedFrom: from, requestedZone: zone });
    expect(res.warnings).toHaveLength(nWarnings as number);
  });
  it('no value anywhere in the chain -> INTENSITY_NOT_FOUND (marginal is never borrowed for average, nor the reverse)', () => {
    expectGridError(() => t.byZone('AA-N', { signal: 'marginal' }), GridErrorCode.INTENSITY_NOT_FOUND);
    expectGridError(() => r.byZone('ASIA', { signal: 'marginal' }), GridErrorCode.INTENSITY_NOT_FOUND);
  });
});

describe('signals are never mixed', () => {
  it('an average request never returns a marginal value, for any zone', () => {
    for (const z of r.zones()) {
      const res = r.byZone(z.code);
      expect([z.code, res.signal]).toEqual([z.code, 'average']);
      expect(res.sourceId).not.toBe('unfccc');
      expectRangeContains(res);
      const avg = ref.intensities.filter((x) => x.zone === res.zone && x.signal === 'average').map((x) => x.gPerKwh);
      expect(res.range).toEqual([Math.min(...avg), Math.max(...avg)]);
    }
  });

  it('a marginal request returns marginal values only', () => {
    for (const z of r.zones()) {
      let res: ResolvedIntensity;
      try {
        res = r.byZone(z.code, { signal: 'marginal' });
      } catch (e) {
        expect((e as GridError).code).toBe(GridErrorCode.INTENSITY_NOT_FOUND);
        continue;
      }
      expect([z.code, res.signal, res.sourceId]).toEqual([z.code, 'marginal', 'unfccc']);
      expectRangeContains(res);
    }
  });

  it('hydro countries with a 0 marginal factor keep a real average', () => {
    for (const zone of ['IS', 'PY', 'NP', 'BT', 'ET', 'AL', 'CD', 'SZ', 'LS']) {
      expect(r.byZone(zone, { signal: 'marginal' }).gPerKwh).toBe(0);
      expect(r.byZone(zone).gPerKwh).toBeGreaterThan(0);
    }
  });
});

describe('ISO 3166-1 alpha-3 country codes', () => {
  it('resolve to the country zone with a warning (CodeCarbon writes FRA)', () => {
    const fra = r.byZone('FRA');
    expect(fra.zone).toBe('FR');
    expect(fra.gPerKwh).toBe(r.byZone('FR').gPerKwh);
    expect(fra.warnings[0]).toBe("zone 'FRA' read as the ISO 3166-1 alpha-3 code of FR");
    expect(r.byZone('deu').zone).toBe('DE');
  });
});

describe('errors and suggestions', () => {
  it.each([
    ['califrnia', 'US-CAL-CISO'],
    ['UK', 'GB'],
    ['US-CAL', 'US-CAL-CISO'],
    ['Quebec', 'CA-QC'],
    ['FRX', 'FR'],
    ['US-CAL-XYZ', 'US'],
  ])('unknown zone %s -> ZONE_NOT_FOUND suggesting %s', (q, expected) => {
    const err = expectGridError(() => r.byZone(q), GridErrorCode.ZONE_NOT_FOUND);
    expect(err.details).toContain(expected);
    expect(err.message).toContain(q);
    expect(r.suggestZones(q)).toEqual(err.details);
  });

  it.each([
    ['aws', 'us-east-9', 'us-east-1'],
    ['gcp', 'us-central', 'us-central1'],
    ['azure', 'east us 4', 'eastus'],
    ['gcp', 'iowa', 'us-central1'],
    ['ibm', 'us-south', 'aws'],
  ])('unknown region %s/%s -> CLOUD_REGION_NOT_FOUND suggesting %s', (p, region, expected) => {
    const err = expectGridError(() => r.byCloudRegion(p, region), GridErrorCode.CLOUD_REGION_NOT_FOUND);
    expect(err.details).toContain(expected);
  });

  it('limits suggestions', () => {
    expect(r.suggestZones('US-', 3)).toHaveLength(3);
    expect(r.suggestZones('')).toEqual([]);
  });
});

describe('lookups', () => {
  it.each([
    ['fr', 'FR'],
    [' us-cal-ciso ', 'US-CAL-CISO'],
    ['world', 'WORLD'],
  ])('zone codes are case-insensitive: %s', (q, code) => {
    expect(r.zone(q)?.code).toBe(code);
    expect(r.byZone(q).zone).toBe(code);
  });

  it.each([
    ['US-CAL-CISO', 'California ISO', 'US', 'subnational', 'US'],
    ['CA-QC', 'Québec', 'CA', 'subnational', 'CA'],
    ['US-MIDA-PJM', 'PJM Interconnection', 'US', 'subnational', 'US'],
    ['FR', 'France', 'FR', 'country', 'WORLD'],
    ['CL', 'Chile', 'CL', 'country', 'WORLD'],
    ['WORLD', 'World', null, 'aggregate', null],
    ['EU', 'European Union (EU-27)', null, 'aggregate', null],
  ])('zone %s', (code, name, countryCode, kind, parent) => {
    expect(r.zone(code)).toEqual({ code, name, countryCode, kind, parent });
  });

  it('cloud region names match the provider spelling and display names', () => {
    expect(r.byCloudRegion('azure', 'East US 2').region).toBe('eastus2');
    expect(r.byCloudRegion('Amazon', 'US-EAST-1').zone).toBe('US-MIDA-PJM');
    expect(r.byCloudRegion('google', 'europe-west1').provider).toBe('gcp');
  });

  it('intensitiesFor lists both signals of a zone', () => {
    const vals = r.intensitiesFor('fr');
    expect(new Set(vals.map((x) => x.sourceId))).toEqual(new Set(['electricitymaps', 'ember', 'unfccc']));
    expect(r.intensitiesFor('nope')).toEqual([]);
  });

  it('fromRequest keeps a given intensity as is', () => {
    expect(r.fromRequest(429, { year: 2024 })).toMatchObject({
      gPerKwh: 429,
      resolvedFrom: 'request',
      range: [429, 429],
      year: 2024,
    });
  });
});

describe('PUE defaults (Cloud Carbon Footprint set)', () => {
  it.each([
    ['aws', 1.135],
    ['gcp', 1.1],
    ['azure', 1.185],
    ['AWS', 1.135],
    ['google', 1.1],
    [null, 1.56],
    [undefined, 1.56],
    ['oracle', 1.56],
    ['unknown', 1.56],
  ])('pueFor(%s) = %d', (p, value) => {
    const pue = r.pueFor(p as string | null | undefined);
    expect(pue.value).toBe(value);
    expect(pue.low).toBeLessThanOrEqual(pue.value);
    expect(pue.high).toBeGreaterThanOrEqual(pue.value);
    expect(pue.source).toBeTruthy();
    expect(pue.url).toMatch(/^https:\/\//);
  });
});

describe('coverage', () => {
  const withValues = new Set(ref.intensities.map((x) => x.zone));
  it.each([
    ['country', 200],
    ['subnational', 140],
  ])('at least %s %i zones have intensities', (kind, min) => {
    expect(r.zones().filter((z) => z.kind === kind && withValues.has(z.code)).length).toBeGreaterThanOrEqual(min as number);
  });

  it('every zone with values is a known zone and every name is set', () => {
    for (const code of withValues) expect(r.zone(code)).not.toBeNull();
    for (const z of r.zones()) expect(z.name).toBeTruthy();
  });

  const emZones = new Set<string>();
  const em = (require('@tgwf/co2/data') as { electricityMaps: Record<string, { data: Record<string, unknown> }> })
    .electricityMaps;
  for (const set of Object.values(em)) for (const k of Object.keys(set.data)) emZones.add(k);

  it.each(['aws', 'gcp', 'azure'])(
    '%s: >= 15 regions, each on an Electricity Maps zone with an average, and a provider PUE',
    (p) => {
      const regions = r.cloudRegions(p);
      expect(regions.length).toBeGreaterThanOrEqual(15);
      expect(r.pueFor(p)).not.toBe(r.pueFor('unknown'));
      for (const reg of regions) {
        expect([reg.region, emZones.has(reg.zone)]).toEqual([reg.region, true]);
        const res = r.byCloudRegion(p, reg.region);
        expect([reg.region, res.resolvedFrom]).toEqual([reg.region, p === 'gcp' ? 'provider' : 'cloud-region']);
        expect(res.warnings).toEqual([]);
        expect(res.gPerKwh).toBeGreaterThanOrEqual(0);
        expectRangeContains(res);
        const viaZone = r.byCloudRegion(p, reg.region, { preferProviderFigure: false });
        expect(viaZone.resolvedFrom).toBe('cloud-region');
      }
    },
  );

  it('lookups are map-based and fast', () => {
    const t0 = performance.now();
    for (let i = 0; i < 20000; i++) {
      r.byZone(i % 2 ? 'US-CAL-CISO' : 'fr', { year: 2023 });
      r.byCloudRegion('aws', 'eu-west-1');
    }
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});
