import type { ApiError } from '../common/errors/api-error';
import { RunsError, runsErrorStatus } from './runs.errors';

/** Maps RunsError once for both transports (registered in common/errors/domain-error-mappers.ts). */
export function runsErrorMapper(err: unknown): ApiError | null {
  if (!(err instanceof RunsError)) return null;
  return { status: runsErrorStatus(err.code), code: err.code, message: err.message, details: err.details };
}
