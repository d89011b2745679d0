/**
 * Builds the curated grid reference files under seed/grid/ from the public datasets copied under
 * reference-data/ (or REFERENCE_DATA_DIR) and from the
 * npm package @tgwf/co2 (the service depends on the package at runtime for the intensity values
 * themselves; only metadata the package does not ship is written here).
 *
 *   npx tsx scripts/seed-data/build-grid.ts            # writes seed/grid/*
 *   npx tsx scripts/seed-data/build-grid.ts --check    # fails if the committed files would change
 *
 * Outputs (all deterministic, sorted):
 *   seed/grid/gcp-regions.csv    Google's per-region, per-year grid intensity (2019-2024), with scope
 *   seed/grid/cloud-regions.csv  AWS / Azure / GCP regions -> Electricity Maps zone
 *   seed/grid/co2js-keys.csv     co2js data keys (ISO3 / aggregate / island names) -> zone code,
 *                                and the Ember year of each average figure (the package's
 *                                average-intensities.min.js ships values without their year)
 *   seed/grid/zone-names.json    zone code -> { name, countryCode, kind }
 *   seed/grid/pue.json           provider PUE defaults with low/high and sources
 * seed/NOTICE-grid.md is hand-written (credits); it is not generated.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { checkOnly, exitOnProblems, fail, referenceDataDir, writeOutputs } from './lib';

type EmZone = { zoneName?: string; countryName?: string; displayName?: string };
/** The parts of `@tgwf/co2/data` read here. */
const co2data = require('@tgwf/co2/data') as {
  averageIntensity: { data: Record<string, number> };
  marginalIntensity: { data: Record<string, string> };
  electricityMaps: Record<string, { data: Record<string, { zone?: EmZone }> }>;
};
type Row = Record<string, string>;
const readCsv = (file: string): Row[] =>
  parse(readFileSync(file, 'utf8'), { columns: true, trim: true, skip_empty_lines: true, bom: true }) as Row[];

const refDir = referenceDataDir();

// ---------------------------------------------------------------------------------------------
// Electricity Maps zones as shipped by @tgwf/co2 (the set every zone code must belong to)
// ---------------------------------------------------------------------------------------------
const emYears = Object.keys(co2data.electricityMaps)
  .map((k) => Number(k.replace('yearly', '')))
  .sort();
const emZones = new Map<string, EmZone>(); // code -> zone metadata of the latest year
for (const y of emYears) {
  for (const [code, row] of Object.entries(co2data.electricityMaps[`yearly${y}`].data)) {
    emZones.set(code, row.zone ?? {});
  }
}

// ---------------------------------------------------------------------------------------------
// co2js keys -> zone codes (+ Ember year)
// ---------------------------------------------------------------------------------------------
const co2jsOut = path.join(refDir, 'co2js/data/output');
const avgRef = JSON.parse(readFileSync(path.join(co2jsOut, 'average-intensities.json'), 'utf8')) as Record<
  string,
  { country_code: string; country_or_region: string; year: number; emissions_intensity_gco2_per_kwh: number }
>;
const margRef = JSON.parse(readFileSync(path.join(co2jsOut, 'marginal-intensities-2021.json'), 'utf8')) as Record<string, Row>;

