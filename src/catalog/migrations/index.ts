/** The catalog module's migrations (timestamped class names; ordered globally in database/migrations). */
export const catalogMigrations: Function[] = [];
