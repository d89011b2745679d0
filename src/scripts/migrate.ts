import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { validateEnv } from '../common/config/app.config';
import { EmbeddedPostgres } from '../database/embedded-postgres';
import { prepareDatabase } from '../database/prepare';
import { seeders } from '../database/seeds';
import { buildDataSourceOptions } from '../database/typeorm-options';

/**
 * `npm run migration:run | migration:revert | seed`: against DATABASE_URL, or the embedded engine
 * under DATA_DIR when it is not set (the service must not be running on that DATA_DIR).
 */
async function main() {
  const command = process.argv[2];
  if (!['run', 'revert', 'seed', 'show'].includes(command)) {
    process.stderr.write('usage: migrate.js run|revert|seed|show\n');
    process.exit(64);
  }
  const config = validateEnv(process.env);
  let embedded: EmbeddedPostgres | undefined;
  const url = config.DATABASE_URL ?? (await (embedded = new EmbeddedPostgres(config.DATA_DIR, 2)).start());
  try {
    if (command === 'run') await prepareDatabase(url, { migrate: true, seeders: [], log: console.log });
    else if (command === 'seed') await prepareDatabase(url, { migrate: true, seeders, log: console.log });
    else {
      const ds = await new DataSource(buildDataSourceOptions({ url, logging: true })).initialize();
      try {
        if (command === 'revert') await ds.undoLastMigration({ transaction: 'each' });
        else console.log((await ds.showMigrations()) ? 'pending migrations' : 'all migrations applied');
      } finally {
        await ds.destroy();
      }
    }
  } finally {
    await embedded?.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
