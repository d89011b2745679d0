import { parse } from 'csv-parse/sync';
import { randomBytes } from 'node:crypto';
import { createTestApp, type TestApp } from '../utils/test-app';

const ADMIN = 'test-admin-key-0123456789abcdef-0123';
const admin = { authorization: `Bearer ${ADMIN}` };
const suffix = randomBytes(4).toString('hex');

interface Run {
  id: string;
  project: string | null;
  team: string | null;
  model: string | null;
  tags: string[];
  startedAt: string | null;
  createdAt: string;
  estimate: {
    co2eKg: number;
    energyKwh: number;
    operationalCo2eKg: number;
    embodiedCo2eKg: number;
    waterL: number | null;
    acceleratorHours: number | null;
    factors: { intensity: { zone: string | null }; hardware: { id: string | null } | null };
  };
}
interface Group {
  key: Record<string, string | null>;
  runs: number;
  acceleratorHours: number;
  energyKwh: number;
  co2eKg: number;
  operationalCo2eKg: number;
  embodiedCo2eKg: number;
  waterL: number;
  names?: Record<string, string>;
}

const requests = [
  { hardware: { ref: 'nvidia-h100-sxm5-80gb', count: 8 }, hours: 12, location: { zone: 'FR' } },
  { hardware: { ref: 'nvidia-a100-sxm4-80gb', count: 4 }, hours: 30, location: { zone: 'DE' } },
  { hardware: { ref: 'nvidia-h100-sxm5-80gb' }, acceleratorHours: 500, location: { gPerKwh: 300 } },
  { energyKwh: 1234, location: { zone: 'PL' }, pue: 1.2 },
];

/** Sums the listed runs the way the report should (runs without startedAt count under createdAt). */
function expectedGroups(runs: Run[], dims: string[], from?: string, to?: string): Map<string, Group> {
  const out = new Map<string, Group>();
  for (const r of runs) {
    const at = r.startedAt ?? r.createdAt;
    if (from && at < new Date(from).toISOString()) continue;
    if (to && at >= new Date(to).toISOString()) continue;
    // a run with several tags counts in each of its tags' groups
    for (const tag of r.tags.length ? r.tags : [null]) {
      const values: Record<string, string | null> = {
        project: r.project,
        team: r.team,
        model: r.model,
        month: at.slice(0, 7),
        zone: r.estimate.factors.intensity.zone,
        hardware: r.estimate.factors.hardware?.id ?? null,
        tag,
      };
      const key = Object.fromEntries(dims.map((d) => [d, values[d]]));
      const id = JSON.stringify(key);
      const g = out.get(id) ?? {
        key,
        runs: 0,
        acceleratorHours: 0,
        energyKwh: 0,
        co2eKg: 0,
        operationalCo2eKg: 0,
        embodiedCo2eKg: 0,
        waterL: 0,
      };
      g.runs++;
      g.acceleratorHours += r.estimate.acceleratorHours ?? 0;
      g.energyKwh += r.estimate.energyKwh;
      g.co2eKg += r.estimate.co2eKg;
      g.operationalCo2eKg += r.estimate.operationalCo2eKg;
      g.embodiedCo2eKg += r.estimate.embodiedCo2eKg;
      g.waterL += r.estimate.waterL ?? 0;
      out.set(id, g);
      if (!dims.includes('tag')) break;
    }
  }
  return out;
}

function expectSameGroups(actual: Group[], expected: Map<string, Group>) {
  expect(actual).toHaveLength(expected.size);
  for (const g of actual) {
    const e = expected.get(JSON.stringify(g.key));
    expect(e).toBeDefined();
    expect(g.runs).toBe(e!.runs);
    expect(g.co2eKg).toBeCloseTo(e!.co2eKg, 6);
    expect(g.energyKwh).toBeCloseTo(e!.energyKwh, 6);
    expect(g.acceleratorHours).toBeCloseTo(e!.acceleratorHours, 6);
    expect(g.operationalCo2eKg).toBeCloseTo(e!.operationalCo2eKg, 6);
    expect(g.embodiedCo2eKg).toBeCloseTo(e!.embodiedCo2eKg, 6);
    expect(g.waterL).toBeCloseTo(e!.waterL, 3);
  }
}

