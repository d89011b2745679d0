import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderContracts } from '../../src/scripts/contracts';
import { createTestApp, type TestApp } from '../utils/test-app';

/** The committed contracts must match the code: a change to either without the other fails here. */
describe('committed contracts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('schema.gql and docs/openapi.json are current (run `npm run generate:contracts`)', () => {
    const { schema, openapi } = renderContracts(t.app);
    const root = join(__dirname, '../..');
    expect(readFileSync(join(root, 'schema.gql'), 'utf8')).toBe(schema);
    expect(JSON.parse(readFileSync(join(root, 'docs/openapi.json'), 'utf8'))).toEqual(JSON.parse(openapi));
  });

  it('uses the query and mutation names fixed by API.md for what exists', () => {
    const schema = readFileSync(join(__dirname, '../../schema.gql'), 'utf8');
    expect(schema).toMatch(/dataVersions: \[DataVersion!\]!/);
  });
});
