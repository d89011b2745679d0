import { CodedError } from './coded-error';

/** Error codes owned by the service shell (transport, auth, validation). Documented in docs/errors.md. */
export enum CommonErrorCode {
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  MALFORMED_JSON = 'MALFORMED_JSON',
  JSON_TOO_DEEP = 'JSON_TOO_DEEP',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  URI_TOO_LONG = 'URI_TOO_LONG',
  HEADERS_TOO_LARGE = 'HEADERS_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE = 'UNSUPPORTED_MEDIA_TYPE',
  NOT_FOUND = 'NOT_FOUND',
  METHOD_NOT_ALLOWED = 'METHOD_NOT_ALLOWED',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  RATE_LIMITED = 'RATE_LIMITED',
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  INTERNAL_ERROR = 'INTERNAL_ERROR',
}

export interface ErrorDetail {
  path?: string;
  message: string;
  [key: string]: unknown;
}

/** A coded error of the shell; modules define their own enums and error classes the same way. */
export class CommonError extends CodedError<CommonErrorCode> {
  override readonly retryAfterSeconds?: number;

  constructor(code: CommonErrorCode, message: string, details: ErrorDetail[] | unknown[] = [], retryAfterSeconds?: number) {
    super(code, message, details);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  get status(): number {
    return commonErrorStatus(this.code);
  }
}

export function commonErrorStatus(code: CommonErrorCode): number {
  switch (code) {
    case CommonErrorCode.VALIDATION_FAILED:
    case CommonErrorCode.MALFORMED_JSON:
    case CommonErrorCode.JSON_TOO_DEEP:
      return 400;
    case CommonErrorCode.UNAUTHENTICATED:
      return 401;
    case CommonErrorCode.FORBIDDEN:
      return 403;
    case CommonErrorCode.NOT_FOUND:
      return 404;
    case CommonErrorCode.METHOD_NOT_ALLOWED:
      return 405;
    case CommonErrorCode.PAYLOAD_TOO_LARGE:
      return 413;
    case CommonErrorCode.URI_TOO_LONG:
      return 414;
    case CommonErrorCode.UNSUPPORTED_MEDIA_TYPE:
      return 415;
    case CommonErrorCode.HEADERS_TOO_LARGE:
      return 431;
    case CommonErrorCode.RATE_LIMITED:
      return 429;
    case CommonErrorCode.INTERNAL_ERROR:
      return 500;
    case CommonErrorCode.SERVICE_UNAVAILABLE:
      return 503;
    default:
      return assertUnreachable(code);
  }
}

export function assertUnreachable(x: never): never {
  throw new Error(`Unhandled case: ${String(x)}`);
}
