/**
 * Builds the normalized, in-memory grid reference dataset (zones, yearly intensities, cloud regions,
 * provider figures, PUE defaults). Pure: no Nest, no database; it reads the npm package `@tgwf/co2`
 * (the intensity values are NOT copied into this repository) and the curated files in `seed/grid/`
 * (mappings, names and the metadata the package does not ship; see scripts/seed-data/build-grid.ts).
 *
 * Sources and how they become IntensityValues:
 * - `ember`           co2js `averageIntensity` (Ember yearly data, one latest year per country,
 *                     2022-2024, plus aggregates like World/EU). signal 'average', scope 'lifecycle'.
 *                     The package ships values without their year: the year comes from
 *                     seed/grid/co2js-keys.csv (taken from co2js' average-intensities.json).
 * - `electricitymaps` co2js `electricityMaps.yearly2021..2025` (352 zones). 'average', 'lifecycle'.
 * - `unfccc`          co2js `marginalIntensity` (UNFCCC IFI TWG harmonised factors v3.1, 2021; co2js
 *                     ships the Operating Margin column). signal 'marginal', scope 'direct'.
 *                     Nine hydro-dominated countries are 0 in every column: the 0 is kept (it is what
 *                     the harmonised dataset says: their operating margin has no fossil units) but it
 *                     stays 'marginal', never an average, and the resolver warns when it returns it.
 * - `gcp`             Google's own per-region figures (seed/grid/gcp-regions.csv); 'average';
 *                     scope 'lifecycle' for 2019-2020 and 'direct' (operational) from 2021. These are
 *                     provider figures keyed by region, not zone values.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';

export type Signal = 'average' | 'marginal';
export type ZoneKind = 'country' | 'subnational' | 'aggregate';
export type Scope = 'lifecycle' | 'direct' | null;

export interface IntensityValue {
  zone: string;
  year: number;
  gPerKwh: number;
  signal: Signal;
  source: string;
  /** e.g. 'ember', 'electricitymaps', 'unfccc', 'gcp' */
  sourceId: string;
  url: string;
  license: string;
  scope: 'lifecycle' | 'direct' | null;
}

export interface ZoneRecord {
  code: string;
  name: string;
  countryCode: string | null;
  kind: ZoneKind;
  /** subnational -> its country code; country -> 'WORLD'; aggregates -> null */
  parent: string | null;
}

export interface CloudRegionRecord {
  provider: 'aws' | 'gcp' | 'azure';
  region: string;
  zone: string;
  location: string;
  source: string;
}

export interface PueDefault {
  /** 'aws' | 'gcp' | 'azure' | 'unknown' */
  provider: string;
  value: number;
  low: number;
  high: number;
  source: string;
  url: string;
}

export type ProviderIntensityValue = IntensityValue & { provider: string; region: string };

export interface GridReference {
  zones: ZoneRecord[];
  intensities: IntensityValue[];
  cloudRegions: CloudRegionRecord[];
  providerIntensities: ProviderIntensityValue[];
  pue: PueDefault[];
  /** ISO 3166-1 alpha-3 country code -> zone (CodeCarbon and others write 'FRA'); from co2js' country keys. */
  iso3Zones?: Record<string, string>;
}

/** Shape of the parts of `@tgwf/co2/data` this loader reads. */
interface Co2Data {
  averageIntensity: { data: Record<string, number> };
  marginalIntensity: { data: Record<string, string | number>; year?: number };
  electricityMaps: Record<
    string,
    { data: Record<string, { carbonIntensity?: { value: number | null } | null }>; methodology?: string }
  >;
}

export const CO2JS_PACKAGE = '@tgwf/co2';

function co2jsVersion(): string {
  try {
    let dir = path.dirname(require.resolve(`${CO2JS_PACKAGE}/data`));
    for (let i = 0; i < 6; i++) {
      const pj = path.join(dir, 'package.json');
      if (existsSync(pj)) {
        const pkg = JSON.parse(readFileSync(pj, 'utf8')) as { name?: string; version?: string };
        if (pkg.name === CO2JS_PACKAGE && pkg.version) return pkg.version;
      }
      dir = path.dirname(dir);
    }
  } catch {
    /* version is informative only */
  }
  return 'unknown';
}

