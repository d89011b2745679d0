export interface LimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Milliseconds until the current window ends (when the count starts again from zero). */
  resetMs: number;
}

/** Whole seconds until the window ends, at least 1 (Retry-After and RateLimit-Reset). */
export function retryAfterSeconds(d: LimitDecision): number {
  return Math.max(1, Math.ceil(d.resetMs / 1000));
}

/**
 * The RateLimit-* headers (draft-ietf-httpapi-ratelimit-headers) every limited answer carries (the anonymous
 * limiter's and the per-key one's) and, when refused, Retry-After.
 */
export function rateLimitHeaders(d: LimitDecision): Record<string, string> {
  const reset = String(retryAfterSeconds(d));
  const headers: Record<string, string> = {
    'ratelimit-limit': String(d.limit),
    'ratelimit-remaining': String(d.remaining),
    'ratelimit-reset': reset,
  };
  if (!d.allowed) headers['retry-after'] = reset;
  return headers;
}

/**
 * Fixed-window counters (one window per `windowMs`, all keys aligned): O(1) per hit, and memory
 * bounded by the keys seen in the current window, since the whole map is dropped when a window ends.
 * In-memory, so the limit holds per process (replica), not across replicas.
 */
export class FixedWindowLimiter {
  private window = -1;
  private counts = new Map<string, number>();

  constructor(
    private readonly limit: number,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  hit(key: string): LimitDecision {
    return this.decide(key, 1);
  }

  /**
   * Takes `amount` units from `key`'s budget of `limit` (this limiter's own limit when omitted) in the
   * current window. A take that would go over the budget is refused and not counted, so a costly
   * request refused does not use up what cheaper ones may still spend.
   */
  take(key: string, amount: number, limit: number = this.limit): LimitDecision {
    const now = this.now();
    const window = this.roll(now);
    const used = this.counts.get(key) ?? 0;
    const allowed = used + amount <= limit;
    if (allowed) this.counts.set(key, used + amount);
    return {
      allowed,
      limit,
      remaining: Math.max(0, limit - (allowed ? used + amount : used)),
      resetMs: (window + 1) * this.windowMs - now,
    };
  }

  /** The decision a hit would get, without counting one. */
  peek(key: string): LimitDecision {
    return this.decide(key, 0);
  }

  private decide(key: string, add: number): LimitDecision {
    const now = this.now();
    const window = this.roll(now);
    const count = (this.counts.get(key) ?? 0) + add;
    if (add) this.counts.set(key, count);
    return {
      allowed: add ? count <= this.limit : count < this.limit,
      limit: this.limit,
      remaining: Math.max(0, this.limit - count),
      resetMs: (window + 1) * this.windowMs - now,
    };
  }

  /** The current window's number; the counts start over when it changes. */
  private roll(now: number): number {
    const window = Math.floor(now / this.windowMs);
    if (window !== this.window) {
      this.window = window;
      this.counts = new Map();
    }
    return window;
  }
}
