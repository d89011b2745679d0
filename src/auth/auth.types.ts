export const SCOPES = ['read', 'write', 'admin', 'platform'] as const;
export type Scope = (typeof SCOPES)[number];

export const RATE_LIMIT_UNITS = ['requests', 'cost'] as const;
export type RateLimitUnit = (typeof RATE_LIMIT_UNITS)[number];

/** A key's own rate limit: `perMinute` requests, or cost units (GraphQL operation cost; see docs/security.md), per minute; 0: none. */
export interface KeyRateLimit {
  perMinute: number;
  unit: RateLimitUnit;
}

/** Who is calling: attached to the request by the guard. `null` key for anonymous calls to open routes. */
export interface AuthContext {
  keyId: string;
  tenant: string;
  scopes: Scope[];
  /** The key's own rate limit; null: the service default (KEY_RATE_LIMIT_PER_MINUTE requests). */
  rateLimit?: KeyRateLimit | null;
}

/**
 * platform implies every scope; admin implies write and read (in its own tenant); write implies read.
 * `admin` manages its tenant's keys; `platform` (the bootstrap key, or keys it creates with that
 * scope) alone writes the shared reference data and acts across tenants.
 */
export function hasScope(granted: readonly Scope[], needed: Scope): boolean {
  if (granted.includes('platform')) return true;
  if (needed === 'platform') return false;
  if (granted.includes('admin')) return true;
  if (needed === 'read') return granted.includes('read') || granted.includes('write');
  return granted.includes(needed);
}