/** Default location of the curated files: <repo>/seed/grid (same depth from src/ and dist/). */
export function defaultGridSeedDir(): string {
  if (process.env.GRID_SEED_DIR) return path.resolve(process.env.GRID_SEED_DIR);
  const fromModule = path.resolve(__dirname, '../../../seed/grid');
  if (existsSync(fromModule)) return fromModule;
  return path.resolve(process.cwd(), 'seed/grid');
}

function readCsv(file: string): Record<string, string>[] {
  return parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true, trim: true, bom: true }) as Record<
    string,
    string
  >[];
}

const PROVIDERS = new Set(['aws', 'gcp', 'azure']);

const iso3ZonesOf = (keyRows: Record<string, string>[]): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const r of keyRows) if (r.zone && r.kind === 'country' && /^[A-Z]{3}$/.test(r.key)) out[r.key] = r.zone.toUpperCase();
  return out;
};

/**
 * ISO 3166-1 alpha-3 country code -> zone, from the shipped seed (co2js keys its country figures by alpha-3).
 * The zones table has no alpha-3 column; the mapping is a fixed standard, so the service reads it from the seed.
 */
export function loadIso3Zones(opts: { seedDir?: string } = {}): Record<string, string> {
  const f = path.join(opts.seedDir ?? defaultGridSeedDir(), 'co2js-keys.csv');
  return existsSync(f) ? iso3ZonesOf(readCsv(f)) : {};
}

