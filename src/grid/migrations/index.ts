import { GridTables1764150002000 } from './1764150002000-GridTables';
import { SignalCache1764150010000 } from './1764150010000-SignalCache';
import type { ClassList } from '../../database/class-list';

/** The grid module's migrations (timestamped class names; ordered globally in database/migrations). */
export const gridMigrations: ClassList = [GridTables1764150002000, SignalCache1764150010000];
