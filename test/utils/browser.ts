import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';

/**
 * Where the browser tests find Chromium, and what they do without it. Chosen once, when a suite file
 * loads: with Chromium they run; without it they are skipped with one line saying how to install it,
 * except under CI=true, where a missing browser fails the suite (CI must test the explorers).
 */
export type BrowserPlan = { run: true; executablePath: string } | { run: false; fail: boolean; message: string };

export const INSTALL_HINT = "install it with 'apt-get install chromium' (or set CHROMIUM_PATH to a Chromium binary)";

/** Candidate paths: CHROMIUM_PATH when set (and only it), else the Debian/Ubuntu package's paths. */
export function chromiumCandidates(env: NodeJS.ProcessEnv = process.env): string[] {
  return env.CHROMIUM_PATH ? [env.CHROMIUM_PATH] : ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
}

export function planBrowserTests(env: NodeJS.ProcessEnv = process.env, exists: (p: string) => boolean = existsSync): BrowserPlan {
  const candidates = chromiumCandidates(env);
  const found = candidates.find((p) => exists(p));
  if (found) return { run: true, executablePath: found };
  const where = candidates.join(' or ');
  if (env.CI === 'true')
    return { run: false, fail: true, message: `Chromium not found at ${where} (CI=true needs it): ${INSTALL_HINT}` };
  return { run: false, fail: false, message: `Browser tests skipped: Chromium not found at ${where}; ${INSTALL_HINT}` };
}

/**
 * `describe` for a suite that needs Chromium: the body receives the executable path. Without Chromium
 * the suite is registered skipped (one line on stderr says why and how to install it), or, under
 * CI=true, the file fails to load with that message.
 */
export function describeWithChromium(
  name: string,
  body: (executablePath: string) => void,
  plan: BrowserPlan = planBrowserTests(),
): void {
  if (plan.run) {
    describe(name, () => body(plan.executablePath));
    return;
  }
  if (plan.fail) throw new Error(plan.message);
  process.stderr.write(`${plan.message}\n`);
  describe.skip(name, () => body(''));
}

/**
 * Records every Content-Security-Policy violation of a page: Chromium's console message ("Refused to
 * ... because it violates the following Content Security Policy directive") and the document's
 * `securitypolicyviolation` events (reported to the console by an init script). Call before `goto`.
 */
export async function recordCspViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.addInitScript(
    `document.addEventListener('securitypolicyviolation', (e) => console.error('securitypolicyviolation: ' + e.violatedDirective + ' ' + e.blockedURI));`,
  );
  page.on('console', (m) => {
    if (/Content Security Policy|securitypolicyviolation/i.test(m.text())) violations.push(m.text());
  });
  return violations;
}
