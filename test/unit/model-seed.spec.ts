/** seed/models.json is exactly what scripts/seed-data/build-models.ts builds from the curated rows. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

describe('scripts/seed-data/build-models.ts --check', () => {
  it('reproduces the committed model seed', () => {
    const run = spawnSync(process.execPath, [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(root, 'scripts', 'seed-data', 'build-models.ts'), '--check'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(run.stderr).not.toContain('out of date');
    expect(run.stdout).toMatch(/models: \d+ rows/);
    expect(run.status).toBe(0);
  }, 60_000);
});
