import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { toApiError } from '../errors/api-error';
import { CommonErrorCode } from '../errors/common.errors';
import { GraphqlLimitCode } from '../graphql/graphql-limits';

/**
 * GraphQL rendering of every error: the same code as REST in `extensions.code`, the same details in
 * `extensions.details`, and the HTTP status it would have had in `extensions.status`.
 */
export function formatGraphqlError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? (error.originalError ?? null) : error;
  // Errors raised by graphql-js itself (parse, unknown field, bad variable types) have no original error.
  if (!original || original instanceof GraphQLError) {
    // Apollo re-codes validation errors GRAPHQL_VALIDATION_FAILED; a limit's own code is on the original error.
    const ownCode = original instanceof GraphQLError ? original.extensions?.code : undefined;
    const limitCode = typeof ownCode === 'string' && ownCode in GraphqlLimitCode ? ownCode : undefined;
    const gqlCode =
      limitCode ??
      (/more tha[nt] \d+ tokens/.test(formatted.message)
        ? GraphqlLimitCode.GRAPHQL_DOCUMENT_TOO_LARGE
        : formatted.message === 'provided sha does not match query'
          ? 'PERSISTED_QUERY_HASH_MISMATCH'
          : // graphql-js stops coercing variables after 50 errors, with an error of no code (found by the fuzz test)
            formatted.message.startsWith('Too many errors processing variables')
            ? 'BAD_USER_INPUT'
            : formatted.extensions?.code);
    const ownDetails = limitCode
      ? (original as GraphQLError).extensions?.details
      : (formatted.extensions?.details ?? variableDetails(formatted.message));
    const code =
      gqlCode === 'GRAPHQL_PARSE_FAILED' ||
      gqlCode === 'GRAPHQL_VALIDATION_FAILED' ||
      gqlCode === 'BAD_USER_INPUT' ||
      gqlCode === 'BAD_REQUEST' ||
      // several operations and no (or an unknown) operationName: the request is at fault (found by the fuzz test)
      gqlCode === 'OPERATION_RESOLUTION_FAILURE'
        ? CommonErrorCode.VALIDATION_FAILED
        : typeof gqlCode === 'string' && gqlCode !== 'INTERNAL_SERVER_ERROR'
          ? gqlCode
          : CommonErrorCode.INTERNAL_ERROR;
    return {
      message: formatted.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: {
        code,
        status: code === CommonErrorCode.INTERNAL_ERROR ? 500 : 400,
        details: Array.isArray(ownDetails) ? ownDetails : [],
      },
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

/**
 * graphql-js names the field of a bad variable only in its message (`Variable "$input" got invalid value 1 at
 * "input.locations[0].zone"; ...`): the detail carries it as a path, in the REST form (`input.locations.0.zone`).
 */
function variableDetails(message: string): { path: string; message: string }[] | undefined {
  const m = /^Variable "\$([^"]+)" got invalid value .*? at "([^"]+)"; (.*)$/s.exec(message);
  if (m) return [{ path: m[2].replace(/\[(\d+)\]/g, '.$1'), message: m[3] }];
  const whole = /^Variable "\$([^"]+)" (?:got invalid value|of required type|of non-null type)[^;]*?(?:; (.*))?$/s.exec(message);
  return whole ? [{ path: whole[1], message: whole[2] ?? message }] : undefined;
}
