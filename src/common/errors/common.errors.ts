/** Error codes owned by the service shell (transport, auth, validation). Documented in docs/errors.md. */
export enum CommonErrorCode {
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  MALFORMED_JSON = 'MALFORMED_JSON',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  URI_TOO_LONG = 'URI_TOO_LONG',
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
export class CommonError extends Error {
  constructor(
    public readonly code: CommonErrorCode,
    message: string,
    public readonly details: ErrorDetail[] | unknown[] = [],
    public readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'CommonError';
  }
}

export function assertUnreachable(x: never): never {
  throw new Error(`Unhandled case: ${String(x)}`);
}