/** Ember aggregates: the package keys them upper-cased; our zone codes for them. */
const AGGREGATES: Record<string, { zone: string; name: string }> = {
  WORLD: { zone: 'WORLD', name: 'World' },
  EU: { zone: 'EU', name: 'European Union (EU-27)' },
  OECD: { zone: 'OECD', name: 'OECD members' },
  G7: { zone: 'G7', name: 'G7' },
  G20: { zone: 'G20', name: 'G20' },
  ASEAN: { zone: 'ASEAN', name: 'ASEAN' },
  AFRICA: { zone: 'AFRICA', name: 'Africa' },
  ASIA: { zone: 'ASIA', name: 'Asia' },
  EUROPE: { zone: 'EUROPE', name: 'Europe' },
  OCEANIA: { zone: 'OCEANIA', name: 'Oceania' },
  'NORTH AMERICA': { zone: 'NORTH_AMERICA', name: 'North America' },
  'MIDDLE EAST': { zone: 'MIDDLE_EAST', name: 'Middle East' },
  'LATIN AMERICA AND CARIBBEAN': { zone: 'LATIN_AMERICA_CARIBBEAN', name: 'Latin America and Caribbean' },
};
/** ISO3 codes Ember uses that the UNFCCC file (our ISO3->ISO2 table) lacks. */
const EXTRA_ISO3: Record<string, string> = { HKG: 'HK', MAC: 'MO' };
/** Errors in the co2js marginal file's ISO columns: Cayman Islands (CYM) is tagged iso2 'CY' (Cyprus). */
const ISO3_CORRECTIONS: Record<string, string> = { CYM: 'KY' };
/** Named (non-ISO) keys of the marginal file. null = no zone of that name in the data: skipped. */
const MARGINAL_NAMED: Record<string, { zone: string | null; note: string }> = {
  'MADEIRA (PORTUGAL)': { zone: 'PT-MA', note: 'Electricity Maps zone PT-MA (Madeira)' },
  'MEMO:  EU 27': { zone: 'EU', note: "UNFCCC 'Memo: EU 27' row" },
  'AZORES (PORTUGAL)': { zone: null, note: 'skipped: no Azores zone in the Electricity Maps data shipped by co2js' },
  'CHANNEL ISLANDS (U.K)': { zone: null, note: 'skipped: Jersey/Guernsey are not one zone; no zone in the data' },
};

const iso3to2: Record<string, string> = { ...EXTRA_ISO3 };
const iso3Name: Record<string, string> = {};
for (const v of Object.values(margRef)) {
  if (v.country_code_iso_3 && v.country_code_iso_2) {
    iso3to2[v.country_code_iso_3] = v.country_code_iso_2;
    iso3Name[v.country_code_iso_3] = v['Country / Territory / Island'];
  }
}
Object.assign(iso3to2, ISO3_CORRECTIONS);
{
  const seen: Record<string, string> = {};
  for (const [i3, i2] of Object.entries(iso3to2)) {
    if (seen[i2]) fail(`ISO2 ${i2} claimed by both ${seen[i2]} and ${i3}: add a correction`);
    seen[i2] = i3;
  }
}
const emberByKey: Record<string, { year: number; value: number; name: string }> = {}; // package key -> { year, value, name }
for (const [k, v] of Object.entries(avgRef)) {
  const key = v.country_code || k.toUpperCase();
  emberByKey[key] = { year: v.year, value: v.emissions_intensity_gco2_per_kwh, name: v.country_or_region };
}

const keyRows: {
  key: string;
  zone: string;
  kind: string;
  emberYear: number | '';
  hasAverage: string;
  hasMarginal: string;
  note: string;
}[] = [];
const zoneOfKey: Record<string, string> = {};
const pkgAvg = co2data.averageIntensity.data;
const pkgMarg = co2data.marginalIntensity.data;
const allKeys = [...new Set([...Object.keys(pkgAvg), ...Object.keys(pkgMarg), ...Object.keys(emberByKey)])].sort();
for (const key of allKeys) {
  let zone: string | null;
  let kind = 'country';
  let note = '';
  if (AGGREGATES[key]) {
    zone = AGGREGATES[key].zone;
    kind = 'aggregate';
  } else if (MARGINAL_NAMED[key]) {
    zone = MARGINAL_NAMED[key].zone;
    note = MARGINAL_NAMED[key].note;
    kind = zone === 'EU' ? 'aggregate' : 'subnational';
  } else if (iso3to2[key]) {
    zone = iso3to2[key];
    if (ISO3_CORRECTIONS[key]) note = `ISO2 corrected to ${zone} (the co2js marginal file tags ${key} as another code)`;
  } else {
    fail(`co2js key ${key} has no zone mapping`);
    continue;
  }
  const ember = emberByKey[key];
  if (pkgAvg[key] !== undefined) {
    if (!ember) fail(`package average ${key}=${pkgAvg[key]} not in reference average-intensities.json (no year known)`);
    else if (ember.value !== pkgAvg[key]) {
      fail(`package average ${key}=${pkgAvg[key]} differs from reference ${ember.value}: refresh reference data or package`);
    }
  } else if (ember) {
    note = [note, `Ember ${ember.year} figure ${ember.value} present in the reference copy but not in the installed package`]
      .filter(Boolean)
      .join('; ');
  }
  if (zone) zoneOfKey[key] = zone;
  keyRows.push({
    key,
    zone: zone ?? '',
    kind,
    emberYear: pkgAvg[key] !== undefined && ember ? ember.year : '',
    hasAverage: pkgAvg[key] !== undefined ? 'yes' : 'no',
    hasMarginal: pkgMarg[key] !== undefined ? 'yes' : 'no',
    note,
  });
}

