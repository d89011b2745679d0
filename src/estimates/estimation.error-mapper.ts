import type { ApiError } from '../common/errors/api-error';
import { EstimationError, estimationErrorStatus } from '../estimation/estimation.errors';

/** The engine's codes; their statuses live beside the enum (estimationErrorStatus, an exhaustive switch). */
export function estimationErrorMapper(err: unknown): ApiError | null {
  if (!(err instanceof EstimationError)) return null;
  return { status: estimationErrorStatus(err.code), code: err.code, message: err.message, details: err.details };
}
