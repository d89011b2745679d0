import { codedErrorMapper } from '../common/errors/coded-error';
import { assertUnreachable } from '../common/errors/common.errors';
import { CatalogError, CatalogErrorCode } from './catalog.errors';

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

export const catalogErrorMapper = codedErrorMapper(CatalogError, catalogErrorStatus);
