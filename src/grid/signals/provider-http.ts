/**
 * HTTP to the live signal providers: a time limit per attempt, bounded retries with exponential
 * backoff, and a circuit breaker per provider. The policy follows the common pattern for calls to a
 * remote dependency (Google SRE book, "Addressing Cascading Failures": retries with randomized
 * exponential backoff, bounded; M. Fowler, "CircuitBreaker", 2014: fail fast while the dependency is
 * down, probe once after a cool-down).
 *
 * Retried: network errors, timeouts, 429 (after its Retry-After, capped) and 5xx. Not retried:
 * other 4xx (a bad token or region does not get better by asking again).
 */

export interface HttpPolicy {
  timeoutMs: number;
  retries: number;
  backoffMs: number;
}

/** A failed provider call; `status` is the HTTP status, or null for a network error or timeout. */
export class ProviderError extends Error {
  constructor(
    readonly provider: string,
    message: string,
    readonly status: number | null = null,
    readonly attempts = 1,
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}

export interface JsonResponse {
  status: number;
  body: unknown;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function retryAfterMs(header: string | null): number | null {
  if (!header) return null;
  const s = Number(header);
  if (Number.isFinite(s) && s >= 0) return s * 1000;
  const t = Date.parse(header);
  return Number.isFinite(t) ? Math.max(0, t - Date.now()) : null;
}

/** One GET with the time limit; throws ProviderError for non-2xx answers, network errors and timeouts. */
async function attempt(provider: string, url: string, headers: Record<string, string>, timeoutMs: number) {
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), timeoutMs);
  try {
    const res = await fetch(url, { headers: { accept: 'application/json', ...headers }, signal: ctrl.signal });
    const text = await res.text();
    if (!res.ok) {
      const err = new ProviderError(provider, `${provider} answered ${res.status}`, res.status);
      (err as ProviderError & { retryAfter?: number | null }).retryAfter = retryAfterMs(res.headers.get('retry-after'));
      throw err;
    }
    try {
      return { status: res.status, body: JSON.parse(text) as unknown };
    } catch {
      throw new ProviderError(provider, `${provider} answered ${res.status} with a body that is not JSON`, res.status);
    }
  } catch (err) {
    if (err instanceof ProviderError) throw err;
    const aborted = ctrl.signal.aborted;
    throw new ProviderError(
      provider,
      aborted ? `${provider} did not answer within ${timeoutMs} ms` : `${provider} unreachable (${(err as Error).message})`,
    );
  } finally {
    clearTimeout(timer);
  }
}

const retryable = (e: ProviderError) => e.status === null || e.status === 429 || e.status >= 500;

/** GET `url` as JSON under the policy (see the file comment). */
export async function getJson(
  provider: string,
  url: string,
  headers: Record<string, string>,
  policy: HttpPolicy,
): Promise<JsonResponse> {
  const cap = policy.backoffMs * 8;
  for (let i = 0; ; i++) {
    try {
      return await attempt(provider, url, headers, policy.timeoutMs);
    } catch (err) {
      const e = err as ProviderError & { retryAfter?: number | null };
      if (!retryable(e) || i >= policy.retries) throw new ProviderError(provider, e.message, e.status, i + 1);
      const backoff = policy.backoffMs * 2 ** i * (0.5 + Math.random() / 2);
      await sleep(Math.min(cap, e.status === 429 && e.retryAfter != null ? Math.max(e.retryAfter, backoff) : backoff));
    }
  }
}

/**
 * Closed: calls go through; `threshold` consecutive failures open it. Open: calls fail at once until
 * `cooldownMs` has passed; then one call probes (half-open): success closes it, failure opens it again.
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | null = null;
  private probing = false;

  constructor(
    readonly provider: string,
    private readonly threshold: number,
    private readonly cooldownMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  get state(): 'closed' | 'open' | 'half-open' {
    if (this.openedAt === null) return 'closed';
    return this.clock() - this.openedAt >= this.cooldownMs ? 'half-open' : 'open';
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    const state = this.state;
    if (state === 'open' || (state === 'half-open' && this.probing)) {
      throw new ProviderError(this.provider, `${this.provider} circuit open after ${this.threshold} consecutive failures`);
    }
    if (state === 'half-open') this.probing = true;
    try {
      const out = await work();
      this.failures = 0;
      this.openedAt = null;
      return out;
    } catch (err) {
      // a request the provider refuses for its own content (unknown zone or region, no access to it) says nothing of its health
      const status = err instanceof ProviderError ? err.status : null;
      if (status === 400 || status === 403 || status === 404) {
        if (state === 'half-open') this.openedAt = null;
        throw err;
      }
      this.failures++;
      if (state === 'half-open' || this.failures >= this.threshold) this.openedAt = this.clock();
      throw err;
    } finally {
      if (state === 'half-open') this.probing = false;
    }
  }
}
