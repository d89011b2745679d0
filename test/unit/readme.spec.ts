import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EnvVars } from '../../src/common/config/app.config';

const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');

describe('README', () => {
  it('starts with the two set-up commands', () => {
    const firstBlock = /```bash\n([\s\S]*?)```/.exec(readme)![1];
    expect(firstBlock).toMatch(/^npm ci && npm start\b/m);
    expect(firstBlock).toMatch(/^npm test\b/m);
  });

  it('documents every configuration variable the service accepts', () => {
    const table = new Set([...readme.matchAll(/^\| `([A-Z][A-Z0-9_]+)` \|/gm)].map((m) => m[1]));
    const accepted = [...Object.keys(new EnvVars()), 'DATABASE_URL', 'BOOTSTRAP_ADMIN_KEY', 'METRICS_TOKEN'];
    expect(accepted.filter((v) => !table.has(v))).toEqual([]);
  });
});
