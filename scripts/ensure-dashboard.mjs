// Builds the dashboard (dashboard/ -> dist/app, Vite) when dist/app is missing or older than its sources.
// Used by `npm start` (scripts/ensure-build.mjs) and the e2e global setup, so a fresh clone serves /app/.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function newest(dir) {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

export function dashboardIsCurrent() {
  const index = join(root, 'dist', 'app', 'index.html');
  if (!existsSync(index)) return false;
  const sources = Math.max(newest(join(root, 'dashboard')), statSync(join(root, 'package-lock.json')).mtimeMs);
  return statSync(index).mtimeMs >= sources;
}

export function buildDashboard() {
  execFileSync(
    process.execPath,
    [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', join(root, 'dashboard', 'vite.config.mjs')],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
}

export function ensureDashboard() {
  if (dashboardIsCurrent()) return false;
  process.stderr.write('Building the dashboard (dist/app missing or older than dashboard/)…\n');
  buildDashboard();
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) ensureDashboard();