export function loadGridReference(opts: { seedDir?: string } = {}): GridReference {
  const seedDir = opts.seedDir ?? defaultGridSeedDir();
  const file = (name: string) => {
    const f = path.join(seedDir, name);
    if (!existsSync(f)) throw new Error(`grid seed file missing: ${f} (run npx tsx scripts/seed-data/build-grid.ts)`);
    return f;
  };

  const co2 = require('@tgwf/co2/data') as Co2Data;
  const version = co2jsVersion();
  const via = `via ${CO2JS_PACKAGE} ${version}`;

  const SRC = {
    ember: {
      source: `Ember, Yearly Electricity Data: emissions intensity of generation (${via})`,
      url: 'https://ember-energy.org/data/yearly-electricity-data/',
      license: 'CC-BY-SA-4.0',
      scope: 'lifecycle' as const,
    },
    electricitymaps: {
      source: `Electricity Maps, yearly carbon intensity (${via})`,
      url: 'https://www.electricitymaps.com/data-portal',
      license: 'ODbL-1.0',
      scope: 'lifecycle' as const,
    },
    unfccc: {
      source: `UNFCCC IFI TWG harmonised grid emission factors v3.1 (2021), operating margin (${via})`,
      url: 'https://unfccc.int/climate-action/sectoral-engagement/ifis-harmonization-of-standards-for-ghg-accounting',
      license: 'CC-BY-SA-4.0',
      scope: 'direct' as const,
    },
  };

  // ---- zones ---------------------------------------------------------------------------------
  const names = JSON.parse(readFileSync(file('zone-names.json'), 'utf8')) as Record<
    string,
    { name: string; countryCode: string | null; kind: ZoneKind }
  >;
  const zoneMap = new Map<string, ZoneRecord>();
  for (const [rawCode, z] of Object.entries(names)) {
    const code = rawCode.toUpperCase();
    zoneMap.set(code, { code, name: z.name, countryCode: z.countryCode, kind: z.kind, parent: null });
  }
  const ensureZone = (code: string, kind: ZoneKind) => {
    if (zoneMap.has(code)) return;
    const cc = kind === 'aggregate' ? null : code.split('-')[0];
    zoneMap.set(code, { code, name: code, countryCode: cc, kind, parent: null });
  };

  // ---- co2js keys -> zones -------------------------------------------------------------------
  const keyRows = readCsv(file('co2js-keys.csv'));
  const keyZone = new Map<string, { zone: string; kind: ZoneKind; emberYear: number | null }>();
  for (const r of keyRows) {
    if (!r.zone) continue; // documented skips (no zone in the data)
    keyZone.set(r.key.toUpperCase(), {
      zone: r.zone.toUpperCase(),
      kind: r.kind as ZoneKind,
      emberYear: r.emberYear ? Number(r.emberYear) : null,
    });
  }

  const intensities: IntensityValue[] = [];
  const push = (zone: string, year: number, g: unknown, signal: Signal, id: keyof typeof SRC, urlOverride?: string) => {
    const n = typeof g === 'string' ? Number(g.trim()) : typeof g === 'number' ? g : NaN;
    if (!Number.isFinite(n) || n < 0 || (typeof g === 'string' && g.trim() === '')) return;
    const s = SRC[id];
    intensities.push({
      zone,
      year,
      gPerKwh: n,
      signal,
      source: s.source,
      sourceId: id,
      url: urlOverride ?? s.url,
      license: s.license,
      scope: s.scope,
    });
  };

  // Ember averages (latest year per country)
  for (const [key, value] of Object.entries(co2.averageIntensity.data)) {
    const m = keyZone.get(key.toUpperCase());
    if (!m || m.emberYear === null) continue; // unmapped key or unknown year: not guessed
    ensureZone(m.zone, m.kind);
    push(m.zone, m.emberYear, value, 'average', 'ember');
  }

  // UNFCCC marginal (operating margin, 2021)
  const marginalYear = Number(co2.marginalIntensity.year ?? 2021);
  for (const [key, value] of Object.entries(co2.marginalIntensity.data)) {
    const m = keyZone.get(key.toUpperCase());
    if (!m) continue;
    ensureZone(m.zone, m.kind);
    push(m.zone, marginalYear, value, 'marginal', 'unfccc');
  }

  // Electricity Maps yearly
  for (const [k, set] of Object.entries(co2.electricityMaps)) {
    const year = Number(k.replace(/\D/g, ''));
    if (!Number.isInteger(year)) continue;
    for (const [rawCode, row] of Object.entries(set.data)) {
      const code = rawCode.toUpperCase();
      ensureZone(code, code.includes('-') ? 'subnational' : 'country');
      push(code, year, row?.carbonIntensity?.value ?? null, 'average', 'electricitymaps');
    }
  }

  // ---- parents -------------------------------------------------------------------------------
  for (const z of zoneMap.values()) {
    if (z.kind === 'subnational') {
      const cc = z.countryCode ?? z.code.split('-')[0];
      z.parent = zoneMap.has(cc) ? cc : 'WORLD';
    } else if (z.kind === 'country') {
      z.parent = 'WORLD';
    } else {
      z.parent = null;
    }
  }

  // ---- cloud regions and provider figures ----------------------------------------------------
  const cloudRegions: CloudRegionRecord[] = readCsv(file('cloud-regions.csv'))
    .filter((r) => PROVIDERS.has(r.provider))
    .map((r) => ({
      provider: r.provider as CloudRegionRecord['provider'],
      region: r.region,
      zone: r.zone.toUpperCase(),
      location: r.location,
      source: r.source,
    }));

  const providerIntensities: ProviderIntensityValue[] = [];
  for (const r of readCsv(file('gcp-regions.csv'))) {
    const g = Number(r.gPerKwh);
    if (r.gPerKwh === '' || !Number.isFinite(g)) continue;
    providerIntensities.push({
      provider: 'gcp',
      region: r.region,
      zone: r.zone.toUpperCase(),
      year: Number(r.year),
      gPerKwh: g,
      signal: 'average',
      source: r.source,
      sourceId: 'gcp',
      url: r.url,
      license: r.license,
      scope: r.scope === 'lifecycle' || r.scope === 'direct' ? r.scope : null,
    });
  }

  // ---- PUE -----------------------------------------------------------------------------------
  const pueJson = JSON.parse(readFileSync(file('pue.json'), 'utf8')) as { defaults: PueDefault[] };
  const pue: PueDefault[] = pueJson.defaults.map((p) => ({
    provider: p.provider.toLowerCase(),
    value: p.value,
    low: p.low,
    high: p.high,
    source: p.source,
    url: p.url,
  }));

  const zones = [...zoneMap.values()].sort((a, b) => a.code.localeCompare(b.code));
  return { zones, intensities, cloudRegions, providerIntensities, pue, iso3Zones: iso3ZonesOf(keyRows) };
}
