import { ApolloServer } from '@apollo/server';
import { parse } from 'graphql';
import { formatGraphqlError } from '../http/graphql-error.formatter';
import { GraphqlLimitCode, limitsPlugin, limitsValidationRule, operationCost } from './graphql-limits';

const typeDefs = `type Item { ok: Boolean! n: Int } type Query { batch(items: [Int!]!): [Item!]! hw(ref: String!): Item! runs(limit: Int): [Item!]! } type Subscription { x: Int }`;
const busy = (ms: number) => {
  const t = performance.now();
  while (performance.now() - t < ms);
};
const resolvers = {
  Query: {
    batch: (_: unknown, a: { items: number[] }) => {
      busy(30);
      return a.items.map((n) => ({ ok: true, n }));
    },
    hw: () => ({ ok: true, n: 1 }),
    runs: () => [],
  },
};

function server(overrides: Partial<Parameters<typeof limitsPlugin>[0]> = {}) {
  const limits = { maxDepth: 12, maxAliases: 30, maxCost: 25000, maxTokens: 5000, budgetMs: 1000, ...overrides };
  return new ApolloServer({
    typeDefs,
    resolvers,
    plugins: [limitsPlugin(limits)],
    validationRules: [limitsValidationRule],
    parseOptions: { maxTokens: limits.maxTokens },
    formatError: formatGraphqlError,
  });
}

async function codes(s: ApolloServer, query: string, variables?: Record<string, unknown>) {
  const r = await s.executeOperation({ query, variables });
  const body = r.body as {
    kind: 'single';
    singleResult: { errors?: { extensions?: { code?: unknown }; originalError?: unknown }[] };
  };
  return { status: r.http.status ?? 200, codes: (body.singleResult.errors ?? []).map((e) => String(e.extensions?.code)) };
}

describe('GraphQL limits (plain Apollo, no database)', () => {
  const items = Array.from({ length: 1000 }, (_, i) => i);

  it('counts list items and page sizes in the cost, with variables', () => {
    const doc = parse('query($i: [Int!]!) { batch(items: $i) { ok n } runs(limit: 500) { ok } hw(ref: "x") { ok } }');
    const op = doc.definitions[0] as Parameters<typeof operationCost>[1];
    // batch: 1 + 1000 items + 1000 x 2 fields; runs: 1 + 500 x 1; hw: 1 + 1
    expect(operationCost(doc, op, { i: items }, Infinity)).toBe(1 + 1000 + 2000 + 1 + 500 + 2);
  });

  it('refuses by cost before executing anything', async () => {
    const s = server();
    await s.start();
    const q = `query($i: [Int!]!) { ${Array.from({ length: 20 }, (_, k) => `a${k}: batch(items: $i) { ok }`).join(' ')} }`;
    const t0 = performance.now();
    expect(await codes(s, q, { i: items })).toEqual({ status: 400, codes: [GraphqlLimitCode.GRAPHQL_COST_LIMIT] });
    expect(performance.now() - t0).toBeLessThan(20 * 30); // no batch ran
    await s.stop();
  });

  it('refuses aliases, depth and subscriptions with their codes', async () => {
    const s = server({ maxDepth: 2 });
    await s.start();
    expect((await codes(s, `{ ${Array.from({ length: 31 }, (_, k) => `h${k}: hw(ref: "x") { ok }`).join(' ')} }`)).codes).toEqual(
      [GraphqlLimitCode.GRAPHQL_ALIAS_LIMIT],
    );
    expect((await codes(s, '{ hw(ref: "x") { ok } }')).codes).toEqual([]);
    expect((await codes(s, 'fragment F on Item { ok } query { hw(ref: "x") { ...F } }')).codes).toEqual([]); // depth 2 through a fragment
    expect((await codes(s, 'subscription { x }')).codes).toEqual([GraphqlLimitCode.GRAPHQL_OPERATION_NOT_SUPPORTED]);
    await s.stop();
  });

  it('stops the fields of a request that used its budget, with one error', async () => {
    const s = server({ budgetMs: 10 });
    await s.start();
    const r = await codes(s, 'query($i: [Int!]!) { a: batch(items: $i) { ok n } b: batch(items: $i) { ok n } }', { i: items });
    expect(r.codes).toEqual([GraphqlLimitCode.GRAPHQL_BUDGET_EXCEEDED]);
    await s.stop();
  });
});
