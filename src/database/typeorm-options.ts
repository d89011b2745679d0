import type { DataSourceOptions } from 'typeorm';
import { entities } from './entities';
import { migrations } from './migrations';
import { RedactingTypeOrmLogger } from './typeorm-logger';

export interface DatabaseOptions {
  url: string;
  poolSize?: number;
  logging?: boolean;
}

/** The single source of TypeORM options, used by the app, the migration script and the TypeORM CLI. */
export function buildDataSourceOptions(opts: DatabaseOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: opts.url,
    entities,
    migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false, // applied by prepareDatabase() under an advisory lock, see database/prepare.ts
    logging: opts.logging ? ['error', 'warn', 'migration'] : ['error'],
    logger: new RedactingTypeOrmLogger(opts.logging), // failed queries without their parameters (key hashes, payloads)
    extra: { max: opts.poolSize ?? 10, connectionTimeoutMillis: 10000 },
  };
}
