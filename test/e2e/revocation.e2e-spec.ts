import { PrivatePostgres, privatePostgresAvailable } from '../utils/private-postgres';
import { ensureBuilt, freePort, type ServerProcess, startServer, waitReady } from '../utils/server-process';

const PLATFORM = 'test-platform-key-0123456789abcdef-revoke';

/**
 * Two API replicas on one database: a key revoked through one is refused by the other within 2 s
 * (PostgreSQL LISTEN/NOTIFY drops it from every replica's 30 s cache). Runs on a PostgreSQL server of
 * its own (initdb + pg_ctl), whichever engine the run tests.
 */
describe('Revocation reaches every replica', () => {
  const pg = new PrivatePostgres();
  const procs: ServerProcess[] = [];

  beforeAll(async () => {
    ensureBuilt();
    if (!privatePostgresAvailable)
      throw new Error('this test starts its own PostgreSQL server: install PostgreSQL 15 or set PG_BIN_DIR');
    await pg.init();
    pg.start();
    const env = {
      DATABASE_URL: pg.url,
      BOOTSTRAP_ADMIN_KEY: PLATFORM,
      RATE_LIMIT_PER_MINUTE: '0',
      JOBS_INPROCESS_WORKER: 'false',
    };
    procs.push(startServer(env, await freePort()));
    await waitReady(procs[0], 180000);
    procs.push(startServer({ ...env, MIGRATIONS_RUN: 'false', SEED_ON_START: 'false' }, await freePort()));
    await waitReady(procs[1], 180000);
  }, 400000);

  afterAll(async () => {
    for (const p of procs) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    pg.destroy();
  });

  it('a key revoked on replica A is refused by replica B within 2 s', async () => {
    const [a, b] = procs.map((p) => `http://127.0.0.1:${p.port}`);
    const platform = { authorization: `Bearer ${PLATFORM}`, 'content-type': 'application/json' };
    const created = await fetch(`${a}/v1/api-keys`, {
      method: 'POST',
      headers: platform,
      body: JSON.stringify({ name: 'r', tenant: 'rev', scopes: ['read'] }),
    });
    expect(created.status).toBe(201);
    const { id, key } = (await created.json()) as { id: string; key: string };
    const onB = () => fetch(`${b}/v1/runs`, { headers: { authorization: `Bearer ${key}` } }).then((r) => r.status);
    expect(await onB()).toBe(200); // now cached on B for 30 s
    const revoked = await fetch(`${a}/v1/api-keys/${id}`, {
      method: 'DELETE',
      headers: { authorization: platform.authorization },
    }); // no body: no content type
    expect(revoked.status).toBe(200);
    const t0 = Date.now();
    let status = await onB();
    while (status === 200 && Date.now() - t0 < 10000) {
      await new Promise((r) => setTimeout(r, 50));
      status = await onB();
    }
    const elapsed = Date.now() - t0;
    expect(status).toBe(401);
    expect(elapsed).toBeLessThan(2000);
  }, 60000);
});