// ---------------------------------------------------------------------------------------------
// GCP: Google's own per-region figures
// ---------------------------------------------------------------------------------------------
/** GCP region -> Electricity Maps zone of its grid (checked against Google's figures: Google's
 * post-2021 operational values sit ~10-30% under Electricity Maps' lifecycle values of the zone). */
const GCP_ZONES: Record<string, string> = {
  'africa-south1': 'ZA',
  'asia-east1': 'TW',
  'asia-east2': 'HK',
  'asia-northeast1': 'JP-TK',
  'asia-northeast2': 'JP-KN',
  'asia-northeast3': 'KR',
  'asia-south1': 'IN-WE',
  'asia-south2': 'IN-NO',
  'asia-southeast1': 'SG',
  'asia-southeast2': 'ID',
  'australia-southeast1': 'AU-NSW',
  'australia-southeast2': 'AU-VIC',
  'europe-central2': 'PL',
  'europe-north1': 'FI',
  'europe-north2': 'SE-SE3',
  'europe-southwest1': 'ES',
  'europe-west1': 'BE',
  'europe-west2': 'GB',
  'europe-west3': 'DE',
  'europe-west4': 'NL',
  'europe-west6': 'CH',
  'europe-west8': 'IT-NO',
  'europe-west9': 'FR',
  'europe-west10': 'DE',
  'europe-west12': 'IT-NO',
  'me-central1': 'QA',
  'me-central2': 'SA',
  'me-west1': 'IL',
  'northamerica-northeast1': 'CA-QC',
  'northamerica-northeast2': 'CA-ON',
  'northamerica-south1': 'MX',
  'southamerica-east1': 'BR-CS',
  'southamerica-west1': 'CL-SEN',
  'us-central1': 'US-MIDW-MISO',
  'us-central2': 'US-CENT-SWPP',
  'us-east1': 'US-CAR-SC',
  'us-east2': 'US-SE-SOCO',
  'us-east4': 'US-MIDA-PJM',
  'us-east5': 'US-MIDA-PJM',
  'us-south1': 'US-TEX-ERCO',
  'us-west1': 'US-NW-BPAT',
  'us-west2': 'US-CAL-CISO',
  'us-west3': 'US-NW-PACE',
  'us-west4': 'US-NW-NEVP',
};
const GCP_COUNTRY: Record<string, string> = {
  ZA: 'South Africa',
  TW: 'Taiwan',
  HK: 'Hong Kong',
  JP: 'Japan',
  KR: 'South Korea',
  IN: 'India',
  SG: 'Singapore',
  ID: 'Indonesia',
  AU: 'Australia',
  PL: 'Poland',
  FI: 'Finland',
  SE: 'Sweden',
  ES: 'Spain',
  BE: 'Belgium',
  GB: 'United Kingdom',
  DE: 'Germany',
  NL: 'Netherlands',
  CH: 'Switzerland',
  IT: 'Italy',
  FR: 'France',
  QA: 'Qatar',
  SA: 'Saudi Arabia',
  IL: 'Israel',
  CA: 'Canada',
  MX: 'Mexico',
  BR: 'Brazil',
  CL: 'Chile',
  US: 'United States',
};
const GCP_URL = 'https://cloud.google.com/sustainability/region-carbon';
const GCP_SOURCE = 'Google Cloud, Carbon free energy for Google Cloud regions (GoogleCloudPlatform/region-carbon-info@49f3f26)';
const gcpDir = path.join(refDir, 'gcp-region-carbon/data/yearly');
interface GcpRow {
  region: string;
  location: string;
  zone: string;
  year: number;
  gPerKwh: string;
  cfePct: string;
  scope: string;
  source: string;
  url: string;
  license: string;
  provider?: undefined;
}
const gcpRows: GcpRow[] = [];
const gcpLocation: Record<string, string> = {};
for (const file of readdirSync(gcpDir)
  .filter((f) => /^\d{4}\.csv$/.test(f))
  .sort()) {
  const year = Number(file.slice(0, 4));
  const records = readCsv(path.join(gcpDir, file));
  const cols = Object.keys(records[0]);
  const intensityCol = cols.find((c) => /carbon intensity/i.test(c)) ?? '';
  const scope = /lifecycle/i.test(intensityCol) ? 'lifecycle' : 'direct';
  for (const r of records) {
    const region = r['Google Cloud Region'];
    const zone = GCP_ZONES[region];
    if (!zone) {
      fail(`GCP region ${region} (${file}) has no zone mapping`);
      continue;
    }
    const g = r[intensityCol];
    if (g === '' || !Number.isFinite(Number(g))) {
      fail(`GCP ${region} ${year}: intensity '${g}'`);
      continue;
    }
    const cfe = r['Google CFE'];
    const cc = zone.split('-')[0];
    const location = `${r['Location']}, ${GCP_COUNTRY[cc] ?? cc}`.replace(/^(.+), \1$/, '$1');
    gcpLocation[region] = location;
    gcpRows.push({
      region,
      location,
      zone,
      year,
      gPerKwh: g,
      cfePct: cfe === '' ? '' : String(Math.round(Number(cfe) * 10000) / 100),
      scope,
      source: GCP_SOURCE,
      url: GCP_URL,
      license: 'Apache-2.0',
    });
  }
}
gcpRows.sort((a, b) => a.region.localeCompare(b.region) || a.year - b.year);

