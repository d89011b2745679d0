import type { ApiError } from '../common/errors/api-error';
import { assertUnreachable } from '../common/errors/common.errors';
import { GridError, GridErrorCode } from './domain/grid.errors';

export function gridErrorStatus(code: GridErrorCode): number {
  switch (code) {
    case GridErrorCode.ZONE_NOT_FOUND:
    case GridErrorCode.CLOUD_REGION_NOT_FOUND:
    case GridErrorCode.INTENSITY_NOT_FOUND:
      return 404;
    default:
      return assertUnreachable(code);
  }
}

export function gridErrorMapper(err: unknown): ApiError | null {
  if (!(err instanceof GridError)) return null;
  return { status: gridErrorStatus(err.code), code: err.code, message: err.message, details: err.details };
}
