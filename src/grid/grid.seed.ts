import type { ReferenceSeed } from '../database/seeds/reference-seed';
import { loadGridReference } from './domain/grid-reference';
import { GridRepository } from './grid.repository';

/**
 * Upserts the shipped grid reference (co2js data + seed/grid/*) into the grid tables, as part of the
 * release's single seed transaction. Seed rows the release no longer has are removed; admin rows stay.
 */
export const gridSeed: ReferenceSeed = {
  name: 'grid',
  async run(manager, release) {
    return GridRepository.upsertReference(manager, loadGridReference(), release);
  },
};
