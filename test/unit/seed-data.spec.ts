import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The committed seed files are exactly what the builders make from the public datasets in
 * reference-data/: each builder's --check exits 1 (naming the file) when a committed file
 * differs from what the sources give, e.g. after a hand edit or a builder change not re-run.
 */
const root = join(__dirname, '..', '..');

describe.each(['build-hardware', 'build-grid', 'build-mfu', 'build-models'])('scripts/seed-data/%s.ts --check', (builder) => {
  it('reproduces the committed seed files from the reference data', () => {
    const script = join(root, 'scripts', 'seed-data', `${builder}.ts`);
    const run = spawnSync(process.execPath, ['--import', 'tsx', script, '--check'], { cwd: root, encoding: 'utf8' });
    expect(run.stderr).not.toContain('out of date');
    expect(run.stderr).not.toContain('not found');
    expect(run.status).toBe(0);
  });
});
