import { Client } from 'pg';
import type { EmbeddedPostgres } from '../../src/database/embedded-postgres';

export default async function globalTeardown() {
  const state = (globalThis as { __AIEM_TEST__?: { embedded?: EmbeddedPostgres; adminUrl?: string; dbName?: string } })
    .__AIEM_TEST__;
  if (!state) return;
  if (state.embedded) await state.embedded.stop();
  if (state.adminUrl && state.dbName && !process.env.KEEP_TEST_DB) {
    const admin = new Client({ connectionString: state.adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${state.dbName} WITH (FORCE)`);
    await admin.end();
  }
}
