export const SCOPES = ['read', 'write', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

/** Who is calling: attached to the request by the guard. `null` key for anonymous calls to open routes. */
export interface AuthContext {
  keyId: string;
  tenant: string;
  scopes: Scope[];
}

/** admin implies write and read; write implies read. */
export function hasScope(granted: readonly Scope[], needed: Scope): boolean {
  if (granted.includes('admin')) return true;
  if (needed === 'read') return granted.includes('read') || granted.includes('write');
  return granted.includes(needed);
}
