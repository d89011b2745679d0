/**
 * Writes seed/training-efficiency.json from src/estimation/training-efficiency.data.ts (the engine's copy, edited by hand
 * with a source for every row; a unit test checks both are identical). Run: npx tsx scripts/seed-data/build-training-efficiency.ts
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_TRAINING_EFFICIENCY } from '../../src/estimation/training-efficiency.data';

const out = resolve(__dirname, '..', '..', 'seed', 'training-efficiency.json');
writeFileSync(out, `${JSON.stringify(DEFAULT_TRAINING_EFFICIENCY, null, 2)}\n`);
process.stdout.write(`wrote ${out}\n`);
