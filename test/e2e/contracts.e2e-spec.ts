import { getIntrospectionQuery, type IntrospectionQuery } from 'graphql';
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

  it('describes every GraphQL type, field, argument, input field and enum value (introspection)', async () => {
    const { data, errors } = await t.gql<IntrospectionQuery>(getIntrospectionQuery());
    expect(errors).toBeUndefined();
    const missing: string[] = [];
    const described = (x: { description?: string | null }) => !!x.description?.trim();
    const builtIn = new Set(['String', 'Int', 'Float', 'Boolean', 'ID']);
    for (const type of data!.__schema.types) {
      if (type.name.startsWith('__') || builtIn.has(type.name)) continue;
      if (!described(type)) missing.push(type.name);
      for (const f of 'fields' in type ? (type.fields ?? []) : []) {
        if (!described(f)) missing.push(`${type.name}.${f.name}`);
        for (const a of f.args) if (!described(a)) missing.push(`${type.name}.${f.name}(${a.name})`);
      }
      for (const f of 'inputFields' in type ? (type.inputFields ?? []) : [])
        if (!described(f)) missing.push(`${type.name}.${f.name}`);
      for (const v of 'enumValues' in type ? (type.enumValues ?? []) : [])
        if (!described(v)) missing.push(`${type.name}.${v.name}`);
    }
    // Describe the item on its decorator, or add its name to src/api-docs/glossary.ts.
    expect(missing).toEqual([]);
  });

  it('has GraphQL enums for method, workload, boundary, signal and precision', () => {
    const schema = readFileSync(join(__dirname, '../../schema.gql'), 'utf8');
    expect(schema).toMatch(/enum Workload \{[^}]*fine_tuning[^}]*\}/);
    expect(schema).toMatch(/enum EstimationMethod \{[^}]*device_hours[^}]*\}/);
    for (const name of ['Boundary', 'IntensitySignal', 'Precision', 'MitigationType'])
      expect(schema).toMatch(new RegExp(`enum ${name} \\{`));
    expect(schema).toMatch(/ {2}method: EstimationMethod!/);
    expect(schema).toMatch(/ {2}workload: Workload/);
  });

  it('GraphQL enums carry the REST strings, with - written _', async () => {
    const rest = {
      workload: 'fine-tuning',
      hardware: { ref: 'nvidia-h100-sxm5-80gb', count: 8 },
      hours: 10,
      location: { gPerKwh: 400, signal: 'average' },
      boundary: 'server',
      mitigations: [{ type: 'early-stopping', fraction: 0.5 }],
    };
    const viaRest = await t.http.post('/v1/estimates').send(rest).expect(200);
    expect(viaRest.body).toMatchObject({ workload: 'fine-tuning', method: 'device-hours', boundary: 'server' });
    const q =
      'query($i: EstimateInput!) { estimate(input: $i) { workload method boundary co2eKg factors { intensity { signal } } mitigations { type } } }';
    const gql = await t.gql<{ estimate: Record<string, unknown> }>(q, {
      i: { ...rest, workload: 'fine_tuning', mitigations: [{ type: 'early_stopping', fraction: 0.5 }] },
    });
    expect(gql.errors).toBeUndefined();
    expect(gql.data!.estimate).toEqual({
      workload: 'fine_tuning',
      method: 'device_hours',
      boundary: 'server',
      co2eKg: viaRest.body.co2eKg,
      factors: { intensity: { signal: 'average' } },
      mitigations: [{ type: 'early_stopping' }],
    });
    const restSpelling = await t.gql(q, { i: rest });
    expect(restSpelling.errors?.[0].extensions.code).toBe('VALIDATION_FAILED');
  });

  it('uses the query and mutation names fixed by API.md for what exists', () => {
    const schema = readFileSync(join(__dirname, '../../schema.gql'), 'utf8');
    expect(schema).toMatch(/dataVersions: \[DataVersion!\]!/);
  });
});
