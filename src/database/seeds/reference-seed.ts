import type { EntityManager } from 'typeorm';

/** One module's part of the reference-data release: upserts its seed rows, returns row counts. */
export interface ReferenceSeed {
  name: string;
  run(manager: EntityManager, release: string): Promise<Record<string, number>>;
}

/**
 * The reference-data release the code ships. Bump it whenever a file under seed/ changes: the
 * next start re-applies every module's seed (idempotent upserts) and records the new release.
 */
export const REFERENCE_DATA_RELEASE = 'seed-2026.12.1';
