import { CodedError } from '../common/errors/coded-error';
import { assertUnreachable } from '../common/errors/common.errors';

/** Error codes of the hardware catalog. */
export enum CatalogErrorCode {
  HARDWARE_NOT_FOUND = 'HARDWARE_NOT_FOUND',
  HARDWARE_ID_TAKEN = 'HARDWARE_ID_TAKEN',
  HARDWARE_ALIAS_TAKEN = 'HARDWARE_ALIAS_TAKEN',
  SEED_HARDWARE_READ_ONLY = 'SEED_HARDWARE_READ_ONLY',
}

export class CatalogError extends CodedError<CatalogErrorCode> {
  get status(): number {
    return catalogErrorStatus(this.code);
  }
}

export function catalogErrorStatus(code: CatalogErrorCode): number {
  switch (code) {
    case CatalogErrorCode.HARDWARE_NOT_FOUND:
      return 404;
    case CatalogErrorCode.HARDWARE_ID_TAKEN:
    case CatalogErrorCode.HARDWARE_ALIAS_TAKEN:
      return 409;
    case CatalogErrorCode.SEED_HARDWARE_READ_ONLY:
      return 403;
    default:
      return assertUnreachable(code);
  }
}
