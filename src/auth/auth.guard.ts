import { type CanActivate, type ExecutionContext, Injectable, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import { ApiKeysService } from './api-keys.service';
import { AuthError, AuthErrorCode } from './auth.errors';
import { type AuthContext, hasScope, type Scope } from './auth.types';
import { SCOPES_KEY } from './scopes.decorator';
import { rateLimitHeaders } from '../common/rate-limit/fixed-window-limiter';
import { KeyRateLimiter, keyRateLimitedError, restCost } from './key-rate-limit';

interface RequestWithAuth {
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
  query?: unknown;
  auth?: AuthContext | null;
  /** Set when the presented key was refused: the rate limiter counts it against the caller's IP even when GraphQL answers 200. */
  keyRefused?: boolean;
}

function requestOf(ctx: ExecutionContext): RequestWithAuth {
  if (ctx.getType<GqlContextType>() === 'graphql')
    return GqlExecutionContext.create(ctx).getContext<{ req: RequestWithAuth }>().req;
  return ctx.switchToHttp().getRequest<RequestWithAuth>();
}

export function presentedKey(headers: RequestWithAuth['headers']): string | null {
  const authz = headers.authorization;
  if (typeof authz === 'string' && /^bearer\s+/i.test(authz)) return authz.replace(/^bearer\s+/i, '').trim() || null;
  const x = headers['x-api-key'];
  return typeof x === 'string' && x.trim() ? x.trim() : null;
}

/**
 * One guard for REST and GraphQL. A presented key is always verified (a bad key is 401 even on
 * open routes); a route marked with @RequireScope needs a key with that scope (401 without, 403 short).
 * On REST a valid key's rate limit is applied here too (429 RATE_LIMITED with Retry-After).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeysService,
    private readonly limits: KeyRateLimiter,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const needed = this.reflector.getAllAndOverride<Scope | undefined>(SCOPES_KEY, [ctx.getHandler(), ctx.getClass()]);
    const req = requestOf(ctx);
    if (!req) return !needed;
    const key = presentedKey(req.headers);
    try {
      req.auth = key ? await this.keys.authenticate(key) : null;
    } catch (err) {
      req.keyRefused = true;
      throw err;
    }
    // The key's rate limit, on REST (one guard call per request); GraphQL's is KeyRateLimitPlugin, once per
    // operation with its computed cost (the guard runs once per resolver there).
    if (req.auth && ctx.getType<GqlContextType>() === 'http') {
      const d = this.limits.take(req.auth, { requests: 1, cost: restCost(req.body, req.query) });
      if (d) {
        const reply = ctx.switchToHttp().getResponse<{ header(name: string, value: string): unknown }>();
        for (const [name, value] of Object.entries(rateLimitHeaders(d))) reply.header(name, value);
        if (!d.allowed) throw keyRateLimitedError(d);
      }
    }
    if (!needed) return true;
    if (!req.auth)
      throw new AuthError(
        AuthErrorCode.UNAUTHENTICATED,
        'An API key is required: send Authorization: Bearer <key> or x-api-key.',
      );
    if (!hasScope(req.auth.scopes, needed)) {
      throw new AuthError(AuthErrorCode.FORBIDDEN, `This operation needs the '${needed}' scope.`, [
        { needed, granted: req.auth.scopes },
      ]);
    }
    return true;
  }
}

/** The caller's AuthContext (null when anonymous) in a REST handler or a resolver. */
export const CurrentAuth = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): AuthContext | null => requestOf(ctx)?.auth ?? null,
);
