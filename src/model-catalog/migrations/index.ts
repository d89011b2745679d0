import { Models1764150009000 } from './1764150009000-Models';
import type { ClassList } from '../../database/class-list';

/** The model catalog's migrations (ordered globally in database/migrations). */
export const modelCatalogMigrations: ClassList = [Models1764150009000];