describe('Emissions reports', () => {
  let t: TestApp;
  let writer: Record<string, string>;
  let reader: Record<string, string>;
  let runs: Run[] = [];
  const tenant = `reports-${suffix}`;

  beforeAll(async () => {
    t = await createTestApp({ BOOTSTRAP_ADMIN_KEY: ADMIN });
    const w = await t.http
      .post('/v1/api-keys')
      .set(admin)
      .send({ name: 'w', tenant, scopes: ['write'] })
      .expect(201);
    const r = await t.http
      .post('/v1/api-keys')
      .set(admin)
      .send({ name: 'r', tenant, scopes: ['read'] })
      .expect(201);
    writer = { authorization: `Bearer ${w.body.key}` };
    reader = { authorization: `Bearer ${r.body.key}` };
    const teams = ['research', 'infra', 'Ops, "EU"', '=cmd()', null];
    const months = ['2025-11', '2025-12', '2026-01', '2026-02'];
    const bodies = [];
    for (let i = 0; i < 36; i++) {
      const month = months[i % months.length];
      const day = String(1 + ((i * 7) % 27)).padStart(2, '0');
      bodies.push({
        name: `run ${i}`,
        project: i % 3 === 0 ? 'alpha' : 'beta',
        ...(teams[i % teams.length] ? { team: teams[i % teams.length] } : {}),
        model: i % 2 ? 'm-small' : 'm-large',
        ...(i % 4 === 0 ? {} : { tags: i % 4 === 1 ? ['nightly'] : i % 4 === 2 ? ['nightly', 'eval'] : ['eval'] }),
        ...(i % 9 === 8 ? {} : { startedAt: `${month}-${day}T${String(i % 24).padStart(2, '0')}:30:00Z` }),
        request: requests[i % requests.length],
      });
    }
    for (const body of bodies) await t.http.post('/v1/runs').set(writer).send(body).expect(201);
    let cursor: string | null = null;
    do {
      const page: { body: { items: Run[]; nextCursor: string | null } } = await t.http
        .get('/v1/runs')
        .query({ limit: 10, ...(cursor ? { cursor } : {}) })
        .set(reader)
        .expect(200);
      runs.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(runs).toHaveLength(36);
  }, 180_000); // 36 creates: generous on a loaded machine with the embedded engine
  afterAll(async () => t.close());

  it.each([
    [['team', 'month']],
    [['project']],
    [['project', 'team', 'model', 'month', 'zone', 'hardware']],
    [['hardware', 'zone']],
    [['tag']],
    [['tag', 'month']],
  ])('sums by %j equal the sums of the listed runs, and totals the groups', async (dims) => {
    const res = await t.http
      .get('/v1/reports/emissions')
      .query({ groupBy: dims.join(',') })
      .set(reader)
      .expect(200);
    expect(res.body.groupBy).toEqual(dims);
    expectSameGroups(res.body.groups, expectedGroups(runs, dims));
    expect(res.body.totals.runs).toBe(36);
    expect(res.body.totals.co2eKg).toBeCloseTo(
      runs.reduce((s, r) => s + r.estimate.co2eKg, 0),
      6,
    );
    // (by tag a run with two tags is in two groups, so only the other dimensions partition the runs)
    if (!dims.includes('tag'))
      expect(res.body.totals.co2eKg).toBeCloseTo(
        res.body.groups.reduce((s: number, g: Group) => s + g.co2eKg, 0),
        6,
      );
  });

  it.each([
    ['whole months', '2025-12-01T00:00:00Z', '2026-02-01T00:00:00Z'],
    ['partial edge months', '2025-11-10T00:00:00Z', '2026-01-20T12:00:00Z'],
    ['inside one month', '2026-01-05T00:00:00Z', '2026-01-25T00:00:00Z'],
    ['only from', '2025-12-15T00:00:00Z', undefined],
    ['only to', undefined, '2026-01-15T00:00:00+02:00'],
  ])('a time range (%s) counts the same runs as the list', async (_name, from, to) => {
    const res = await t.http
      .get('/v1/reports/emissions')
      .query({ groupBy: 'team,month', ...(from ? { from } : {}), ...(to ? { to } : {}) })
      .set(reader)
      .expect(200);
    const expected = expectedGroups(runs, ['team', 'month'], from, to);
    expectSameGroups(res.body.groups, expected);
    expect(res.body.totals.runs).toBe([...expected.values()].reduce((s, g) => s + g.runs, 0));
  });

  it('filters by project and team, and answers totals only without groupBy', async () => {
    const res = await t.http.get('/v1/reports/emissions').query({ project: 'alpha', team: 'research' }).set(reader).expect(200);
    const expected = runs.filter((r) => r.project === 'alpha' && r.team === 'research');
    expect(res.body.groups).toEqual([]);
    expect(res.body.totals.runs).toBe(expected.length);
    expect(res.body.totals.co2eKg).toBeCloseTo(
      expected.reduce((s, r) => s + r.estimate.co2eKg, 0),
      6,
    );
  });

  it('follows deletes and recalculations', async () => {
    const before = (await t.http.get('/v1/reports/emissions').set(reader).expect(200)).body.totals;
    const victim = runs.find((r) => r.team === 'infra')!;
    await t.http.delete(`/v1/runs/${victim.id}`).set(writer).expect(204);
    runs = runs.filter((r) => r.id !== victim.id);
    const after = (await t.http.get('/v1/reports/emissions').set(reader).expect(200)).body.totals;
    expect(after.runs).toBe(before.runs - 1);
    expect(after.co2eKg).toBeCloseTo(before.co2eKg - victim.estimate.co2eKg, 6);
    await t.http.post(`/v1/runs/${runs[0].id}/recalculate`).set(writer).expect(200);
    const again = (await t.http.get('/v1/reports/emissions').set(reader).expect(200)).body.totals;
    expect(again.runs).toBe(after.runs);
    expect(again.co2eKg).toBeCloseTo(after.co2eKg, 6);
  });

  it('answers CSV for Accept: text/csv or format=csv: headers with units, rounded numbers, equal to the JSON', async () => {
    const json = await t.http.get('/v1/reports/emissions?groupBy=team,month').set(reader).expect(200);
    const csv = await t.http
      .get('/v1/reports/emissions?groupBy=team,month')
      .set({ ...reader, accept: 'text/csv' })
      .expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const rows: Record<string, string>[] = parse(csv.text, { columns: true });
    expect(Object.keys(rows[0])).toEqual([
      'team',
      'month',
      'runs',
      'accelerator_hours',
      'energy_kwh',
      'co2e_kg',
      'operational_co2e_kg',
      'embodied_co2e_kg',
      'water_l',
    ]);
    expect(rows).toHaveLength(json.body.groups.length);
    json.body.groups.forEach((g: Group, i: number) => {
      const team = g.key.team === null ? '' : g.key.team.startsWith('=') ? `'${g.key.team}` : g.key.team;
      expect(rows[i].team).toBe(team);
      expect(rows[i].month).toBe(g.key.month);
      expect(rows[i].runs).toBe(String(g.runs));
      // three decimals by default: within half a unit of the third place, and never more places
      for (const [col, v] of [
        ['energy_kwh', g.energyKwh],
        ['co2e_kg', g.co2eKg],
        ['operational_co2e_kg', g.operationalCo2eKg],
        ['embodied_co2e_kg', g.embodiedCo2eKg],
        ['water_l', g.waterL],
      ] as const) {
        expect(Math.abs(Number(rows[i][col]) - v)).toBeLessThanOrEqual(0.0005 + 1e-9);
        expect(rows[i][col]).toMatch(/^-?\d+(\.\d{1,3})?$/);
      }
    });
    expect(rows.map((r) => r.team)).toContain('Ops, "EU"');
    expect(rows.map((r) => r.team)).toContain("'=cmd()");
    const totals = await t.http
      .get('/v1/reports/emissions')
      .set({ ...reader, accept: 'text/csv, application/json;q=0.5' })
      .expect(200);
    const [only] = parse(totals.text, { columns: true }) as Record<string, string>[];
    expect(Number(only.co2e_kg)).toBeCloseTo(json.body.totals.co2eKg, 2);
    // format=csv without an Accept header, names next to ids, a totals row and a chosen precision
    const byHw = await t.http
      .get('/v1/reports/emissions?groupBy=hardware&format=csv&totals=true&decimals=1')
      .set(reader)
      .expect(200);
    expect(byHw.headers['content-type']).toMatch(/^text\/csv/);
    const hwRows: Record<string, string>[] = parse(byHw.text, { columns: true });
    expect(Object.keys(hwRows[0]).slice(0, 2)).toEqual(['hardware_id', 'hardware_name']);
    expect(hwRows.find((r) => r.hardware_id === 'nvidia-h100-sxm5-80gb')!.hardware_name).toBe('NVIDIA H100 SXM5 80GB');
    const last = hwRows[hwRows.length - 1];
    expect(last.hardware_id).toBe('TOTAL');
    expect(Number(last.co2e_kg)).toBeCloseTo(json.body.totals.co2eKg, 0);
    expect(last.co2e_kg).toMatch(/^\d+(\.\d)?$/);
    // format=json wins over Accept: text/csv
    const asJson = await t.http
      .get('/v1/reports/emissions?format=json')
      .set({ ...reader, accept: 'text/csv' })
      .expect(200);
    expect(asJson.body.totals.runs).toBe(json.body.totals.runs);
  });

  it('groups by tag: a run counts in each of its tags, the totals count it once', async () => {
    const res = await t.http.get('/v1/reports/emissions?groupBy=tag').set(reader).expect(200);
    const keys = res.body.groups.map((g: Group) => g.key.tag);
    expect(keys).toEqual(expect.arrayContaining(['eval', 'nightly', null]));
    const groupRuns = res.body.groups.reduce((s: number, g: Group) => s + g.runs, 0);
    expect(groupRuns).toBeGreaterThan(res.body.totals.runs);
    expect(res.body.totals.runs).toBe(runs.length);
  });

  it('names hardware and zones next to their ids', async () => {
    const res = await t.http.get('/v1/reports/emissions?groupBy=hardware,zone').set(reader).expect(200);
    const h100fr = res.body.groups.find((g: Group) => g.key.hardware === 'nvidia-h100-sxm5-80gb' && g.key.zone === 'FR');
    expect(h100fr.names).toEqual({ hardware: 'NVIDIA H100 SXM5 80GB', zone: expect.any(String) });
    expect(h100fr.names.zone.length).toBeGreaterThan(2);
    const noHardware = res.body.groups.find((g: Group) => g.key.hardware === null);
    expect(noHardware.names.hardware).toBeUndefined();
  });

  it('an org-wide report across tenants is for platform keys only', async () => {
    const denied = await t.http.get('/v1/reports/emissions?allTenants=true').set(reader).expect(403);
    expect(denied.body.error.code).toBe('FORBIDDEN');
    const gqlDenied = await t.gql(`{ report(allTenants: true) { totals { runs } } }`, {}, reader);
    expect(gqlDenied.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const org = await t.http.get('/v1/reports/emissions?allTenants=true&groupBy=tenant').set(admin).expect(200);
    const mine = org.body.groups.find((g: Group) => g.key.tenant === tenant);
    expect(mine.runs).toBe(runs.length);
    expect(org.body.totals.runs).toBeGreaterThanOrEqual(runs.length);
    // without allTenants the platform key sees its own tenant only
    const own = await t.http.get('/v1/reports/emissions?groupBy=tenant').set(admin).expect(200);
    expect(own.body.groups.every((g: Group) => g.key.tenant !== tenant)).toBe(true);
  });

  it('answers the same on GraphQL', async () => {
    const rest = await t.http.get('/v1/reports/emissions?groupBy=project,month').set(reader).expect(200);
    const gql = await t.gql<{ report: { groupBy: string[]; groups: Group[]; totals: Omit<Group, 'key'> } }>(
      `query($g: [String!]) { report(groupBy: $g) { groupBy groups { key names runs acceleratorHours energyKwh co2eKg operationalCo2eKg embodiedCo2eKg waterL } totals { runs acceleratorHours energyKwh co2eKg operationalCo2eKg embodiedCo2eKg waterL } } }`,
      { g: ['project', 'month'] },
      reader,
    );
    expect(gql.errors).toBeUndefined();
    expect(gql.data!.report).toEqual(rest.body);
  });

  it.each([
    'groupBy=colour',
    'groupBy=team,colour',
    'groupBy=team&from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z',
    'from=2026-01-01T00:00:00Z&to=2026-01-01T00:00:00Z',
    'from=not-a-date',
    'to=99999-01-01T00:00:00Z',
    'project=',
    'format=xml',
    'decimals=13',
    'decimals=-1',
    'decimals=1.5',
    'totals=maybe',
    'allTenants=yes',
  ])('rejects %s with 400', async (qs) => {
    const res = await t.http.get(`/v1/reports/emissions?${qs}`).set(reader);
    expect([res.status, res.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('rejects bad GraphQL groupBy with VALIDATION_FAILED', async () => {
    const res = await t.gql(`{ report(groupBy: ["colour"]) { totals { runs } } }`, {}, reader);
    expect(res.errors?.[0].extensions.code).toBe('VALIDATION_FAILED');
  });
});
