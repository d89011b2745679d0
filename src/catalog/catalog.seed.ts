import type { ReferenceSeed } from '../database/seeds/reference-seed';

/** Placeholder until the catalog module lands: seeds nothing. */
export const catalogSeed: ReferenceSeed = {
  name: 'catalog',
  async run() {
    return {};
  },
};
