import { Init1764150000000 } from './1764150000000-Init';
import { ApiKeys1764150000500 } from './1764150000500-ApiKeys';
import { ApiKeyHashLookup1764150000600 } from './1764150000600-ApiKeyHashLookup';
import { authMigrations } from '../../auth/migrations';
import { catalogMigrations } from '../../catalog/migrations';
import { modelCatalogMigrations } from '../../model-catalog/migrations';
import { gridMigrations } from '../../grid/migrations';
import { runsMigrations } from '../../runs/migrations';
import { jobsMigrations } from '../../jobs/migrations';

/**
 * Migrations in order. Listed explicitly (no globs) so Jest, the app and the CLI run the same ones.
 * Modules keep their own migrations beside their code; timestamps order them globally.
 */
export const migrations = [
  Init1764150000000,
  ApiKeys1764150000500,
  ApiKeyHashLookup1764150000600,
  ...authMigrations,
  ...catalogMigrations,
  ...modelCatalogMigrations,
  ...gridMigrations,
  ...runsMigrations,
  ...jobsMigrations,
].sort((a, b) => timestampOf(a.name) - timestampOf(b.name));

function timestampOf(className: string): number {
  return Number(/(\d{13})$/.exec(className)?.[1] ?? 0);
}
