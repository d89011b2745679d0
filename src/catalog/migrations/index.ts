import { Hardware1764150001000 } from './1764150001000-Hardware';

/** The catalog module's migrations (timestamped class names; ordered globally in database/migrations). */
export const catalogMigrations: Function[] = [Hardware1764150001000];
