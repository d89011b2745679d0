import type { ApiError } from './api-error';
import { authErrorMapper } from '../../auth/auth.errors';
import { catalogErrorMapper } from '../../catalog/catalog.error-mapper';
import { gridErrorMapper } from '../../grid/grid.error-mapper';
import { estimationErrorMapper } from '../../estimates/estimation.error-mapper';
import { runsErrorMapper } from '../../runs/runs.error-mapper';
import { jobsErrorMapper } from '../../jobs/jobs.errors';

/**
 * Each module contributes one function mapping its own error class and code enum to an ApiError
 * (an exhaustive switch over that module's enum). The REST filter and the GraphQL formatter both go
 * through `toApiError`, so a module's codes are mapped once for every transport.
 */
export type DomainErrorMapper = (err: unknown) => ApiError | null;

export const domainErrorMappers: DomainErrorMapper[] = [authErrorMapper, catalogErrorMapper, gridErrorMapper, estimationErrorMapper, runsErrorMapper, jobsErrorMapper];
