import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EnvVars } from '../../src/common/config/app.config';
import { MAX_JSON_DEPTH } from '../../src/common/http/json-guard';

const DOC = readFileSync(join(__dirname, '../../docs/security.md'), 'utf8');

/** Settings that bound a request, a resource or access: by name, so a new limit is held to the doc without a change here. */
const LIMIT_NAME = /MAX|LIMIT|BUDGET|INTROSPECTION|METRICS_TOKEN|RATE|BOOTSTRAP|REQUIRE_API_KEY|CORS|POOL|TIMEOUT|CONCURRENCY/;

/** The default column of a setting's row in the "Settings at a glance" table. */
function documentedDefault(key: string): string | undefined {
  const row = DOC.split('\n').find((line) => line.startsWith(`| \`${key}\` |`));
  return row?.split('|')[2]?.trim();
}

describe('docs/security.md states each limit and its default', () => {
  const defaults = new EnvVars() as unknown as Record<string, unknown>;
  const keys = [...Object.keys(defaults), 'BOOTSTRAP_ADMIN_KEY', 'METRICS_TOKEN'].filter((k) => LIMIT_NAME.test(k));

  it('finds the limit settings', () => {
    expect(keys).toEqual(
      expect.arrayContaining(['BODY_LIMIT_BYTES', 'GRAPHQL_MAX_COST', 'RATE_LIMIT_PER_MINUTE', 'METRICS_TOKEN']),
    );
    expect(keys.length).toBeGreaterThanOrEqual(20);
  });

  it.each(keys)('%s is in the settings table with its actual default', (key) => {
    const cell = documentedDefault(key);
    expect({ key, cell }).toEqual({ key, cell: expect.any(String) });
    const value = defaults[key];
    if (value === undefined || value === '') expect(cell).toMatch(/^\*\((unset|empty)/);
    else expect(cell).toBe(`\`${String(value)}\``);
  });

  it('states the fixed JSON nesting limit', () => {
    expect(DOC).toContain(`${MAX_JSON_DEPTH} levels`);
  });
});
