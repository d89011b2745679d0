import { CodedError } from '../common/errors/coded-error';
import { assertUnreachable } from '../common/errors/common.errors';

/** Error codes of the model catalog. */
export enum ModelCatalogErrorCode {
  /** No model matches the reference; `details` lists close matches ({ id, name, score }) (404). */
  MODEL_NOT_FOUND = 'MODEL_NOT_FOUND',
  /** A custom entry's id, Hugging Face id or alias is another entry's spelling (409). */
  MODEL_ALIAS_TAKEN = 'MODEL_ALIAS_TAKEN',
  /** Shipped reference rows cannot be changed through the API (403). */
  SEED_MODEL_READ_ONLY = 'SEED_MODEL_READ_ONLY',
}

export class ModelCatalogError extends CodedError<ModelCatalogErrorCode> {
  get status(): number {
    return modelCatalogErrorStatus(this.code);
  }
}

export function modelCatalogErrorStatus(code: ModelCatalogErrorCode): number {
  switch (code) {
    case ModelCatalogErrorCode.MODEL_NOT_FOUND:
      return 404;
    case ModelCatalogErrorCode.MODEL_ALIAS_TAKEN:
      return 409;
    case ModelCatalogErrorCode.SEED_MODEL_READ_ONLY:
      return 403;
    default:
      return assertUnreachable(code);
  }
}
