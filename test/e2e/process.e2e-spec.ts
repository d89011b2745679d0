import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { ensureBuilt, freePort, type ServerProcess, startServer, waitReady } from '../utils/server-process';

/** The production entry point as an operator runs it: config errors, embedded durability, shutdown. */
describe('the service process (node dist/main.js)', () => {
  beforeAll(() => ensureBuilt(), 180000);

  it('refuses to start on bad configuration with a message naming each bad variable', async () => {
    const s = startServer({ PORT: 'eighty', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x' }, 0);
    const { code } = await s.exited;
    expect(code).toBe(78);
    expect(s.output()).toMatch(/PORT="eighty"/);
    expect(s.output()).toMatch(/LOG_LEVEL="loud"/);
    expect(s.output()).toMatch(/DATABASE_URL must be a postgres/);
  });

  it('keeps embedded data across a SIGKILL and a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'aiem-kill-'));
    const started: ServerProcess[] = [];
    try {
      const port = await freePort();
      const first = startServer({ DATA_DIR: dataDir }, port);
      started.push(first);
      // a fresh directory is migrated and seeded first: on a loaded 2-core machine that took 30 to 45 s
      await waitReady(first, 120000);
      const url = /"url":"(postgres:\/\/[^"]+)"/.exec(first.output())?.[1];
      expect(url).toBeDefined();
      const client = new Client({ connectionString: url });
      await client.connect();
      await client.query(
        `INSERT INTO data_versions (id, kind, description) VALUES ('kill-test', 'admin', 'written before SIGKILL')`,
      );
      await client.end();
      first.child.kill('SIGKILL');
      expect((await first.exited).signal).toBe('SIGKILL');

      const second = startServer({ DATA_DIR: dataDir }, port);
      started.push(second);
      await waitReady(second, 120000);
      const res = await fetch(`http://127.0.0.1:${port}/v1/data-versions`);
      const body = (await res.json()) as { items: { id: string }[] };
      expect(body.items.map((v) => v.id)).toContain('kill-test');
      second.child.kill('SIGTERM');
      expect((await second.exited).code).toBe(0);
    } finally {
      // a failed step must not leave a server running (it would hold the test run open)
      for (const s of started) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 300000);

  it('finishes an in-flight request on SIGTERM, then exits 0 and closes the database', async () => {
    const port = await freePort();
    const s = startServer({ DATABASE_URL: process.env.TEST_DATABASE_URL, MIGRATIONS_RUN: 'false', SEED_ON_START: 'false' }, port);
    await waitReady(s);
    const body = JSON.stringify({ query: '{ dataVersions { id } }' });
    const half = Math.floor(body.length / 2);
    const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/graphql',
          headers: { 'content-type': 'application/json', 'content-length': body.length },
        },
        (res) => {
          let text = '';
          res.on('data', (d) => (text += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, half));
      // The request is in flight (half its body sent) when SIGTERM arrives; the rest follows later.
      setTimeout(() => {
        s.child.kill('SIGTERM');
        setTimeout(() => req.end(body.slice(half)), 400);
      }, 200);
    });
    const res = await response;
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text).data.dataVersions).toEqual(expect.any(Array));
    const { code } = await s.exited;
    expect(code).toBe(0);
    expect(s.output()).toMatch(/shutdown complete/);
  }, 60000);
});
