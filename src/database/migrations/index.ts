import { Init1764150000000 } from './1764150000000-Init';

/** Migrations in order. Listed explicitly (no globs) so Jest, the app and the CLI run the same ones. */
export const migrations = [Init1764150000000];
