import { DataSource } from 'typeorm';
import { createTestApp, type TestApp } from '../utils/test-app';

const ADMIN_KEY = 'test-admin-key-0123456789abcdef-0123';
const admin = { Authorization: `Bearer ${ADMIN_KEY}` };
/** Zones this suite writes to; their admin values and series are removed afterwards. */
const ADMIN_ZONE = 'LI';
const SERIES_ZONE = 'DK-DK1';

interface Zone {
  code: string;
  kind: string;
  countryCode: string | null;
  intensities: { year: number; gPerKwh: number; signal: string; sourceId: string; license: string; preferred: boolean }[];
}

/** `count` hourly points from `start`, with values that encode their index. */
function hourlyPoints(start: string, count: number, base = 100) {
  const t0 = Date.parse(start);
  return Array.from({ length: count }, (_, i) => ({
    at: new Date(t0 + i * 3_600_000).toISOString(),
    gPerKwh: base + (i % 500) / 10,
  }));
}

describe('grid: zones, cloud regions, intensities, series', () => {
  let t: TestApp;
  let readKey: string;
  let db: DataSource;
  let startedAt: Date;

  beforeAll(async () => {
    startedAt = new Date(Date.now() - 1000);
    // admin writes reload the reference data before answering; on a loaded shared machine that alone can pass
    // the default 1 s GraphQL budget (graphql-limits.e2e tests the budget itself)
    t = await createTestApp({ BOOTSTRAP_ADMIN_KEY: ADMIN_KEY, GRAPHQL_REQUEST_BUDGET_MS: '10000' });
    db = t.app.get(DataSource);
    const created = await t.http
      .post('/v1/api-keys')
      .set(admin)
      .send({ name: 'grid reader', tenant: 'grid-tests', scopes: ['read'] })
      .expect(201);
    readKey = created.body.key;
  });

  afterAll(async () => {
    await db.query(`DELETE FROM zone_intensities WHERE source_id = 'admin' AND zone = $1`, [ADMIN_ZONE]);
    await db.query(`DELETE FROM intensity_points WHERE zone = $1`, [SERIES_ZONE]);
    // the data versions this suite's writes made, so later suites see the release as before
    await db.query(`DELETE FROM data_versions WHERE kind = 'admin' AND details->>'module' = 'grid' AND created_at >= $1`, [
      startedAt,
    ]);
    await t.close();
  });

  async function allZones(query = ''): Promise<Zone[]> {
    const out: Zone[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: Zone[]; nextCursor: string | null } } = await t.http
        .get(`/v1/grid/zones?limit=100${query}${cursor ? `&cursor=${cursor}` : ''}`)
        .expect(200);
      out.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    return out;
  }

  describe('known values from the reference files', () => {
    it('GCP us-central1 2024 = 412.72 g/kWh (Google figure) through the intensity lookup', async () => {
      const res = await t.http.get('/v1/grid/intensity?provider=gcp&region=us-central1&year=2024').expect(200);
      expect(res.body).toMatchObject({
        zone: 'US-MIDW-MISO',
        year: 2024,
        signal: 'average',
        resolvedFrom: 'provider',
        sourceId: 'gcp',
        provider: 'gcp',
        region: 'us-central1',
        warnings: [],
      });
      expect(res.body.gPerKwh).toBeCloseTo(412.72, 2);
      expect(res.body.dataVersion).toEqual(expect.any(String));
      expect(res.body.range[0]).toBeLessThanOrEqual(res.body.gPerKwh);
      expect(res.body.range[1]).toBeGreaterThanOrEqual(res.body.gPerKwh);
    });

    it('GCP us-central1 through cloud-regions carries PUE 1.1 with its source and the 2024 figure', async () => {
      const res = await t.http.get('/v1/grid/cloud-regions?provider=gcp').expect(200);
      const r = res.body.items.find((i: { region: string }) => i.region === 'us-central1');
      expect(r).toMatchObject({ provider: 'gcp', zone: 'US-MIDW-MISO', year: 2024, pue: 1.1, signal: 'average' });
      expect(r.gPerKwh).toBeCloseTo(412.72, 2);
      expect(r.pueSource).toMatch(/Cloud Carbon Footprint/);
      expect(r.source).toMatch(/Google/);
    });

    it('FR zone detail lists every year and source with signal and license, one preferred value per year and signal', async () => {
      const res = await t.http.get('/v1/grid/zones/fr').expect(200);
      const zone: Zone = res.body;
      expect(zone).toMatchObject({ code: 'FR', name: 'France', countryCode: 'FR', kind: 'country', parent: 'WORLD' });
      const years = new Set(zone.intensities.filter((i) => i.signal === 'average').map((i) => i.year));
      expect([...years].sort()).toEqual([2021, 2022, 2023, 2024, 2025]);
      expect(zone.intensities.find((i) => i.sourceId === 'electricitymaps')?.license).toBe('ODbL-1.0');
      expect(zone.intensities.find((i) => i.sourceId === 'unfccc')).toMatchObject({ signal: 'marginal', year: 2021 });
      const preferred = zone.intensities.filter((i) => i.preferred);
      expect(preferred).toHaveLength(new Set(zone.intensities.map((i) => `${i.year}|${i.signal}`)).size);
      // 2024 has Ember and Electricity Maps: Electricity Maps is preferred and served
      expect(preferred.find((i) => i.year === 2024 && i.signal === 'average')?.sourceId).toBe('electricitymaps');
      const lookup = await t.http.get('/v1/grid/intensity?zone=FR&year=2024').expect(200);
      expect(lookup.body).toMatchObject({
        zone: 'FR',
        year: 2024,
        sourceId: 'electricitymaps',
        resolvedFrom: 'zone',
        warnings: [],
      });
    });
  });

  describe('coverage', () => {
    it('has at least 200 countries and 140 sub-national zones, paged with opaque cursors', async () => {
      const countries = await allZones('&kind=country');
      const subnational = await allZones('&kind=subnational');
      expect(countries.length).toBeGreaterThanOrEqual(200);
      expect(subnational.length).toBeGreaterThanOrEqual(140);
      const all = await allZones();
      expect(new Set(all.map((z) => z.code)).size).toBe(all.length);
      const single = await t.http.get('/v1/grid/zones?limit=500').expect(200);
      expect(single.body.items.map((z: Zone) => z.code)).toEqual(all.map((z) => z.code));
      expect(single.body.nextCursor).toBeNull();
      expect(all.map((z) => z.code)).toEqual(expect.arrayContaining(['FR', 'US', 'US-CAL-CISO', 'CA-QC', 'WORLD']));
    });

    it('filters zones by country, kind and text', async () => {
      const us = await t.http.get('/v1/grid/zones?country=us&kind=subnational&limit=500').expect(200);
      expect(us.body.items.length).toBeGreaterThan(10);
      expect(us.body.items.every((z: Zone) => z.countryCode === 'US' && z.kind === 'subnational')).toBe(true);
      const q = await t.http.get('/v1/grid/zones?q=california').expect(200);
      expect(q.body.items.map((z: Zone) => z.code)).toContain('US-CAL-CISO');
      const agg = await t.http.get('/v1/grid/zones?kind=aggregate').expect(200);
      expect(agg.body.items.map((z: Zone) => z.code)).toContain('WORLD');
    });

    it.each(['aws', 'gcp', 'azure'])('%s has at least 15 regions, each with a PUE and a sourced intensity', async (provider) => {
      const res = await t.http.get(`/v1/grid/cloud-regions?provider=${provider}`).expect(200);
      expect(res.body.items.length).toBeGreaterThanOrEqual(15);
      for (const r of res.body.items) {
        expect(r.provider).toBe(provider);
        expect(r.pue).toBeGreaterThanOrEqual(1);
        expect(Number.isFinite(r.gPerKwh)).toBe(true);
        expect(r.source).toEqual(expect.any(String));
        expect(r.year).toBeGreaterThanOrEqual(2019);
      }
    });

    it('resolves an AWS region through its zone', async () => {
      const res = await t.http.get('/v1/grid/intensity?provider=aws&region=eu-west-3').expect(200);
      expect(res.body).toMatchObject({
        zone: 'FR',
        resolvedFrom: 'cloud-region',
        provider: 'aws',
        region: 'eu-west-3',
        signal: 'average',
      });
    });

    it('a well-formed but unknown provider lists no regions', async () => {
      const res = await t.http.get('/v1/grid/cloud-regions?provider=oracle').expect(200);
      expect(res.body.items).toEqual([]);
    });
  });

  describe('fallbacks, each with its warning', () => {
    it.each([
      // query, expected zone, year, resolvedFrom, warning pattern (null: none)
      ['zone=FR', 'FR', 2025, 'zone', null],
      ['zone=FR&year=2030', 'FR', 2025, 'zone', /2030.*using 2025, the nearest earlier year/],
      ['zone=FR&year=2000', 'FR', 2021, 'zone', /in or before 2000; using 2021, the earliest year/],
      [
        'zone=US-CAL-CISO&signal=marginal',
        'US',
        2021,
        'country-fallback',
        /US-CAL-CISO has no marginal intensity; using its country US/,
      ],
      ['zone=AD', 'WORLD', null, 'world-fallback', /AD has no average intensity; using the world figure/],
      [
        'provider=gcp&region=us-central1&signal=marginal',
        'US',
        2021,
        'country-fallback',
        /US-MIDW-MISO has no marginal intensity/,
      ],
      ['provider=gcp&region=us-central1&year=2030', 'US-MIDW-MISO', 2024, 'provider', /using 2024, the nearest earlier year/],
    ])('%s -> %s %s (%s)', async (query, zone, year, resolvedFrom, warning) => {
      const res = await t.http.get(`/v1/grid/intensity?${query}`).expect(200);
      expect(res.body).toMatchObject({ zone, resolvedFrom });
      if (year !== null) expect(res.body.year).toBe(year);
      if (warning) expect(res.body.warnings.join(' | ')).toMatch(warning);
      else expect(res.body.warnings).toEqual([]);
    });

    it('never returns a marginal value to an average request (zones that only have a marginal factor fall back)', async () => {
      const marginalOnly = ['AD', 'MC', 'SM', 'LI', 'TV'];
      for (const code of marginalOnly) {
        const res = await t.http.get(`/v1/grid/intensity?zone=${code}`).expect(200);
        expect(res.body.signal).toBe('average');
        expect(res.body.sourceId).not.toBe('unfccc');
        const detail = await t.http.get(`/v1/grid/zones/${code}`).expect(200);
        const marginal = detail.body.intensities.find((i: { signal: string }) => i.signal === 'marginal');
        expect(marginal).toBeDefined();
        const m = await t.http.get(`/v1/grid/intensity?zone=${code}&signal=marginal`).expect(200);
        expect(m.body).toMatchObject({ signal: 'marginal', sourceId: 'unfccc', zone: code });
      }
    });
  });

  describe('unknown zones and regions', () => {
    it('answers an unknown zone with 404 ZONE_NOT_FOUND and close matches, on both transports', async () => {
      const res = await t.http.get('/v1/grid/zones/FRA').expect(404);
      expect(res.body.error.code).toBe('ZONE_NOT_FOUND');
      expect(res.body.error.details).toContain('FR');
      const lookup = await t.http.get('/v1/grid/intensity?zone=US-CAL-CSO').expect(404);
      expect(lookup.body.error.code).toBe('ZONE_NOT_FOUND');
      expect(lookup.body.error.details).toContain('US-CAL-CISO');
      const gql = await t.gql('{ zone(code: "FRA") { code } }');
      expect(gql.errors?.[0].extensions.code).toBe('ZONE_NOT_FOUND');
      expect(gql.errors?.[0].extensions.details).toContain('FR');
    });

    it('answers an unknown cloud region with 404 CLOUD_REGION_NOT_FOUND and close matches', async () => {
      const res = await t.http.get('/v1/grid/intensity?provider=gcp&region=us-centrl1').expect(404);
      expect(res.body.error.code).toBe('CLOUD_REGION_NOT_FOUND');
      expect(res.body.error.details).toContain('us-central1');
      const provider = await t.http.get('/v1/grid/intensity?provider=oracle&region=us-ashburn-1').expect(404);
      expect(provider.body.error.code).toBe('CLOUD_REGION_NOT_FOUND');
      expect(provider.body.error.details).toEqual(expect.arrayContaining(['aws', 'azure', 'gcp']));
    });
  });

  describe('admin upsert of yearly values', () => {
    it('creates a new data version and the next lookup serves the value (admin values win)', async () => {
      const before = await t.http.get(`/v1/grid/intensity?zone=${ADMIN_ZONE}&year=2024`).expect(200);
      expect(before.body.resolvedFrom).toBe('world-fallback');
      const put = await t.http
        .put(`/v1/grid/zones/${ADMIN_ZONE.toLowerCase()}/intensities/2024`)
        .set(admin)
        .send({ gPerKwh: 77.5, source: 'grid e2e test', url: 'https://example.org/li', license: 'CC0-1.0' })
        .expect(200);
      expect(put.body).toMatchObject({
        zone: ADMIN_ZONE,
        year: 2024,
        signal: 'average',
        gPerKwh: 77.5,
        sourceId: 'admin',
        created: true,
      });
      expect(put.body.dataVersion).toMatch(/^admin-/);
      const versions = await t.http.get('/v1/data-versions').expect(200);
      expect(versions.body.items[0].id).toBe(put.body.dataVersion);

      const after = await t.http.get(`/v1/grid/intensity?zone=${ADMIN_ZONE}&year=2024`).expect(200);
      expect(after.body).toMatchObject({
        zone: ADMIN_ZONE,
        year: 2024,
        gPerKwh: 77.5,
        sourceId: 'admin',
        resolvedFrom: 'zone',
        warnings: [],
        dataVersion: put.body.dataVersion,
      });
      const detail = await t.http.get(`/v1/grid/zones/${ADMIN_ZONE}`).expect(200);
      expect(detail.body.intensities).toEqual(
        expect.arrayContaining([expect.objectContaining({ year: 2024, sourceId: 'admin', license: 'CC0-1.0', preferred: true })]),
      );

      const again = await t.http
        .put(`/v1/grid/zones/${ADMIN_ZONE}/intensities/2024`)
        .set(admin)
        .send({ gPerKwh: 78, source: 'grid e2e test' })
        .expect(200);
      expect(again.body.created).toBe(false);
      expect(again.body.dataVersion).not.toBe(put.body.dataVersion);
      const served = await t.http.get(`/v1/grid/intensity?zone=${ADMIN_ZONE}&year=2024`).expect(200);
      expect(served.body.gPerKwh).toBe(78);
    });

    it('works through the upsertIntensity mutation', async () => {
      const m = await t.gql<{ upsertIntensity: { zone: string; gPerKwh: number; signal: string; dataVersion: string } }>(
        'mutation($i: IntensityInput!) { upsertIntensity(zone: "li", year: 2023, input: $i) { zone gPerKwh signal dataVersion } }',
        { i: { gPerKwh: 66, source: 'grid e2e test (graphql)', signal: 'marginal' } },
        admin,
      );
      expect(m.errors).toBeUndefined();
      expect(m.data!.upsertIntensity).toMatchObject({ zone: ADMIN_ZONE, gPerKwh: 66, signal: 'marginal' });
      const q = await t.gql<{ intensity: { gPerKwh: number; signal: string; sourceId: string } }>(
        `{ intensity(zone: "${ADMIN_ZONE}", year: 2023, signal: marginal) { gPerKwh signal sourceId } }`,
      );
      expect(q.data!.intensity).toEqual({ gPerKwh: 66, signal: 'marginal', sourceId: 'admin' });
    });

    it('answers an unknown zone with 404 ZONE_NOT_FOUND', async () => {
      const res = await t.http
        .put('/v1/grid/zones/ZZ-NOPE/intensities/2024')
        .set(admin)
        .send({ gPerKwh: 1, source: 'x' })
        .expect(404);
      expect(res.body.error.code).toBe('ZONE_NOT_FOUND');
    });
  });

  describe('admin scope', () => {
    it('needs a key (401) with the admin scope (403) on REST', async () => {
      const body = { gPerKwh: 10, source: 'nope' };
      const anon = await t.http.put(`/v1/grid/zones/${ADMIN_ZONE}/intensities/2022`).send(body).expect(401);
      expect(anon.body.error.code).toBe('UNAUTHENTICATED');
      const read = await t.http
        .put(`/v1/grid/zones/${ADMIN_ZONE}/intensities/2022`)
        .set('Authorization', `Bearer ${readKey}`)
        .send(body)
        .expect(403);
      expect(read.body.error.code).toBe('FORBIDDEN');
      const series = await t.http
        .post(`/v1/grid/zones/${SERIES_ZONE}/series`)
        .set('x-api-key', readKey)
        .send([{ at: '2023-01-01T00:00:00Z', gPerKwh: 1 }])
        .expect(403);
      expect(series.body.error.code).toBe('FORBIDDEN');
      const csv = await t.http
        .post(`/v1/grid/zones/${SERIES_ZONE}/series`)
        .set('content-type', 'text/csv')
        .send('at,gPerKwh\n2023-01-01T00:00:00Z,1\n')
        .expect(401);
      expect(csv.body.error.code).toBe('UNAUTHENTICATED');
    });

    it('needs the admin scope on GraphQL', async () => {
      const mutation = `mutation { upsertIntensity(zone: "${ADMIN_ZONE}", year: 2022, input: { gPerKwh: 10, source: "nope" }) { zone } }`;
      const anon = await t.gql(mutation);
      expect(anon.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
      const read = await t.gql(mutation, undefined, { Authorization: `Bearer ${readKey}` });
      expect(read.errors?.[0].extensions.code).toBe('FORBIDDEN');
      const rows = await db.query(`SELECT 1 FROM zone_intensities WHERE zone = $1 AND year = 2022 AND source_id = 'admin'`, [
        ADMIN_ZONE,
      ]);
      expect(rows).toHaveLength(0);
    });

    it('reads are open without a key', async () => {
      await t.http.get('/v1/grid/zones/FR').expect(200);
      const gql = await t.gql<{ zone: { code: string } }>('{ zone(code: "FR") { code } }');
      expect(gql.data!.zone.code).toBe('FR');
    });
  });

  describe('hourly series', () => {
    const points = hourlyPoints('2023-01-01T00:00:00Z', 2000);

    it('imports 2,000 JSON points, and the same again changes nothing (idempotent per zone, instant and source)', async () => {
      const first = await t.http.post(`/v1/grid/zones/${SERIES_ZONE}/series`).set(admin).send(points).expect(200);
      expect(first.body).toMatchObject({
        zone: SERIES_ZONE,
        signal: 'average',
        received: 2000,
        duplicates: 0,
        inserted: 2000,
        updated: 0,
      });
      expect(first.body.from).toBe('2023-01-01T00:00:00.000Z');
      expect(first.body.dataVersion).toMatch(/^admin-/);
      const second = await t.http
        .post(`/v1/grid/zones/${SERIES_ZONE.toLowerCase()}/series`)
        .set(admin)
        .send({ points })
        .expect(200);
      expect(second.body).toMatchObject({
        zone: SERIES_ZONE,
        format: 'json',
        received: 2000,
        inserted: 0,
        updated: 0,
        unchanged: 2000,
      });
      const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM intensity_points WHERE zone = $1 AND signal = 'average'`, [
        SERIES_ZONE,
      ]);
      expect(n).toBe(2000);
    });

    it('imports CSV (text/csv) the same way', async () => {
      const csvPoints = hourlyPoints('2023-06-01T00:00:00+02:00', 300, 200);
      const csv = 'at,gPerKwh\n' + csvPoints.map((p) => `${p.at},${p.gPerKwh}`).join('\n') + '\n';
      const first = await t.http
        .post(`/v1/grid/zones/${SERIES_ZONE}/series?source=csv%20test`)
        .set(admin)
        .set('content-type', 'text/csv')
        .send(csv)
        .expect(200);
      expect(first.body).toMatchObject({ received: 300, inserted: 300, updated: 0 });
      const second = await t.http
        .post(`/v1/grid/zones/${SERIES_ZONE}/series?source=csv%20test`)
        .set(admin)
        .set('content-type', 'text/csv; charset=utf-8')
        .send(csv)
        .expect(200);
      // idempotent: the same points from the same source again change nothing
      expect(second.body).toMatchObject({ format: 'csv', received: 300, inserted: 0, updated: 0, unchanged: 300 });
      const at = await t.http.get(`/v1/grid/intensity?zone=${SERIES_ZONE}&at=2023-06-01T00:30:00%2B02:00`).expect(200);
      expect(at.body).toMatchObject({
        zone: SERIES_ZONE,
        resolvedFrom: 'series',
        gPerKwh: 200,
        source: 'csv test',
        at: '2023-05-31T22:00:00.000Z',
      });
    });

    it("imports Electricity Maps' hourly export (detected by its header, streamed), idempotent per zone, instant and source", async () => {
      const header =
        'Datetime (UTC),Country,Zone name,Zone id,Carbon intensity gCO₂eq/kWh (direct),Carbon intensity gCO₂eq/kWh (Life cycle),' +
        'Carbon-free energy percentage (CFE%),Renewable energy percentage (RE%),Data source,Data estimated,Data estimation method';
      const t0 = Date.UTC(2022, 2, 1);
      const rows = Array.from({ length: 48 }, (_, h) => {
        const at = new Date(t0 + h * 3_600_000).toISOString().replace('T', ' ').slice(0, 19);
        return `${at},Denmark,West Denmark,${SERIES_ZONE},${100 + h},${150 + h},60,55,energinet.dk,false,`;
      });
      const csv = [header, ...rows].join('\r\n') + '\r\n';
      const first = await t.http
        .post(`/v1/grid/zones/${SERIES_ZONE}/series`)
        .set(admin)
        .set('content-type', 'text/csv')
        .send(csv)
        .expect(200);
      expect(first.body).toMatchObject({
        format: 'electricitymaps',
        source: 'Electricity Maps hourly export (life cycle)',
        received: 48,
        inserted: 48,
        updated: 0,
        unchanged: 0,
        from: '2022-03-01T00:00:00.000Z',
        to: '2022-03-02T23:00:00.000Z',
      });
      const again = await t.http
        .post(`/v1/grid/zones/${SERIES_ZONE}/series?format=electricitymaps`)
        .set(admin)
        .set('content-type', 'text/csv')
        .send(csv)
        .expect(200);
      expect(again.body).toMatchObject({ inserted: 0, updated: 0, unchanged: 48 });
      const at = await t.http.get(`/v1/grid/intensity?zone=${SERIES_ZONE}&at=2022-03-01T05:30:00Z`).expect(200);
      expect(at.body).toMatchObject({
        gPerKwh: 155,
        source: 'Electricity Maps hourly export (life cycle)',
        resolvedFrom: 'series',
      });
      // the direct column is another source and other values: it replaces the points
      const direct = await t.http
        .post(`/v1/grid/zones/${SERIES_ZONE}/series?emissionFactorType=direct`)
        .set(admin)
        .set('content-type', 'text/csv')
        .send(csv)
        .expect(200);
      expect(direct.body).toMatchObject({
        source: 'Electricity Maps hourly export (direct)',
        inserted: 0,
        updated: 48,
        unchanged: 0,
      });
      const [{ g }] = await db.query(`SELECT g_per_kwh AS g FROM intensity_points WHERE zone = $1 AND at = $2`, [
        SERIES_ZONE,
        '2022-03-01T05:00:00Z',
      ]);
      expect(g).toBe(105);

      // a file of another zone, or a CSV body named json: 400 with the field and line
      const other = await t.http
        .post(`/v1/grid/zones/${SERIES_ZONE}/series`)
        .set(admin)
        .set('content-type', 'text/csv')
        .send([header, rows[0], rows[1].replace(`,${SERIES_ZONE},`, ',DE,')].join('\n'))
        .expect(400);
      expect(other.body.error.details).toEqual([expect.objectContaining({ path: 'points.1.zone', line: 3 })]);
      const wrong = await t.http
        .post(`/v1/grid/zones/${SERIES_ZONE}/series?format=json`)
        .set(admin)
        .set('content-type', 'text/csv')
        .send(csv)
        .expect(400);
      expect(wrong.body.error.details[0].path).toBe('format');
    });

    it('imports a plain datetime,gPerKwh CSV (REST) and any form through the importSeries mutation (GraphQL)', async () => {
      const csv = 'datetime,gPerKwh\n2022-05-01 00:00,210\n2022-05-01 01:00,190\n';
      const res = await t.http
        .post(`/v1/grid/zones/${SERIES_ZONE}/series?format=datetime&source=plain%20csv`)
        .set(admin)
        .set('content-type', 'text/csv')
        .send(csv)
        .expect(200);
      expect(res.body).toMatchObject({ format: 'datetime', source: 'plain csv', inserted: 2, from: '2022-05-01T00:00:00.000Z' });

      const gql = await t.gql<{ importSeries: { format: string; source: string; inserted: number; unchanged: number } }>(
        'mutation($csv: String) { importSeries(zone: "dk-dk1", csv: $csv, format: datetime, source: "plain csv") { format source inserted unchanged dataVersion } }',
        { csv },
        admin,
      );
      expect(gql.errors).toBeUndefined();
      expect(gql.data!.importSeries).toMatchObject({ format: 'datetime', source: 'plain csv', inserted: 0, unchanged: 2 });
      const pts = await t.gql<{ importSeries: { format: string; inserted: number; to: string } }>(
        'mutation($p: [SeriesPointInput!]) { importSeries(zone: "DK-DK1", points: $p, source: "gql points") { format inserted to } }',
        { p: [{ at: '2022-05-02T00:00:00Z', gPerKwh: 170 }] },
        admin,
      );
      expect(pts.errors).toBeUndefined();
      expect(pts.data!.importSeries).toEqual({ format: 'json', inserted: 1, to: '2022-05-02T00:00:00.000Z' });
      const bad = await t.gql(
        'mutation { importSeries(zone: "DK-DK1", csv: "datetime,gPerKwh\\nnope,1\\n") { inserted } }',
        {},
        admin,
      );
      expect(bad.errors![0].extensions).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [expect.objectContaining({ path: 'points.0.at' })],
      });
      const neither = await t.gql('mutation { importSeries(zone: "DK-DK1") { inserted } }', {}, admin);
      expect(neither.errors![0].extensions.code).toBe('VALIDATION_FAILED');
      const anonymous = await t.gql('mutation { importSeries(zone: "DK-DK1", csv: "x") { inserted } }');
      expect(anonymous.errors![0].extensions.code).toBe('UNAUTHENTICATED');
    });

    it('keeps duplicates in one request once (the last wins) and separates signals', async () => {
      const res = await t.http
        .post(`/v1/grid/zones/${SERIES_ZONE}/series`)
        .set(admin)
        .send({
          signal: 'marginal',
          source: 'dup test',
          points: [
            { at: '2023-01-01T00:00:00Z', gPerKwh: 500 },
            { at: '2023-01-01T01:00:00+01:00', gPerKwh: 600 },
          ],
        })
        .expect(200);
      expect(res.body).toMatchObject({ signal: 'marginal', received: 2, duplicates: 1, inserted: 1, updated: 0 });
      const m = await t.http.get(`/v1/grid/intensity?zone=${SERIES_ZONE}&at=2023-01-01T00:10:00Z&signal=marginal`).expect(200);
      expect(m.body).toMatchObject({ gPerKwh: 600, signal: 'marginal', resolvedFrom: 'series' });
    });

    it('?at= returns the point in force (at or before, within 2 hours), else the yearly figure with a warning', async () => {
      const exact = await t.http.get(`/v1/grid/intensity?zone=${SERIES_ZONE}&at=${points[10].at}`).expect(200);
      expect(exact.body).toMatchObject({
        zone: SERIES_ZONE,
        resolvedFrom: 'series',
        gPerKwh: points[10].gPerKwh,
        at: points[10].at,
        year: 2023,
        signal: 'average',
        warnings: [],
      });
      const between = await t.http.get(`/v1/grid/intensity?zone=${SERIES_ZONE}&at=2023-01-01T10:59:59Z`).expect(200);
      expect(between.body.gPerKwh).toBe(points[10].gPerKwh);
      const gql = await t.gql<{ intensity: { gPerKwh: number; resolvedFrom: string; at: string } }>(
        `{ intensity(zone: "${SERIES_ZONE}", at: "${points[20].at}") { gPerKwh resolvedFrom at } }`,
      );
      expect(gql.data!.intensity).toEqual({ gPerKwh: points[20].gPerKwh, resolvedFrom: 'series', at: points[20].at });
      // 3 hours after the last point: a gap, so the 2023 yearly figure with a warning
      const gap = await t.http.get(`/v1/grid/intensity?zone=${SERIES_ZONE}&at=2023-03-25T10:00:00Z`).expect(200);
      expect(gap.body).toMatchObject({ zone: SERIES_ZONE, resolvedFrom: 'zone', year: 2023, at: null });
      expect(gap.body.warnings[0]).toMatch(/No average hourly intensity for DK-DK1 within 2 h/);
      // a zone without a series
      const none = await t.http.get('/v1/grid/intensity?zone=FR&at=2024-05-01T12:00:00Z').expect(200);
      expect(none.body).toMatchObject({ zone: 'FR', year: 2024, resolvedFrom: 'zone' });
      expect(none.body.warnings[0]).toMatch(/hourly/);
    });

    it('answers an unknown zone with 404 ZONE_NOT_FOUND', async () => {
      const res = await t.http.post('/v1/grid/zones/XX-NOPE/series').set(admin).send(points.slice(0, 2)).expect(404);
      expect(res.body.error.code).toBe('ZONE_NOT_FOUND');
    });
  });

  describe('bad inputs are 400 VALIDATION_FAILED with field paths, never 500', () => {
    it.each([
      ['/v1/grid/intensity?zone=FR&year=1800', 'year'],
      ['/v1/grid/intensity?zone=FR&year=3000', 'year'],
      ['/v1/grid/intensity?zone=FR&year=abc', 'year'],
      ['/v1/grid/intensity?zone=FR&year=2024.5', 'year'],
      ['/v1/grid/intensity?zone=FR&at=yesterday', 'at'],
      ['/v1/grid/intensity?zone=FR&at=2024-02-30T00:00:00Z', 'at'],
      ['/v1/grid/intensity?zone=FR&at=2024-06-01T12:00:00', 'at'],
      ['/v1/grid/intensity?zone=FR&signal=peak', 'signal'],
      ['/v1/grid/intensity', 'zone'],
      ['/v1/grid/intensity?zone=FR&provider=gcp&region=us-central1', 'zone'],
      ['/v1/grid/intensity?provider=gcp', 'region'],
      ['/v1/grid/intensity?provider=%21%21&region=x', 'provider'],
      ['/v1/grid/intensity?zone=FR&bogus=1', 'bogus'],
      ['/v1/grid/zones?limit=0', 'limit'],
      ['/v1/grid/zones?limit=501', 'limit'],
      ['/v1/grid/zones?limit=ten', 'limit'],
      ['/v1/grid/zones?kind=planet', 'kind'],
      ['/v1/grid/zones?country=FRA', 'country'],
      ['/v1/grid/zones?cursor=not-a-cursor', 'cursor'],
      ['/v1/grid/cloud-regions?provider=%2F..%2F', 'provider'],
      ['/v1/grid/cloud-regions?provider=gcp&year=1800', 'year'],
    ])('GET %s -> path %s', async (url, path) => {
      const res = await t.http.get(url).expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    });

    it.each([
      [{ gPerKwh: -1, source: 's' }, 'gPerKwh'],
      [{ gPerKwh: 'NaN', source: 's' }, 'gPerKwh'],
      [{ gPerKwh: 5001, source: 's' }, 'gPerKwh'],
      [{ gPerKwh: 1e308, source: 's' }, 'gPerKwh'],
      [{ gPerKwh: 10 }, 'source'],
      [{ gPerKwh: 10, source: 's', signal: 'peak' }, 'signal'],
      [{ gPerKwh: 10, source: 's', url: 'not a url' }, 'url'],
      [{ gPerKwh: 10, source: 's', extra: 1 }, 'extra'],
    ])('PUT intensity %j -> path %s', async (body, path) => {
      const res = await t.http.put(`/v1/grid/zones/${ADMIN_ZONE}/intensities/2024`).set(admin).send(body).expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    });

    it.each([['1800'], ['3000'], ['abc']])('PUT intensity for year %s -> path year', async (year) => {
      const res = await t.http
        .put(`/v1/grid/zones/${ADMIN_ZONE}/intensities/${year}`)
        .set(admin)
        .send({ gPerKwh: 1, source: 's' })
        .expect(400);
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain('year');
    });

    it.each([
      ['application/json', JSON.stringify([]), 'points'],
      ['application/json', JSON.stringify({ points: 'x' }), 'points'],
      [
        'application/json',
        JSON.stringify([
          { at: '2023-01-01T00:00:00Z', gPerKwh: 1 },
          { at: 'soon', gPerKwh: 1 },
        ]),
        'points.1.at',
      ],
      ['application/json', JSON.stringify([{ at: '2023-01-01T00:00:00Z', gPerKwh: -5 }]), 'points.0.gPerKwh'],
      ['application/json', JSON.stringify([{ at: '2023-01-01T00:00:00Z', gPerKwh: '5' }]), 'points.0.gPerKwh'],
      ['application/json', JSON.stringify([{ at: '2023-01-01T00:00:00Z', gPerKwh: 5, note: 'x' }]), 'points.0.note'],
      ['application/json', JSON.stringify({ points: [], extra: true }), 'extra'],
      ['application/json', JSON.stringify({ points: [{ at: '2023-01-01T00:00:00Z', gPerKwh: 1 }], signal: 'peak' }), 'signal'],
      ['application/json', JSON.stringify('just a string'), 'body'],
      ['text/csv', 'at,gPerKwh\n"2023-01-01T00:00:00Z,5\n', 'body'],
      ['text/csv', 'at,value\n2023-01-01T00:00:00Z,5\n', 'body'],
      ['text/csv', 'at,gPerKwh\n2023-01-01T00:00:00Z,5,extra\n', 'body'],
      ['text/csv', '', 'body'],
      ['text/csv', 'at,gPerKwh\n2023-01-01T00:00:00Z,abc\n', 'points.0.gPerKwh'],
      ['text/csv', 'at,gPerKwh\n2023-01-01T00:00:00Z,5\n2023-13-01T00:00:00Z,5\n', 'points.1.at'],
    ])('POST series (%s) %j -> path %s', async (contentType, body, path) => {
      const res = await t.http
        .post(`/v1/grid/zones/${SERIES_ZONE}/series`)
        .set(admin)
        .set('content-type', contentType)
        .send(body)
        .expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    });

    it('rejects more than 100,000 points', async () => {
      const csv =
        'at,gPerKwh\n' +
        Array.from({ length: 100_001 }, (_, i) => `${new Date(Date.UTC(2020, 0, 1) + i * 60_000).toISOString()},1`).join('\n');
      const res = await t.http.post(`/v1/grid/zones/${SERIES_ZONE}/series`).set(admin).set('content-type', 'text/csv').send(csv);
      expect([400, 413]).toContain(res.status);
      if (res.status === 400) expect(res.body.error.details[0].path).toBe('points');
    });

    it.each([
      ['{ intensity(zone: "FR", year: 1800) { gPerKwh } }'],
      ['{ intensity(zone: "FR", at: "yesterday") { gPerKwh } }'],
      ['{ intensity { gPerKwh } }'],
      ['{ zones(limit: 0) { items { code } } }'],
      ['{ zones(cursor: "zzz") { items { code } } }'],
      ['{ cloudRegions(provider: "!!") { items { region } } }'],
    ])('GraphQL %s -> VALIDATION_FAILED', async (query) => {
      const res = await t.gql(query);
      expect(res.errors?.[0].extensions.code).toBe('VALIDATION_FAILED');
    });

    it('GraphQL upsertIntensity with a negative or huge value -> VALIDATION_FAILED', async () => {
      for (const g of [-1, 5001]) {
        const res = await t.gql(
          `mutation { upsertIntensity(zone: "${ADMIN_ZONE}", year: 2024, input: { gPerKwh: ${g}, source: "x" }) { zone } }`,
          undefined,
          admin,
        );
        expect(res.errors?.[0].extensions.code).toBe('VALIDATION_FAILED');
        expect(res.errors?.[0].extensions.details.map((d) => d.path)).toContain('input.gPerKwh');
      }
    });
  });

  describe('GraphQL mirrors REST', () => {
    it('zone, zones, cloudRegions and intensity', async () => {
      const res = await t.gql<{
        zone: { code: string; intensities: { year: number }[] };
        zones: { items: { code: string }[]; nextCursor: string | null };
        cloudRegions: { items: { region: string; pue: number; gPerKwh: number; year: number }[] };
        intensity: { gPerKwh: number; resolvedFrom: string; year: number };
      }>(`{
        zone(code: "CA-QC") { code intensities { year } }
        zones(country: "US", kind: "subnational", limit: 5) { items { code } nextCursor }
        cloudRegions(provider: "gcp") { items { region pue gPerKwh year } }
        intensity(provider: "gcp", region: "us-central1", year: 2024) { gPerKwh resolvedFrom year }
      }`);
      expect(res.errors).toBeUndefined();
      expect(res.data!.zone.code).toBe('CA-QC');
      expect(res.data!.zone.intensities.length).toBeGreaterThan(0);
      expect(res.data!.zones.items).toHaveLength(5);
      expect(res.data!.zones.nextCursor).toEqual(expect.any(String));
      const rest = await t.http
        .get(`/v1/grid/zones?country=US&kind=subnational&limit=5&cursor=${res.data!.zones.nextCursor}`)
        .expect(200);
      expect(rest.body.items[0].code > res.data!.zones.items[4].code).toBe(true);
      expect(res.data!.cloudRegions.items.find((r) => r.region === 'us-central1')).toMatchObject({
        pue: 1.1,
        gPerKwh: 412.72,
        year: 2024,
      });
      expect(res.data!.intensity).toEqual({ gPerKwh: 412.72, resolvedFrom: 'provider', year: 2024 });
    });
  });
});
