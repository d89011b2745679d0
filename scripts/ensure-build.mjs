// `npm start` on a fresh clone: compile once if dist/ is missing or older than src/ (and the dashboard if
// dist/app is missing or older than dashboard/), then start.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDashboard } from './ensure-dashboard.mjs';

function newest(dir) {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const built = existsSync('dist/main.js') ? statSync('dist/main.js').mtimeMs : 0;
const sources = Math.max(newest('src'), statSync('tsconfig.build.json').mtimeMs, statSync('package-lock.json').mtimeMs);
if (built < sources) {
  process.stderr.write('Building (first run or sources changed)…\n');
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
}
ensureDashboard();
