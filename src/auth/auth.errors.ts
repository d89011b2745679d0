import type { ApiError } from '../common/errors/api-error';
import { assertUnreachable } from '../common/errors/common.errors';

/** Error codes of API keys and their guard. */
export enum AuthErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  API_KEY_NOT_FOUND = 'API_KEY_NOT_FOUND',
}

export class AuthError extends Error {
  constructor(
    public readonly code: AuthErrorCode,
    message: string,
    public readonly details: unknown[] = [],
  ) {
    super(message);
    this.name = 'AuthError';
  }
}

export function authErrorStatus(code: AuthErrorCode): number {
  switch (code) {
    case AuthErrorCode.UNAUTHENTICATED:
      return 401;
    case AuthErrorCode.FORBIDDEN:
      return 403;
    case AuthErrorCode.API_KEY_NOT_FOUND:
      return 404;
    default:
      return assertUnreachable(code);
  }
}

export function authErrorMapper(err: unknown): ApiError | null {
  if (!(err instanceof AuthError)) return null;
  return { status: authErrorStatus(err.code), code: err.code, message: err.message, details: err.details };
}
