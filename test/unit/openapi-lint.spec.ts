import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** The committed OpenAPI document passes Redocly's lint (redocly.yaml: the recommended rules) with no error. */
describe('docs/openapi.json', () => {
  it('has no Redocly lint error', () => {
    const root = join(__dirname, '../..');
    let out: string;
    try {
      out = execFileSync(
        process.execPath,
        [join(root, 'node_modules/@redocly/cli/bin/cli.js'), 'lint', 'docs/openapi.json', '--format=json'],
        {
          cwd: root,
          encoding: 'utf8',
          env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
    } catch (err) {
      out = (err as { stdout?: string }).stdout ?? ''; // exit code 1 on errors: the report is still on stdout
    }
    const report = JSON.parse(out) as {
      totals: { errors: number; warnings: number };
      problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[];
    };
    const errors = report.problems
      .filter((p) => p.severity === 'error')
      .map((p) => `${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`);
    expect(errors).toEqual([]);
    expect(report.totals.errors).toBe(0);
  }, 120000);
});
