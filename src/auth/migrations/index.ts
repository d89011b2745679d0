import { ApiKeyRateLimit1764150014000 } from './1764150014000-ApiKeyRateLimit';

/** The auth module's migrations since the first ones (api_keys itself is created in src/database/migrations). */
export const authMigrations = [ApiKeyRateLimit1764150014000];
