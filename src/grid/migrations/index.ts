/** The grid module's migrations (timestamped class names; ordered globally in database/migrations). */
export const gridMigrations: Function[] = [];
