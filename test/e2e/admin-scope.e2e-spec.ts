import { randomBytes } from 'node:crypto';
import { createTestApp, type TestApp } from '../utils/test-app';

const PLATFORM = 'test-platform-key-0123456789abcdef-scope';

/**
 * A tenant admin (scope `admin`) manages its own tenant's keys only; the platform admin (the
 * bootstrap key, or keys it creates with scope `platform`) alone writes the shared reference data and
 * acts across tenants. Every cross-tenant attempt of a tenant admin is refused (403, or 404 where the
 * other tenant's resource must not be revealed), on both transports.
 */
describe('Scoped admin: tenant admins stay in their tenant', () => {
  let t: TestApp;
  const ta = `ta-${randomBytes(3).toString('hex')}`;
  const tb = `tb-${randomBytes(3).toString('hex')}`;
  const platform = { authorization: `Bearer ${PLATFORM}` };
  let adminA: Record<string, string>;
  let keyB: { id: string; key: string };

  beforeAll(async () => {
    t = await createTestApp({ BOOTSTRAP_ADMIN_KEY: PLATFORM });
    const a = await t.http
      .post('/v1/api-keys')
      .set(platform)
      .send({ name: 'admin a', tenant: ta, scopes: ['admin'] })
      .expect(201);
    adminA = { authorization: `Bearer ${a.body.key}` };
    keyB = (
      await t.http
        .post('/v1/api-keys')
        .set(platform)
        .send({ name: 'writer b', tenant: tb, scopes: ['read', 'write'] })
        .expect(201)
    ).body;
  }, 180000);
  afterAll(async () => t.close());

  it("lists only its own tenant's keys (REST and GraphQL); the platform admin sees every tenant", async () => {
    const mine = await t.http.get('/v1/api-keys').set(adminA).expect(200);
    expect(new Set(mine.body.items.map((k: { tenant: string }) => k.tenant))).toEqual(new Set([ta]));
    const gql = await t.gql<{ apiKeys: { tenant: string }[] }>('{ apiKeys { tenant } }', {}, adminA);
    expect(new Set(gql.data!.apiKeys.map((k) => k.tenant))).toEqual(new Set([ta]));
    const all = await t.http.get('/v1/api-keys').set(platform).expect(200);
    expect(all.body.items.map((k: { tenant: string }) => k.tenant)).toEqual(expect.arrayContaining([ta, tb]));
  });

  it('cannot mint a key for another tenant nor grant the platform scope (403)', async () => {
    const rest = await t.http
      .post('/v1/api-keys')
      .set(adminA)
      .send({ name: 'x', tenant: tb, scopes: ['read'] });
    expect([rest.status, rest.body.error.code]).toEqual([403, 'FORBIDDEN']);
    const gql = await t.gql(
      'mutation($i: ApiKeyInput!) { createApiKey(input: $i) { id } }',
      { i: { name: 'x', tenant: tb, scopes: ['read'] } },
      adminA,
    );
    expect(gql.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', status: 403 });
    const escalate = await t.http
      .post('/v1/api-keys')
      .set(adminA)
      .send({ name: 'x', tenant: ta, scopes: ['platform'] });
    expect([escalate.status, escalate.body.error.code]).toEqual([403, 'FORBIDDEN']);
    // its own tenant is fine
    const own = await t.http
      .post('/v1/api-keys')
      .set(adminA)
      .send({ name: 'reader a', tenant: ta, scopes: ['read'] })
      .expect(201);
    expect(own.body.tenant).toBe(ta);
  });

  it("cannot revoke another tenant's key (404, REST and GraphQL); the key keeps working", async () => {
    const rest = await t.http.delete(`/v1/api-keys/${keyB.id}`).set(adminA);
    expect([rest.status, rest.body.error.code]).toEqual([404, 'API_KEY_NOT_FOUND']);
    const gql = await t.gql(`mutation { revokeApiKey(id: "${keyB.id}") { id } }`, {}, adminA);
    expect(gql.errors![0].extensions).toMatchObject({ code: 'API_KEY_NOT_FOUND', status: 404 });
    await t.http.get('/v1/runs').set('authorization', `Bearer ${keyB.key}`).expect(200);
  });

  it("cannot read another tenant's runs with a key it minted for itself", async () => {
    const runB = await t.http
      .post('/v1/runs')
      .set('authorization', `Bearer ${keyB.key}`)
      .send({
        name: 'b-run',
        request: { hardware: { ref: 'nvidia-h100-sxm5-80gb', count: 1 }, hours: 1, location: { zone: 'FR' } },
      })
      .expect(201);
    const res = await t.http.get(`/v1/runs/${runB.body.id}`).set(adminA);
    expect(res.status).toBe(404);
  });

  it('cannot write the shared reference data (403 on REST and GraphQL); the platform admin can', async () => {
    const intensity = await t.http.put('/v1/grid/zones/IS/intensities/2024').set(adminA).send({ gPerKwh: 4999, source: 'x' });
    expect([intensity.status, intensity.body.error.code]).toEqual([403, 'FORBIDDEN']);
    const series = await t.http
      .post('/v1/grid/zones/IS/series')
      .set(adminA)
      .send([{ at: '2024-06-01T12:00:00Z', gPerKwh: 4999 }]);
    expect([series.status, series.body.error.code]).toEqual([403, 'FORBIDDEN']);
    const hw = await t.http.post('/v1/hardware').set(adminA).send({ id: 'custom-scope-test', name: 'x' });
    expect([hw.status, hw.body.error.code]).toEqual([403, 'FORBIDDEN']);
    const patch = await t.http.patch('/v1/hardware/custom-scope-test').set(adminA).send({ name: 'y' });
    expect([patch.status, patch.body.error.code]).toEqual([403, 'FORBIDDEN']);
    const del = await t.http.delete('/v1/hardware/custom-scope-test').set(adminA);
    expect([del.status, del.body.error.code]).toEqual([403, 'FORBIDDEN']);
    for (const m of [
      'mutation { upsertIntensity(zone: "IS", year: 2024, input: { gPerKwh: 4999, source: "x" }) { zone } }',
      'mutation { deleteHardware(id: "custom-scope-test") { id } }',
    ]) {
      const r = await t.gql(m, {}, adminA);
      expect(r.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', status: 403 });
    }
    // Iceland is unchanged for everyone
    const is = await t.http.get('/v1/grid/intensity?zone=IS&year=2024').expect(200);
    expect(is.body.gPerKwh).not.toBe(4999);
  });

  it('a platform key created by the bootstrap key acts across tenants', async () => {
    const p = await t.http
      .post('/v1/api-keys')
      .set(platform)
      .send({ name: 'platform 2', tenant: 'default', scopes: ['platform'] })
      .expect(201);
    const other = await t.http
      .post('/v1/api-keys')
      .set('authorization', `Bearer ${p.body.key}`)
      .send({ name: 'for b', tenant: tb, scopes: ['read'] })
      .expect(201);
    expect(other.body.tenant).toBe(tb);
    await t.http.delete(`/v1/api-keys/${other.body.id}`).set('authorization', `Bearer ${p.body.key}`).expect(200);
  });

  it('shows an 8-character prefix, never more of the key', async () => {
    const list = await t.http.get('/v1/api-keys').set(platform).expect(200);
    for (const k of list.body.items) expect(k.prefix.length).toBeLessThanOrEqual(8);
    expect(list.body.items.find((k: { name: string }) => k.name === 'bootstrap admin').prefix).toBe(PLATFORM.slice(0, 8));
  });
});
