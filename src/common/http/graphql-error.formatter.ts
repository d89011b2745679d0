import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { toApiError } from '../errors/api-error';
import { CommonErrorCode } from '../errors/common.errors';

/**
 * GraphQL rendering of every error: the same code as REST in `extensions.code`, the same details in
 * `extensions.details`, and the HTTP status it would have had in `extensions.status`.
 */
export function formatGraphqlError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? error.originalError ?? null : error;
  // Errors raised by graphql-js itself (parse, unknown field, bad variable types) have no original error.
  if (!original || original instanceof GraphQLError) {
    const gqlCode = formatted.extensions?.code;
    const code =
      gqlCode === 'GRAPHQL_PARSE_FAILED' || gqlCode === 'GRAPHQL_VALIDATION_FAILED' || gqlCode === 'BAD_USER_INPUT' || gqlCode === 'BAD_REQUEST'
        ? CommonErrorCode.VALIDATION_FAILED
        : typeof gqlCode === 'string' && gqlCode !== 'INTERNAL_SERVER_ERROR' ? gqlCode : CommonErrorCode.INTERNAL_ERROR;
    return {
      message: formatted.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code, status: code === CommonErrorCode.INTERNAL_ERROR ? 500 : 400, details: [] },
    };
  }
  const apiError = toApiError(original);
  return {
    message: apiError.message,
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: apiError.code, status: apiError.status, details: apiError.details },
  };
}
