import { codedErrorMapper } from '../common/errors/coded-error';
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

export const gridErrorMapper = codedErrorMapper(GridError, gridErrorStatus);
