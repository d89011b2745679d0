import { SetMetadata } from '@nestjs/common';
import type { Scope } from './auth.types';

export const SCOPES_KEY = 'aiem:scopes';

/** The route needs an API key with this scope (admin implies write implies read). Unmarked routes are open. */
export const RequireScope = (scope: Scope) => SetMetadata(SCOPES_KEY, scope);
