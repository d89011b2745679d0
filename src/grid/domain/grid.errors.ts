import { CodedError } from '../../common/errors/coded-error';
import { assertUnreachable } from '../../common/errors/common.errors';

/** Error codes of the grid module (zones, intensities, cloud regions). */
export enum GridErrorCode {
  ZONE_NOT_FOUND = 'ZONE_NOT_FOUND',
  CLOUD_REGION_NOT_FOUND = 'CLOUD_REGION_NOT_FOUND',
  INTENSITY_NOT_FOUND = 'INTENSITY_NOT_FOUND',
}

/**
 * A coded error of the grid domain. For the *_NOT_FOUND codes `details` holds the suggested
 * codes (zone codes, or region names for CLOUD_REGION_NOT_FOUND), best first.
 */
export class GridError extends CodedError<GridErrorCode> {
  get status(): number {
    return gridErrorStatus(this.code);
  }
}

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
