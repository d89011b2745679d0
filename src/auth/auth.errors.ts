import { CodedError } from '../common/errors/coded-error';
import { assertUnreachable } from '../common/errors/common.errors';

/** Error codes of API keys and their guard. */
export enum AuthErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  API_KEY_NOT_FOUND = 'API_KEY_NOT_FOUND',
}

export class AuthError extends CodedError<AuthErrorCode> {
  get status(): number {
    return authErrorStatus(this.code);
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
