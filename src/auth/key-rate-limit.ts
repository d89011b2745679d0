import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../common/config/app.config';
import { CommonError, CommonErrorCode } from '../common/errors/common.errors';
import { countItems } from '../common/graphql/graphql-limits';
import { FixedWindowLimiter, type LimitDecision, retryAfterSeconds } from '../common/rate-limit/fixed-window-limiter';
import type { AuthContext, KeyRateLimit } from './auth.types';

/** What one request spends, in each unit: 1 request, and its cost (GraphQL operation cost; REST: see restCost). */
export interface RequestSpend {
  requests: number;
  cost: number;
}

/** Bounds the walk over a large REST body when counting its items (the JSON guard already bounds its size and depth). */
const ITEM_WALK_BUDGET = 100_000;

/**
 * The cost of a REST request in cost units, comparable with the GraphQL cost model: 1, plus one per
 * array element in the JSON body at any depth (batch items, comparison variants), plus the page size it
 * asks for (`limit`). A streamed job body (POST /v1/jobs) is not read here and costs 1.
 */
export function restCost(body: unknown, query: unknown): number {
  const items = body !== null && typeof body === 'object' && !isStream(body) ? countItems(body, { left: ITEM_WALK_BUDGET }) : 0;
  const limit = Number((query as { limit?: unknown } | null | undefined)?.limit);
  const page = Number.isFinite(limit) && limit > 0 ? Math.min(limit, 1_000_000) : 0;
  return 1 + items + page;
}

function isStream(body: object): boolean {
  return typeof (body as { pipe?: unknown }).pipe === 'function';
}

/** The decision of one request, with the headers it answers (RateLimit-* always; Retry-After when refused). */
export interface KeyLimitDecision extends LimitDecision {
  unit: KeyRateLimit['unit'];
  spent: number;
}

/**
 * Per-key rate limits: fixed one-minute windows per key, in requests or in cost units, each key with its
 * own limit (set at creation) or the service default KEY_RATE_LIMIT_PER_MINUTE (requests). In memory:
 * the limit holds per replica. A request that would go over the key's budget is refused (429
 * RATE_LIMITED with Retry-After) and not counted.
 */
@Injectable()
export class KeyRateLimiter {
  private readonly windows = new FixedWindowLimiter(0);

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** The limit that applies to a key, or null when it has none. */
  limitOf(auth: AuthContext): KeyRateLimit | null {
    const own = auth.rateLimit ?? { perMinute: this.config.KEY_RATE_LIMIT_PER_MINUTE, unit: 'requests' as const };
    return own.perMinute > 0 ? own : null;
  }

  /** Spends one request's units from its key's budget; null when the key has no limit. */
  take(auth: AuthContext, spend: RequestSpend): KeyLimitDecision | null {
    const limit = this.limitOf(auth);
    if (!limit) return null;
    const spent = limit.unit === 'cost' ? spend.cost : spend.requests;
    return { ...this.windows.take(auth.keyId, spent, limit.perMinute), unit: limit.unit, spent };
  }
}

/** The 429 a refused request answers (REST body, or the GraphQL error's extensions). */
export function keyRateLimitedError(d: KeyLimitDecision): CommonError {
  const retryAfter = retryAfterSeconds(d);
  const over = d.spent > d.limit;
  const message = over
    ? `This request costs ${d.spent} ${d.unit === 'cost' ? 'cost units' : 'requests'}, more than the key's limit of ${d.limit} per minute: ask for less in one request.`
    : `Too many ${d.unit === 'cost' ? 'cost units' : 'requests'} for this API key: its limit is ${d.limit} per minute; retry in ${retryAfter} s.`;
  return new CommonError(
    CommonErrorCode.RATE_LIMITED,
    message,
    [{ message, limitPerMinute: d.limit, unit: d.unit, spent: d.spent, remaining: d.remaining, retryAfterSeconds: retryAfter }],
    retryAfter,
  );
}
