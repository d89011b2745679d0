import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from './typeorm-options';

/** Held while migrating and seeding, so replicas starting together do not race. */
const MIGRATION_LOCK_KEY = 727_001;

/** A module's reference-data seed: idempotent, keyed by its data release. */
export type Seeder = (ds: DataSource, log: (msg: string) => void) => Promise<void>;

/** Applies pending migrations and the reference-data seed, under a PostgreSQL advisory lock. */
export async function prepareDatabase(url: string, opts: { migrate: boolean; seeders: Seeder[]; log?: (msg: string) => void }) {
  const ds = new DataSource({ ...buildDataSourceOptions({ url, poolSize: 2 }) });
  await ds.initialize();
  const lock = ds.createQueryRunner();
  try {
    await lock.connect();
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    if (opts.migrate) {
      const applied = await ds.runMigrations({ transaction: 'each' });
      if (applied.length) opts.log?.(`applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(', ')}`);
    }
    for (const seed of opts.seeders) await seed(ds, opts.log ?? (() => undefined));
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.release();
    await ds.destroy();
  }
}
