import type { ApolloServerPlugin, GraphQLRequestContext, GraphQLResponse } from '@apollo/server';
import { Kind, type OperationDefinitionNode } from 'graphql';

/** Distinct introspection documents kept per process (the explorers send one or two). */
const MAX_ENTRIES = 50;

/** Whether every root field of the operation is an introspection field (the answer depends on the schema only). */
function onlyIntrospection(op: OperationDefinitionNode | undefined): boolean {
  if (!op || op.operation !== 'query' || (op.variableDefinitions?.length ?? 0) > 0) return false;
  return op.selectionSet.selections.every((s) => s.kind === Kind.FIELD && s.name.value.startsWith('__') && !s.directives?.length);
}

/**
 * Introspection answers depend on the schema alone, which does not change while the process runs, so a
 * document seen once is answered from memory: a full introspection is the costliest request the API
 * allows anonymously (tens of ms of CPU), and floods of it held /health/live in the GraphQL abuse test.
 * Keyed by the document text; errors are never cached.
 */
export function introspectionCachePlugin(): ApolloServerPlugin {
  const cache = new Map<string, GraphQLResponse['body']>();
  return {
    async requestDidStart() {
      let key: string | null = null;
      return {
        async responseForOperation(ctx: GraphQLRequestContext<object>) {
          if (!onlyIntrospection(ctx.operation) || !ctx.source) return null;
          key = ctx.source;
          const hit = cache.get(key);
          return hit ? { http: ctx.response.http, body: hit } : null;
        },
        async willSendResponse(ctx) {
          if (key === null || cache.has(key) || cache.size >= MAX_ENTRIES) return;
          const body = ctx.response.body;
          if (body.kind === 'single' && !body.singleResult.errors?.length) cache.set(key, body);
        },
      };
    },
  };
}