// ---------------------------------------------------------------------------------------------
// Cloud regions -> zone
// ---------------------------------------------------------------------------------------------
const CCF_AWS = 'Cloud Carbon Footprint region list (ccf-coefficients data/grid-emissions-factors-aws.csv)';
const CCF_AZ = 'Cloud Carbon Footprint region list (ccf-coefficients data/grid-emissions-factors-azure.csv)';
const GA_AZ = 'Green Algorithms cloudProviders_datacenters.csv (azure)';
const AWS_DOC = 'AWS Regions and Availability Zones (docs.aws.amazon.com/global-infrastructure)';
const AZ_DOC = 'Azure geographies (azure.microsoft.com/explore/global-infrastructure/geographies)';
// [region, location, zone, mapping source, note]
const AWS = [
  ['us-east-1', 'N. Virginia, United States', 'US-MIDA-PJM', CCF_AWS, 'Dominion Energy territory in PJM'],
  ['us-east-2', 'Ohio, United States', 'US-MIDA-PJM', CCF_AWS, 'Central Ohio (AEP Ohio) is in PJM; CCF uses eGRID RFC'],
  ['us-west-1', 'N. California, United States', 'US-CAL-CISO', CCF_AWS, ''],
  ['us-west-2', 'Oregon, United States', 'US-NW-BPAT', CCF_AWS, 'Umatilla/Morrow counties, Bonneville balancing area'],
  ['us-gov-east-1', 'Ohio, United States', 'US-MIDA-PJM', CCF_AWS, 'AWS GovCloud (US-East)'],
  [
    'us-gov-west-1',
    'US Northwest, United States',
    'US-NW-BPAT',
    CCF_AWS,
    'AWS GovCloud (US-West); site not published, assumed Pacific Northwest like us-west-2',
  ],
  ['af-south-1', 'Cape Town, South Africa', 'ZA', CCF_AWS, ''],
  ['ap-east-1', 'Hong Kong', 'HK', CCF_AWS, ''],
  ['ap-east-2', 'Taipei, Taiwan', 'TW', AWS_DOC, ''],
  ['ap-south-1', 'Mumbai, India', 'IN-WE', CCF_AWS, 'Western India grid region'],
  ['ap-south-2', 'Hyderabad, India', 'IN-SO', AWS_DOC, 'Southern India grid region'],
  ['ap-northeast-1', 'Tokyo, Japan', 'JP-TK', CCF_AWS, ''],
  ['ap-northeast-2', 'Seoul, South Korea', 'KR', CCF_AWS, ''],
  ['ap-northeast-3', 'Osaka, Japan', 'JP-KN', CCF_AWS, ''],
  ['ap-southeast-1', 'Singapore', 'SG', CCF_AWS, ''],
  ['ap-southeast-2', 'Sydney, Australia', 'AU-NSW', CCF_AWS, ''],
  ['ap-southeast-3', 'Jakarta, Indonesia', 'ID', AWS_DOC, ''],
  ['ap-southeast-4', 'Melbourne, Australia', 'AU-VIC', AWS_DOC, ''],
  ['ap-southeast-5', 'Malaysia', 'MY-WM', AWS_DOC, 'Peninsular Malaysia grid'],
  ['ap-southeast-7', 'Thailand', 'TH', AWS_DOC, ''],
  ['ca-central-1', 'Montréal, Canada', 'CA-QC', CCF_AWS, 'CCF uses a Canada-wide factor; the region is in Québec'],
  ['ca-west-1', 'Calgary, Canada', 'CA-AB', AWS_DOC, ''],
  ['cn-north-1', 'Beijing, China', 'CN', CCF_AWS, ''],
  ['cn-northwest-1', 'Ningxia, China', 'CN', CCF_AWS, ''],
  ['eu-central-1', 'Frankfurt, Germany', 'DE', CCF_AWS, ''],
  ['eu-central-2', 'Zurich, Switzerland', 'CH', AWS_DOC, ''],
  ['eu-west-1', 'Dublin, Ireland', 'IE', CCF_AWS, ''],
  ['eu-west-2', 'London, United Kingdom', 'GB', CCF_AWS, ''],
  ['eu-west-3', 'Paris, France', 'FR', CCF_AWS, ''],
  ['eu-south-1', 'Milan, Italy', 'IT-NO', CCF_AWS, 'North Italy bidding zone'],
  ['eu-south-2', 'Aragón, Spain', 'ES', AWS_DOC, ''],
  ['eu-north-1', 'Stockholm, Sweden', 'SE-SE3', CCF_AWS, 'Stockholm-area sites are in bidding zone SE3'],
  ['il-central-1', 'Tel Aviv, Israel', 'IL', AWS_DOC, ''],
  ['me-south-1', 'Bahrain', 'BH', CCF_AWS, ''],
  ['me-central-1', 'United Arab Emirates', 'AE', AWS_DOC, ''],
  ['mx-central-1', 'Querétaro, Mexico', 'MX', AWS_DOC, ''],
  ['sa-east-1', 'São Paulo, Brazil', 'BR-CS', CCF_AWS, 'South-East/Centre-West subsystem'],
];
const AZURE = [
  ['centralus', 'Iowa, United States', 'US-MIDW-MISO', CCF_AZ, 'Central US'],
  ['eastus', 'Virginia, United States', 'US-MIDA-PJM', CCF_AZ, 'East US'],
  ['eastus2', 'Virginia, United States', 'US-MIDA-PJM', CCF_AZ, 'East US 2'],
  ['eastus3', 'Georgia, United States', 'US-SE-SOCO', CCF_AZ, 'East US 3 (Atlanta); Southern Company territory'],
  ['northcentralus', 'Illinois, United States', 'US-MIDA-PJM', CCF_AZ, 'North Central US (Chicago area, ComEd territory in PJM)'],
  ['southcentralus', 'Texas, United States', 'US-TEX-ERCO', CCF_AZ, 'South Central US (San Antonio)'],
  [
    'westcentralus',
    'Wyoming, United States',
    'US-NW-WACM',
    CCF_AZ,
    'West Central US (Cheyenne); WAPA Rocky Mountain balancing area',
  ],
  ['westus', 'California, United States', 'US-CAL-CISO', CCF_AZ, 'West US'],
  ['westus2', 'Washington, United States', 'US-NW-GCPD', CCF_AZ, 'West US 2 (Quincy, Grant County PUD)'],
  ['westus3', 'Arizona, United States', 'US-SW-AZPS', CCF_AZ, 'West US 3 (Phoenix area; APS territory assumed)'],
  ['eastasia', 'Hong Kong', 'HK', CCF_AZ, 'East Asia'],
  ['southeastasia', 'Singapore', 'SG', CCF_AZ, 'Southeast Asia'],
  ['northeurope', 'Dublin, Ireland', 'IE', CCF_AZ, 'North Europe'],
  ['westeurope', 'Amsterdam, Netherlands', 'NL', CCF_AZ, 'West Europe'],
  ['centralindia', 'Pune, India', 'IN-WE', CCF_AZ, 'Central India'],
  ['southindia', 'Chennai, India', 'IN-SO', CCF_AZ, 'South India'],
  ['westindia', 'Mumbai, India', 'IN-WE', CCF_AZ, 'West India'],
  ['uksouth', 'London, United Kingdom', 'GB', CCF_AZ, 'UK South'],
  ['ukwest', 'Cardiff, United Kingdom', 'GB', CCF_AZ, 'UK West'],
  ['francecentral', 'Paris, France', 'FR', CCF_AZ, 'France Central'],
  ['francesouth', 'Marseille, France', 'FR', GA_AZ, 'France South'],
  ['finlandcentral', 'Helsinki, Finland', 'FI', CCF_AZ, 'Finland Central (CCF row malformed: 000077 for 0.000077 t/kWh)'],
  [
    'germanywestcentral',
    'Frankfurt, Germany',
    'DE',
    CCF_AZ,
    'Germany West Central (CCF row malformed: 000402 for 0.000402 t/kWh)',
  ],
  ['germanynorth', 'Berlin, Germany', 'DE', GA_AZ, 'Germany North'],
  ['belgiumcentral', 'Brussels, Belgium', 'BE', CCF_AZ, 'Belgium Central'],
  ['swedencentral', 'Gävle, Sweden', 'SE-SE3', CCF_AZ, 'Sweden Central (Gävle/Sandviken; bidding zone SE3 assumed)'],
  ['swedensouth', 'Malmö, Sweden', 'SE-SE4', AZ_DOC, 'Sweden South (Staffanstorp)'],
  ['norwayeast', 'Oslo, Norway', 'NO-NO1', GA_AZ, 'Norway East'],
  ['norwaywest', 'Stavanger, Norway', 'NO-NO2', GA_AZ, 'Norway West'],
  ['switzerlandnorth', 'Zurich, Switzerland', 'CH', GA_AZ, 'Switzerland North'],
  ['switzerlandwest', 'Geneva, Switzerland', 'CH', GA_AZ, 'Switzerland West'],
  ['polandcentral', 'Warsaw, Poland', 'PL', GA_AZ, 'Poland Central'],
  ['italynorth', 'Milan, Italy', 'IT-NO', GA_AZ, 'Italy North'],
  ['spaincentral', 'Madrid, Spain', 'ES', GA_AZ, 'Spain Central'],
  ['australiaeast', 'New South Wales, Australia', 'AU-NSW', GA_AZ, 'Australia East'],
  ['australiasoutheast', 'Victoria, Australia', 'AU-VIC', GA_AZ, 'Australia Southeast'],
  ['australiacentral', 'Canberra, Australia', 'AU-NSW', GA_AZ, 'Australia Central (ACT is part of the NSW NEM region)'],
  ['australiacentral2', 'Canberra, Australia', 'AU-NSW', GA_AZ, 'Australia Central 2 (ACT is part of the NSW NEM region)'],
  ['brazilsouth', 'São Paulo, Brazil', 'BR-CS', GA_AZ, 'Brazil South'],
  ['canadacentral', 'Toronto, Canada', 'CA-ON', GA_AZ, 'Canada Central'],
  ['canadaeast', 'Québec City, Canada', 'CA-QC', GA_AZ, 'Canada East'],
  ['chinaeast', 'Shanghai, China', 'CN', GA_AZ, 'China East'],
  ['chinaeast2', 'Shanghai, China', 'CN', GA_AZ, 'China East 2'],
  ['chinanorth', 'Beijing, China', 'CN', GA_AZ, 'China North'],
  ['chinanorth2', 'Beijing, China', 'CN', GA_AZ, 'China North 2'],
  ['israelcentral', 'Israel', 'IL', GA_AZ, 'Israel Central'],
  ['japaneast', 'Tokyo, Japan', 'JP-TK', GA_AZ, 'Japan East (Tokyo, Saitama)'],
  ['japanwest', 'Osaka, Japan', 'JP-KN', GA_AZ, 'Japan West'],
  ['koreacentral', 'Seoul, South Korea', 'KR', GA_AZ, 'Korea Central'],
  ['koreasouth', 'Busan, South Korea', 'KR', GA_AZ, 'Korea South'],
  ['mexicocentral', 'Querétaro, Mexico', 'MX', GA_AZ, 'Mexico Central'],
  ['newzealandnorth', 'Auckland, New Zealand', 'NZ', GA_AZ, 'New Zealand North'],
  ['qatarcentral', 'Doha, Qatar', 'QA', GA_AZ, 'Qatar Central (Green Algorithms has no location code for it)'],
  ['uaecentral', 'Abu Dhabi, United Arab Emirates', 'AE', GA_AZ, 'UAE Central'],
  ['uaenorth', 'Dubai, United Arab Emirates', 'AE', GA_AZ, 'UAE North'],
  ['southafricanorth', 'Johannesburg, South Africa', 'ZA', GA_AZ, 'South Africa North'],
  ['southafricawest', 'Cape Town, South Africa', 'ZA', GA_AZ, 'South Africa West'],
];
const cloudRows: { provider: string; region: string; location: string; zone: string; source: string; note: string }[] = [];
for (const [region, location, zone, source, note] of AWS)
  cloudRows.push({ provider: 'aws', region, location, zone, source, note });
