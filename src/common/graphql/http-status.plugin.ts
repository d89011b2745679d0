import type { ApolloServerPlugin } from '@apollo/server';

/** Codes whose GraphQL answer carries the HTTP status (and Retry-After) REST would give, so clients and proxies back off. */
const HTTP_STATUS_CODES: Record<string, { status: number; retryAfter?: string }> = {
  SERVICE_UNAVAILABLE: { status: 503, retryAfter: '5' },
};

/**
 * GraphQL answers 200 with `errors` for field errors (what Nest's preserve-status plugin did, which
 * this one replaces: preserveHttpStatusForExecutionErrors is off); when the database is unavailable
 * the whole answer is a 503 with Retry-After instead, as on REST. Request-level failures (parse,
 * validation, limits: no `data`) keep their 400.
 */
export function httpStatusPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          if ('data' in response.body.singleResult) response.http.status = 200;
          for (const e of response.body.singleResult.errors ?? []) {
            const mapped = HTTP_STATUS_CODES[String(e.extensions?.code)];
            if (!mapped) continue;
            response.http.status = mapped.status;
            if (mapped.retryAfter) response.http.headers.set('retry-after', mapped.retryAfter);
            return;
          }
        },
      };
    },
  };
}
