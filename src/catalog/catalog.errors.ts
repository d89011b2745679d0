import { CodedError } from '../common/errors/coded-error';
/** Error codes of the hardware catalog. */
export enum CatalogErrorCode {
  HARDWARE_NOT_FOUND = 'HARDWARE_NOT_FOUND',
  HARDWARE_ID_TAKEN = 'HARDWARE_ID_TAKEN',
  HARDWARE_ALIAS_TAKEN = 'HARDWARE_ALIAS_TAKEN',
  SEED_HARDWARE_READ_ONLY = 'SEED_HARDWARE_READ_ONLY',
}

export class CatalogError extends CodedError<CatalogErrorCode> {}
