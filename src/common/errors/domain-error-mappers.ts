import type { ApiError } from './api-error';

/**
 * Each module contributes one function mapping its own error class and code enum to an ApiError
 * (an exhaustive switch over that module's enum). The REST filter and the GraphQL formatter both go
 * through `toApiError`, so a module's codes are mapped once for every transport.
 */
export type DomainErrorMapper = (err: unknown) => ApiError | null;

export const domainErrorMappers: DomainErrorMapper[] = [];
