import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { EmbeddedPostgres } from '../../src/database/embedded-postgres';
import { prepareDatabase } from '../../src/database/prepare';
import { seeders } from '../../src/database/seeds';

/**
 * One throwaway database per test run, migrated and seeded once through the real migrations:
 * - with DATABASE_URL: a new database on that PostgreSQL server (dropped in teardown);
 * - without: the embedded engine (PGlite) in a temporary directory, as on a fresh clone.
 */
export default async function globalSetup() {
  // The dashboard's bundle (dist/app) when it is missing or older than dashboard/: GET /app/ serves it.
  execFileSync(process.execPath, [join(__dirname, '..', '..', 'scripts', 'ensure-dashboard.mjs')], { stdio: 'inherit' });
  const state = globalThis as { __AIEM_TEST__?: { embedded?: EmbeddedPostgres; adminUrl?: string; dbName?: string } };
  let url: string;
  if (process.env.DATABASE_URL) {
    const adminUrl = process.env.DATABASE_URL;
    const dbName = `aiem_test_${Date.now()}_${randomBytes(3).toString('hex')}`;
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    const u = new URL(adminUrl);
    u.pathname = `/${dbName}`;
    url = u.toString();
    state.__AIEM_TEST__ = { adminUrl, dbName };
    process.env.TEST_DB_ENGINE = 'postgresql-server';
  } else {
    const embedded = new EmbeddedPostgres(mkdtempSync(join(tmpdir(), 'aiem-test-')), 20);
    url = await embedded.start();
    state.__AIEM_TEST__ = { embedded };
    process.env.TEST_DB_ENGINE = 'embedded-pglite';
  }
  await prepareDatabase(url, { migrate: true, seeders });
  process.env.TEST_DATABASE_URL = url;
}
