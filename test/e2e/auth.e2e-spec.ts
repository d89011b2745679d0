import { Client } from 'pg';
import { createTestApp, type TestApp } from '../utils/test-app';

const ADMIN = 'test-admin-key-0123456789abcdef-0123';

describe('API keys and the guard (REST and GraphQL)', () => {
  let t: TestApp;
  const admin = { authorization: `Bearer ${ADMIN}` };
  beforeAll(async () => {
    t = await createTestApp({ BOOTSTRAP_ADMIN_KEY: ADMIN });
  });
  afterAll(async () => t.close());

  it('creates a key shown once and stored only as a hash', async () => {
    const res = await t.http
      .post('/v1/api-keys')
      .set(admin)
      .send({ name: 'ci', tenant: 'team-a', scopes: ['read', 'write'] })
      .expect(201);
    expect(res.body.key).toMatch(/^aiem_[A-Za-z0-9_-]{40,}$/);
    expect(res.body.key.startsWith(res.body.prefix)).toBe(true);
    const db = new Client({ connectionString: process.env.TEST_DATABASE_URL });
    await db.connect();
    const rows = await db.query(`SELECT * FROM api_keys WHERE id = $1`, [res.body.id]);
    await db.end();
    expect(JSON.stringify(rows.rows[0])).not.toContain(res.body.key);
    expect(rows.rows[0].key_hash).toMatch(/^[0-9a-f]{64}$/);
    const list = await t.http.get('/v1/api-keys').set(admin).expect(200);
    const listed = list.body.items.find((k: { id: string }) => k.id === res.body.id);
    expect(listed).toMatchObject({ tenant: 'team-a', scopes: ['read', 'write'] });
    expect(listed.key).toBeUndefined();
  });

  it('answers 401 without a key, 401 for a bad key, 403 for a missing scope', async () => {
    const created = await t.http
      .post('/v1/api-keys')
      .set(admin)
      .send({ name: 'reader', tenant: 'team-a', scopes: ['read'] })
      .expect(201);
    expect((await t.http.get('/v1/api-keys')).body.error.code).toBe('UNAUTHENTICATED');
    const bad = await t.http.get('/v1/api-keys').set('authorization', 'Bearer aiem_not-a-real-key-at-all');
    expect(bad.status).toBe(401);
    expect(bad.body.error.code).toBe('UNAUTHENTICATED');
    const forbidden = await t.http.get('/v1/api-keys').set('x-api-key', created.body.key);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe('FORBIDDEN');
  });

  it('enforces the same on GraphQL', async () => {
    const created = await t.http
      .post('/v1/api-keys')
      .set(admin)
      .send({ name: 'reader2', tenant: 'team-b', scopes: ['read'] })
      .expect(201);
    const q = '{ apiKeys { id } }';
    expect((await t.gql(q)).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await t.gql(q, {}, { authorization: `Bearer ${created.body.key}` })).errors?.[0].extensions.code).toBe('FORBIDDEN');
    const ok = await t.gql<{ apiKeys: { id: string }[] }>(q, {}, admin);
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.apiKeys.length).toBeGreaterThan(0);
    const made = await t.gql<{ createApiKey: { key: string; tenant: string } }>(
      `mutation($i: ApiKeyInput!) { createApiKey(input: $i) { id key tenant scopes } }`,
      { i: { name: 'gql', tenant: 'team-c', scopes: ['write'] } },
      admin,
    );
    expect(made.errors).toBeUndefined();
    expect(made.data!.createApiKey.tenant).toBe('team-c');
  });

  it('revokes a key: it stops working at once', async () => {
    const created = await t.http
      .post('/v1/api-keys')
      .set(admin)
      .send({ name: 'temp', tenant: 'team-a', scopes: ['admin'] })
      .expect(201);
    await t.http.get('/v1/api-keys').set('x-api-key', created.body.key).expect(200);
    const revoked = await t.http.delete(`/v1/api-keys/${created.body.id}`).set(admin).expect(200);
    expect(revoked.body.revokedAt).toEqual(expect.any(String));
    expect((await t.http.get('/v1/api-keys').set('x-api-key', created.body.key)).status).toBe(401);
    expect((await t.http.delete(`/v1/api-keys/${created.body.id}`).set(admin)).status).toBe(404);
  });

  it.each([
    [{ name: '', tenant: 't', scopes: ['read'] }, 'name'],
    [{ name: 'x', tenant: 'bad tenant!', scopes: ['read'] }, 'tenant'],
    [{ name: 'x', tenant: 't', scopes: ['root'] }, 'scopes'],
    [{ name: 'x', tenant: 't', scopes: [] }, 'scopes'],
    [{ name: 'x'.repeat(500), tenant: 't', scopes: ['read'] }, 'name'],
    [{ name: 'x', tenant: 't', scopes: ['read'], extra: 1 }, 'extra'],
  ])('rejects %j with 400 at %s', async (body, path) => {
    const res = await t.http.post('/v1/api-keys').set(admin).send(body).expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
  });

  it('answers a malformed key id with 400, not 500', async () => {
    const res = await t.http.delete('/v1/api-keys/not-a-uuid').set(admin);
    expect(res.status).toBe(400);
  });
});
