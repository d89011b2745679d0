import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { Scope } from './auth.types';

export const SCOPES_KEY = 'aiem:scopes';

/**
 * The route needs an API key with this scope (admin implies write implies read). Unmarked routes are open.
 * The OpenAPI operation carries the scope as `x-required-scope`, from which the document declares its
 * security (a key, no anonymous access) and its 401 and 403 answers (src/api-docs/openapi.ts).
 */
export const RequireScope = (scope: Scope) =>
  applyDecorators(SetMetadata(SCOPES_KEY, scope), ApiExtension('x-required-scope', scope));