for (const [region, location, zone, source, note] of AZURE)
  cloudRows.push({ provider: 'azure', region, location, zone, source, note });
for (const region of Object.keys(GCP_ZONES)) {
  cloudRows.push({
    provider: 'gcp',
    region,
    location: gcpLocation[region] ?? '',
    zone: GCP_ZONES[region],
    source: 'Google region-carbon-info (region list and locations); zone curated',
    note: gcpRows.some((r) => r.region === region) ? `Google publishes its own figure for this region (gcp-regions.csv)` : '',
  });
}
cloudRows.sort((a, b) => a.provider.localeCompare(b.provider) || a.region.localeCompare(b.region));
for (const r of [...cloudRows, ...gcpRows]) {
  if (!emZones.has(r.zone))
    fail(`${r.provider ?? 'gcp'} ${r.region}: zone ${r.zone} is not an Electricity Maps zone in @tgwf/co2`);
}

// ---------------------------------------------------------------------------------------------
// Zone names
// ---------------------------------------------------------------------------------------------
const zoneNames: Record<string, { name: string; countryCode: string | null; kind: string }> = {};
for (const [code, z] of emZones) {
  const sub = code.includes('-');
  const candidates = [z.zoneName, z.displayName].filter((n): n is string => !!n);
  // Prefer the more descriptive of zoneName/displayName ('CAISO' vs 'California ISO'; 'PJM Interconnection' vs 'PJM').
  const name = candidates.sort((a, b) => b.length - a.length)[0] ?? code;
  zoneNames[code] = { name, countryCode: code.split('-')[0], kind: sub ? 'subnational' : 'country' };
}
for (const row of keyRows) {
  if (!row.zone || zoneNames[row.zone]) continue;
  if (row.kind === 'aggregate') {
    const agg = Object.values(AGGREGATES).find((a) => a.zone === row.zone);
    zoneNames[row.zone] = { name: agg?.name ?? row.zone, countryCode: null, kind: 'aggregate' };
  } else {
    const name = emberByKey[row.key]?.name ?? iso3Name[row.key] ?? row.key;
    zoneNames[row.zone] = { name, countryCode: row.zone.split('-')[0], kind: row.kind };
  }
}
const sortedZoneNames = Object.fromEntries(
  Object.keys(zoneNames)
    .sort()
    .map((k) => [k, zoneNames[k]]),
);

