import { validationFailed } from '../errors/validation-errors';

/**
 * The `Idempotency-Key` header (and GraphQL `idempotencyKey`) of the create operations (runs, jobs):
 * 1-255 visible ASCII characters (Stripe allows 255: https://docs.stripe.com/api/idempotent_requests).
 * Absent is null; anything else is 400 VALIDATION_FAILED with `path: "Idempotency-Key"`.
 */
export function assertIdempotencyKey(key: string | null | undefined): string | null {
  if (key === undefined || key === null) return null;
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw validationFailed([{ path: 'Idempotency-Key', message: 'Idempotency-Key must be 1 to 255 visible ASCII characters' }]);
  }
  return key;
}

/** Set on a create that answered with the resource an earlier request with the same key made. */
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';
