import type { DataSource } from 'typeorm';
import { catalogSeed } from '../../catalog/catalog.seed';
import { gridSeed } from '../../grid/grid.seed';
import { modelCatalogSeed } from '../../model-catalog/model-catalog.seed';
import type { Seeder } from '../prepare';
import { REFERENCE_DATA_RELEASE, type ReferenceSeed } from './reference-seed';

const referenceSeeds: ReferenceSeed[] = [catalogSeed, gridSeed, modelCatalogSeed];

/**
 * Applies the shipped reference-data release once: every module's seed and the data_versions row
 * in one transaction, so a crash mid-seed leaves nothing half-applied and the next start retries.
 */
export async function seedReferenceData(
  ds: DataSource,
  log: (msg: string) => void,
  release = REFERENCE_DATA_RELEASE,
): Promise<boolean> {
  const [{ exists }] = await ds.query(`SELECT EXISTS (SELECT 1 FROM data_versions WHERE id = $1) AS exists`, [release]);
  if (exists) return false;
  await ds.transaction(async (manager) => {
    const counts: Record<string, Record<string, number>> = {};
    for (const seed of referenceSeeds) counts[seed.name] = await seed.run(manager, release);
    await manager.query(
      `INSERT INTO data_versions (id, kind, description, details) VALUES ($1, 'seed', $2, $3) ON CONFLICT (id) DO NOTHING`,
      [release, `Reference data release ${release} shipped with the service`, JSON.stringify({ counts })],
    );
    log(`applied reference data release ${release}: ${JSON.stringify(counts)}`);
  });
  return true;
}

/** Reference-data seeds applied at start (SEED_ON_START) and by `npm run seed`, in order. */
export const seeders: Seeder[] = [async (ds, log) => void (await seedReferenceData(ds, log))];
