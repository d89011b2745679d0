import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '../config/app.config';
import { errorBody } from '../errors/api-error';
import { CommonErrorCode } from '../errors/common.errors';
import type { HttpServer } from '../http/http-server';
import { FixedWindowLimiter, type LimitDecision, rateLimitHeaders, retryAfterSeconds } from './fixed-window-limiter';

/** Operations and static assets are never limited nor closed (probes, scrapes, the explorers' and the dashboard's files). */
const EXEMPT = /^\/(health|metrics|docs)(\/|\?|$)|^\/graphql-explorer\/assets\/|^\/app(\/|\?|$)/;
/** What REQUIRE_API_KEY closes: the API itself (REST under /v1 and GraphQL; the explorer page is answered by an earlier hook). */
const API = /^\/(v1|graphql)(\/|\?|$)/;

function hasKey(request: FastifyRequest): boolean {
  const authz = request.headers.authorization;
  if (typeof authz === 'string' && /^bearer\s+\S/i.test(authz)) return true;
  const x = request.headers['x-api-key'];
  return typeof x === 'string' && x.trim() !== '';
}

function reject(reply: FastifyReply, d: LimitDecision) {
  const retryAfter = retryAfterSeconds(d);
  return reply
    .code(429)
    .headers(rateLimitHeaders(d))
    .send(
      errorBody({
        status: 429,
        code: CommonErrorCode.RATE_LIMITED,
        message: `Too many requests without an API key from this address: retry in ${retryAfter} s, or send an API key.`,
        details: [{ limitPerMinute: d.limit, retryAfterSeconds: retryAfter }],
      }),
    );
}

/**
 * Anonymous access control, as one Fastify onRequest hook (before routing, body parsing and Nest):
 *
 * - RATE_LIMIT_PER_MINUTE (0 = off): requests without an API key are counted per client IP in a
 *   fixed one-minute window; over the limit they answer 429 RATE_LIMITED with Retry-After. Requests
 *   with a key are not IP-limited, but requests whose key is refused (401) are counted per IP in a
 *   separate window of the same size, so guessing keys is throttled like anonymous traffic.
 * - REQUIRE_API_KEY: anonymous /v1 and /graphql requests answer 401 UNAUTHENTICATED (reference
 *   data and stateless estimates then need a key too); keys themselves are verified by AuthGuard.
 *
 * The counters live in this process: with N replicas behind a load balancer a client can get up to
 * N times the limit. The IP is the socket's peer address (Fastify `request.ip`).
 */
export function installAnonymousAccessControl(fastify: HttpServer, config: AppConfig) {
  const limit = config.RATE_LIMIT_PER_MINUTE;
  const requireKey = config.REQUIRE_API_KEY;
  if (limit <= 0 && !requireKey) return;
  const anonymous = limit > 0 ? new FixedWindowLimiter(limit) : null;
  const refusedKeys = limit > 0 ? new FixedWindowLimiter(limit) : null;

  fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const url = request.url;
    if (EXEMPT.test(url)) return;
    if (hasKey(request)) {
      const d = refusedKeys?.peek(request.ip);
      if (d && !d.allowed) return reject(reply, d);
      return;
    }
    if (requireKey && API.test(url)) {
      return reply.code(401).send(
        errorBody({
          status: 401,
          code: CommonErrorCode.UNAUTHENTICATED,
          message: 'An API key is required: send Authorization: Bearer <key> or x-api-key.',
          details: [],
        }),
      );
    }
    if (!anonymous) return;
    const d = anonymous.hit(request.ip);
    if (!d.allowed) return reject(reply, d);
    void reply.headers(rateLimitHeaders(d));
  });

  if (refusedKeys) {
    fastify.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
      // REST answers a refused key 401; GraphQL answers 200 with UNAUTHENTICATED, so the guard marks the request
      if ((reply.statusCode === 401 || (request as { keyRefused?: boolean }).keyRefused) && hasKey(request))
        refusedKeys.hit(request.ip);
    });
  }
}
