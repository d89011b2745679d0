import 'reflect-metadata';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createApp } from '../app.factory';
import { validateEnv } from '../common/config/app.config';
import { EmbeddedPostgres } from '../database/embedded-postgres';
import { prepareDatabase } from '../database/prepare';
import { renderContracts } from './contracts';

/** Writes schema.gql and docs/openapi.json from the running code (on a throwaway embedded database). */
async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'aiem-contracts-'));
  const embedded = new EmbeddedPostgres(dir, 4);
  const url = await embedded.start();
  try {
    await prepareDatabase(url, { migrate: true, seeders: [] });
    const app = await createApp({ config: validateEnv({ LOG_LEVEL: 'warn', DATABASE_URL: url }), databaseUrl: url });
    await app.init();
    const { schema, openapi } = renderContracts(app);
    await app.close();
    const root = resolve(__dirname, '../..');
    mkdirSync(join(root, 'docs'), { recursive: true });
    writeFileSync(join(root, 'schema.gql'), schema);
    writeFileSync(join(root, 'docs/openapi.json'), openapi);
    console.log('wrote schema.gql and docs/openapi.json');
  } finally {
    await embedded.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
