import type { Seeder } from '../prepare';

/** Reference-data seeds applied at start (SEED_ON_START) and by `npm run seed`, in order. */
export const seeders: Seeder[] = [];
