import { GridTables1764150002000 } from './1764150002000-GridTables';

/** The grid module's migrations (timestamped class names; ordered globally in database/migrations). */
export const gridMigrations: Function[] = [GridTables1764150002000];