// ---------------------------------------------------------------------------------------------
// PUE
// ---------------------------------------------------------------------------------------------
const CCF_PUE_URL = 'https://www.cloudcarbonfootprint.org/docs/methodology/#power-usage-effectiveness';
const GA_PUE_URL = 'https://github.com/GreenAlgorithms/green-algorithms-tool/blob/master/data/latest/defaults_PUE.csv';
const pue = {
  chosenSet: 'cloud-carbon-footprint',
  why:
    "Cloud Carbon Footprint's provider constants (AWS 1.135, GCP 1.1, Azure 1.185) are used as the defaults. " +
    'They are maintained with the CCF methodology this service already follows for AWS/Azure region mapping and embodied ' +
    "defaults (Apache-2.0), GCP's 1.1 agrees with Google's own published fleet-wide trailing-twelve-month PUE (~1.10), and " +
    "they keep the providers distinct. Green Algorithms' v3 defaults (gcp 1.12, aws 1.2, azure 1.12) are second-hand " +
    '(one 2023 nutanix.dev blog post for all three) and are used only to bound the low/high range.',
  defaults: [
    {
      provider: 'aws',
      value: 1.135,
      low: 1.1,
      high: 1.2,
      source: 'Cloud Carbon Footprint methodology, AWS PUE constant',
      url: CCF_PUE_URL,
      rangeNote:
        'low: best hyperscale fleet average in our sources (Google/CCF 1.1); high: Green Algorithms v3 default for AWS (1.2, via nutanix.dev 2023)',
    },
    {
      provider: 'gcp',
      value: 1.1,
      low: 1.07,
      high: 1.15,
      source: 'Cloud Carbon Footprint methodology, GCP PUE constant (Google fleet-wide PUE)',
      url: CCF_PUE_URL,
      rangeNote:
        "low: lowest of CCF's region-specific GCP PUEs (1.07-1.13); high: Green Algorithms' per-region figure for asia-southeast1 (1.15, Google efficiency page 2020)",
    },
    {
      provider: 'azure',
      value: 1.185,
      low: 1.12,
      high: 1.2,
      source: 'Cloud Carbon Footprint methodology, Azure PUE constant',
      url: CCF_PUE_URL,
      rangeNote:
        'low: Green Algorithms v3 default for Azure (1.12, via nutanix.dev 2023); high: highest hyperscaler default in either set (1.2)',
    },
    {
      provider: 'unknown',
      value: 1.56,
      low: 1.1,
      high: 2.0,
      source:
        'Uptime Institute Global Data Center Survey 2024 (industry average PUE 1.56), as cited by Green Algorithms defaults_PUE.csv',
      url: 'https://datacenter.uptimeinstitute.com/rs/711-RIA-145/images/2024.GlobalDataCenterSurvey.Report.pdf',
      rangeNote:
        'low: hyperscale fleet level (1.1, as GCP); high: 2.0, a judgement for small or legacy server rooms (Uptime survey averages were near 2 a decade ago; CCF uses 1.58 for on-premise)',
    },
  ],
  alsoSeen: {
    greenAlgorithms: { unknown: 1.56, gcp: 1.12, aws: 1.2, azure: 1.12, url: GA_PUE_URL, license: 'CC-BY-4.0' },
    cloudCarbonFootprint: {
      aws: 1.135,
      gcp: 1.1,
      azure: 1.185,
      alibaba: 1.3,
      onPremise: 1.58,
      url: CCF_PUE_URL,
      license: 'Apache-2.0',
    },
  },
};

