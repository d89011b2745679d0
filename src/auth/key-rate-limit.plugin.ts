import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { Plugin } from '@nestjs/apollo';
import { GraphQLError } from 'graphql';
import { ApiKeysService } from './api-keys.service';
import { presentedKey } from './auth.guard';
import { rateLimitHeaders } from '../common/rate-limit/fixed-window-limiter';
import { KeyRateLimiter, keyRateLimitedError } from './key-rate-limit';

interface GraphqlContext {
  req?: { headers: Record<string, string | string[] | undefined> };
  /** Set by limitsPlugin (src/common/graphql/graphql-limits.ts) once the operation's cost is known. */
  operationCost?: number;
}

/**
 * The per-key rate limit on GraphQL, once per operation (not per resolver, as the guard would be): once
 * the operation is resolved and its cost computed (limitsPlugin runs before this plugin), a valid key
 * spends one request or the operation's cost. Over the key's budget the whole request is refused before
 * execution: 429 with Retry-After, `extensions.code` RATE_LIMITED. A key that does not verify is left to
 * the guard (UNAUTHENTICATED, counted against the IP).
 */
@Plugin()
export class KeyRateLimitPlugin implements ApolloServerPlugin<GraphqlContext> {
  constructor(
    private readonly keys: ApiKeysService,
    private readonly limits: KeyRateLimiter,
  ) {}

  async requestDidStart(): Promise<GraphQLRequestListener<GraphqlContext>> {
    let headers: Record<string, string> | null = null;
    return {
      didResolveOperation: async ({ contextValue }) => {
        const key = contextValue.req ? presentedKey(contextValue.req.headers) : null;
        // no cost: the operation was refused by the cost limit (400), which uses up nothing
        if (!key || contextValue.operationCost === undefined) return;
        const auth = await this.keys.authenticate(key).catch(() => null);
        if (!auth) return;
        const d = this.limits.take(auth, { requests: 1, cost: Math.max(1, contextValue.operationCost) });
        if (!d) return;
        headers = rateLimitHeaders(d);
        if (d.allowed) return;
        const err = keyRateLimitedError(d);
        throw new GraphQLError(err.message, {
          originalError: err,
          extensions: { http: { status: 429, headers: new Map(Object.entries(headers)) } },
        });
      },
      willSendResponse: async ({ response }) => {
        if (headers) for (const [name, value] of Object.entries(headers)) response.http.headers.set(name, value);
      },
    };
  }
}
