import { Models1764150009000 } from './1764150009000-Models';

/** The model catalog's migrations (ordered globally in database/migrations). */
export const modelCatalogMigrations: Function[] = [Models1764150009000];
