import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from './typeorm-options';

/**
 * For the TypeORM CLI (`npm run migration:generate`): needs DATABASE_URL pointing at a PostgreSQL
 * server. `npm run migration:run|revert` use src/scripts/migrate.ts, which also handles the embedded engine.
 */
const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL must be set for the TypeORM CLI (e.g. postgres://postgres@127.0.0.1:5432/test)');
export default new DataSource(buildDataSourceOptions({ url }));
