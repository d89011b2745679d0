import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { chromiumCandidates, describeWithChromium, planBrowserTests } from '../utils/browser';

const none = () => false;

describe('browser tests: run, skip or fail, chosen at load time', () => {
  it('runs with the first Chromium found', () => {
    expect(planBrowserTests({}, (p) => p === '/usr/bin/chromium-browser')).toEqual({
      run: true,
      executablePath: '/usr/bin/chromium-browser',
    });
  });

  it('CHROMIUM_PATH replaces the default paths', () => {
    expect(chromiumCandidates({ CHROMIUM_PATH: '/opt/c/chrome' })).toEqual(['/opt/c/chrome']);
    expect(planBrowserTests({ CHROMIUM_PATH: '/opt/c/chrome' }, (p) => p === '/usr/bin/chromium')).toMatchObject({ run: false });
  });

  it('skips with one line saying how to install it', () => {
    const plan = planBrowserTests({}, none);
    expect(plan).toMatchObject({ run: false, fail: false });
    if (plan.run) throw new Error('unreachable');
    expect(plan.message).toContain('apt-get install chromium');
    expect(plan.message).not.toContain('\n');
  });

  it('fails under CI=true: the suite file does not load', () => {
    const plan = planBrowserTests({ CI: 'true' }, none);
    expect(plan).toMatchObject({ run: false, fail: true });
    if (plan.run) throw new Error('unreachable');
    expect(plan.message).toContain('CI=true');
    expect(() => describeWithChromium('needs a browser', () => undefined, plan)).toThrow(plan.message);
  });
});

/** The real suite, with Chromium pointed at a path that does not exist and CI unset: skipped, with one line. */
describe('explorers suite without Chromium', () => {
  const root = join(__dirname, '..', '..');
  const jest = join(root, 'node_modules', 'jest', 'bin', 'jest.js');
  // The e2e project's settings without its global setup (no database is needed to load a skipped suite).
  const {
    globalSetup: _s,
    globalTeardown: _t,
    ...e2e
  } = (require('../../jest.config.js') as { projects: Record<string, unknown>[] }).projects.find((p) => p.displayName === 'e2e')!;
  const config = JSON.stringify({ ...e2e, rootDir: root, testMatch: ['<rootDir>/test/e2e/explorers.browser.e2e-spec.ts'] });
  const run = () => {
    const env = { ...process.env, CHROMIUM_PATH: '/nonexistent/chromium', CI: 'false' };
    return spawnSync(process.execPath, [jest, '--config', config], {
      cwd: root,
      env,
      encoding: 'utf8',
    });
  };

  it('is skipped with the install line when not in CI', () => {
    const r = run();
    const lines = r.stderr.split('\n').filter((l) => l.includes('Browser tests skipped'));
    expect(lines).toEqual([
      "Browser tests skipped: Chromium not found at /nonexistent/chromium; install it with 'apt-get install chromium' (or set CHROMIUM_PATH to a Chromium binary)",
    ]);
    expect(r.stderr).toMatch(/Tests:\s+(\d+) skipped, \1 total/); // every test of the suite skipped, none run
    expect(r.status).toBe(0);
  }, 120000);
});
