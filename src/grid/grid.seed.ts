import type { ReferenceSeed } from '../database/seeds/reference-seed';

/** Placeholder until the grid module lands: seeds nothing. */
export const gridSeed: ReferenceSeed = {
  name: 'grid',
  async run() {
    return {};
  },
};