// ---------------------------------------------------------------------------------------------
// write
// ---------------------------------------------------------------------------------------------
exitOnProblems();

const csvCell = (v: unknown): string => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const toCsv = <T extends object>(cols: (keyof T & string)[], rows: T[]): string =>
  [cols.join(','), ...rows.map((r) => cols.map((c) => csvCell(r[c])).join(','))].join('\n') + '\n';

const outputs = {
  'seed/grid/gcp-regions.csv': toCsv(
    ['region', 'location', 'zone', 'year', 'gPerKwh', 'cfePct', 'scope', 'source', 'url', 'license'],
    gcpRows,
  ),
  'seed/grid/cloud-regions.csv': toCsv(['provider', 'region', 'location', 'zone', 'source', 'note'], cloudRows),
  'seed/grid/co2js-keys.csv': toCsv(['key', 'zone', 'kind', 'emberYear', 'hasAverage', 'hasMarginal', 'note'], keyRows),
  'seed/grid/zone-names.json': JSON.stringify(sortedZoneNames, null, 2) + '\n',
  'seed/grid/pue.json': JSON.stringify(pue, null, 2) + '\n',
};

const changed = writeOutputs(outputs);
const count = (p: string): number => cloudRows.filter((r) => r.provider === p).length;
console.log(
  `grid seed: ${gcpRows.length} GCP region-years, cloud regions aws=${count('aws')} azure=${count('azure')} gcp=${count('gcp')}, ` +
    `${Object.keys(sortedZoneNames).length} zones, ${keyRows.length} co2js keys; ${changed} file(s) ${checkOnly ? 'out of date' : 'written'}`,
);
