import { HttpException, HttpStatus } from '@nestjs/common';
import { CodedError } from './coded-error';
import { commonErrorStatus, CommonErrorCode, type ErrorDetail } from './common.errors';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from './db-errors';

/** The transport-neutral form of any error: REST renders it as status + body, GraphQL as extensions. */
export interface ApiError {
  status: number;
  code: string;
  message: string;
  details: unknown[];
  retryAfterSeconds?: number;
}

const FASTIFY_CODES: Record<string, { code: CommonErrorCode; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    code: CommonErrorCode.PAYLOAD_TOO_LARGE,
    message: 'The request body is larger than the configured limit.',
  },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: CommonErrorCode.MALFORMED_JSON, message: 'The request body is not valid JSON.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    code: CommonErrorCode.MALFORMED_JSON,
    message: 'The request body is empty but declared as JSON.',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: CommonErrorCode.UNSUPPORTED_MEDIA_TYPE,
    message: 'The request content type is not supported.',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: CommonErrorCode.MALFORMED_JSON,
    message: 'The request body length does not match Content-Length.',
  },
  FST_ERR_CTP_INVALID_TYPE: { code: CommonErrorCode.UNSUPPORTED_MEDIA_TYPE, message: 'The request content type is invalid.' },
  FST_ERR_MAX_PARAM_LENGTH: { code: CommonErrorCode.URI_TOO_LONG, message: 'A path segment is longer than 500 characters.' },
  FST_ERR_BAD_URL: { code: CommonErrorCode.VALIDATION_FAILED, message: 'The path is not a valid URL (bad percent-encoding).' },
};

function fromHttpException(err: HttpException): ApiError {
  const status = err.getStatus();
  const response = err.getResponse();
  const message = typeof response === 'string' ? response : ((response as { message?: unknown }).message ?? err.message);
  const text = Array.isArray(message) ? message.join('; ') : String(message);
  const code: CommonErrorCode =
    status === HttpStatus.NOT_FOUND
      ? CommonErrorCode.NOT_FOUND
      : status === HttpStatus.PAYLOAD_TOO_LARGE
        ? CommonErrorCode.PAYLOAD_TOO_LARGE
        : status === HttpStatus.UNAUTHORIZED
          ? CommonErrorCode.UNAUTHENTICATED
          : status === HttpStatus.FORBIDDEN
            ? CommonErrorCode.FORBIDDEN
            : status === HttpStatus.TOO_MANY_REQUESTS
              ? CommonErrorCode.RATE_LIMITED
              : status === HttpStatus.METHOD_NOT_ALLOWED
                ? CommonErrorCode.METHOD_NOT_ALLOWED
                : status === HttpStatus.UNSUPPORTED_MEDIA_TYPE
                  ? CommonErrorCode.UNSUPPORTED_MEDIA_TYPE
                  : status >= 500
                    ? CommonErrorCode.INTERNAL_ERROR
                    : CommonErrorCode.VALIDATION_FAILED;
  const details: ErrorDetail[] = code === CommonErrorCode.VALIDATION_FAILED ? [{ message: text }] : [];
  return { status: commonErrorStatus(code), code, message: status >= 500 ? 'Internal error.' : text, details };
}

/** Classifies any thrown value. Unknown errors become 500 INTERNAL_ERROR with no internals leaked. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof CodedError) {
    // Every module's error (and the shell's CommonError) carries its own status: no registry of modules here.
    const apiError: ApiError = { status: err.status, code: err.code, message: err.message, details: err.details };
    if (err.retryAfterSeconds !== undefined) apiError.retryAfterSeconds = err.retryAfterSeconds;
    return apiError;
  }
  if (err instanceof HttpException) return fromHttpException(err);
  if (err && typeof err === 'object') {
    const e = err as { code?: unknown; statusCode?: unknown; message?: unknown; type?: unknown };
    if (typeof e.code === 'string' && FASTIFY_CODES[e.code]) {
      const { code, message } = FASTIFY_CODES[e.code];
      return { status: commonErrorStatus(code), code, message, details: [] };
    }
    if (err instanceof SyntaxError && e.statusCode === 400) {
      return {
        status: 400,
        code: CommonErrorCode.MALFORMED_JSON,
        message: 'The request body is not valid JSON.',
        details: [{ message: err.message }],
      };
    }
    if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
      const code =
        e.statusCode === 413
          ? CommonErrorCode.PAYLOAD_TOO_LARGE
          : e.statusCode === 415
            ? CommonErrorCode.UNSUPPORTED_MEDIA_TYPE
            : e.statusCode === 404
              ? CommonErrorCode.NOT_FOUND
              : CommonErrorCode.VALIDATION_FAILED;
      return { status: commonErrorStatus(code), code, message: String(e.message ?? 'Bad request.'), details: [] };
    }
  }
  if (isDatabaseUnavailable(err)) {
    const message = 'The database is unavailable; retry shortly.';
    return {
      status: 503,
      code: CommonErrorCode.SERVICE_UNAVAILABLE,
      message,
      details: [],
      retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS,
    };
  }
  return { status: 500, code: CommonErrorCode.INTERNAL_ERROR, message: 'Internal error.', details: [] };
}

export function errorBody(e: ApiError) {
  return { error: { code: e.code, message: e.message, details: e.details } };
}
