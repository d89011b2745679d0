import type { ApolloServerPlugin } from '@apollo/server';
import {
  type ASTVisitor,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLError,
  Kind,
  type OperationDefinitionNode,
  parse,
  type SelectionSetNode,
  type ValidationContext,
  type ValueNode,
} from 'graphql';
import { nextTurn } from '../runtime/turns';

/** Codes of the GraphQL limits (400, in `extensions.code`); documented in docs/errors.md and docs/security.md. */
export enum GraphqlLimitCode {
  GRAPHQL_DOCUMENT_TOO_LARGE = 'GRAPHQL_DOCUMENT_TOO_LARGE',
  GRAPHQL_DEPTH_LIMIT = 'GRAPHQL_DEPTH_LIMIT',
  GRAPHQL_ALIAS_LIMIT = 'GRAPHQL_ALIAS_LIMIT',
  GRAPHQL_COST_LIMIT = 'GRAPHQL_COST_LIMIT',
  GRAPHQL_BUDGET_EXCEEDED = 'GRAPHQL_BUDGET_EXCEEDED',
  GRAPHQL_OPERATION_NOT_SUPPORTED = 'GRAPHQL_OPERATION_NOT_SUPPORTED',
}

export interface GraphqlLimits {
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
  maxTokens: number;
  budgetMs: number;
}

function limitError(code: GraphqlLimitCode, message: string, details: Record<string, unknown>): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status: 400 }, details: [{ message, ...details }] } });
}

/**
 * A POST /graphql whose document is over `maxBytes` characters is answered 400 GRAPHQL_DOCUMENT_TOO_LARGE
 * before GraphQL parses it (a string length check: the 195 KB abuse document costs its JSON body
 * parse and nothing more). One synchronous hook, on /graphql only.
 */
export function installGraphqlDocumentLimit(
  fastify: { addHook: (name: 'preHandler', fn: (req: DocRequest, reply: DocReply, done: () => void) => void) => unknown },
  maxBytes: number,
) {
  fastify.addHook('preHandler', (req, reply, done) => {
    const query = (req.body as { query?: unknown } | null | undefined)?.query;
    if (typeof query !== 'string' || query.length <= maxBytes || !req.url.startsWith('/graphql')) return done();
    const message = `The GraphQL document is longer than ${maxBytes} characters; send large inputs as variables.`;
    void reply.code(400).send({
      errors: [
        {
          message,
          extensions: {
            code: GraphqlLimitCode.GRAPHQL_DOCUMENT_TOO_LARGE,
            status: 400,
            details: [{ message, limit: maxBytes }],
          },
        },
      ],
    });
  });
}
interface DocRequest {
  url: string;
  body?: unknown;
}
interface DocReply {
  code(status: number): { send(payload: unknown): unknown };
}

/** Operations costing more than this start executing in a later event-loop turn (see didResolveOperation). */
const YIELD_ABOVE_COST = 1000;

/** Arguments whose value is a page size: the children's cost is multiplied by it. */
const PAGE_SIZE_ARGS = new Set(['limit', 'first', 'last']);
/** The paged list fields (their children repeat once per page item). */
const PAGED_FIELDS = new Set(['hardwareList', 'runs', 'zones', 'jobErrors']);
/** Default page size of the list fields when `limit` is omitted (see the *List args DTOs). */
const DEFAULT_PAGE_SIZE = 50;

function fragmentsOf(doc: DocumentNode): Map<string, FragmentDefinitionNode> {
  const map = new Map<string, FragmentDefinitionNode>();
  for (const d of doc.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) map.set(d.name.value, d);
  return map;
}

/** Fields of a selection set with fragments inlined (each fragment once per path, cycles cut). */
function* fieldsOf(
  set: SelectionSetNode | undefined,
  fragments: Map<string, FragmentDefinitionNode>,
  seen: Set<string> = new Set(),
): Generator<FieldNode> {
  if (!set) return;
  for (const s of set.selections) {
    if (s.kind === Kind.FIELD) yield s;
    else if (s.kind === Kind.INLINE_FRAGMENT) yield* fieldsOf(s.selectionSet, fragments, seen);
    else if (s.kind === Kind.FRAGMENT_SPREAD && !seen.has(s.name.value)) {
      const f = fragments.get(s.name.value);
      if (f) yield* fieldsOf(f.selectionSet, fragments, new Set([...seen, s.name.value]));
    }
  }
}

/** The limit a parsed document breaks (aliases, depth, a subscription), found by one walk over it, or null. */
export function documentLimitError(doc: DocumentNode, limits: GraphqlLimits): GraphQLError | null {
  const fragments = fragmentsOf(doc);
  let aliases = 0;
  for (const d of doc.definitions) {
    if (d.kind !== Kind.OPERATION_DEFINITION && d.kind !== Kind.FRAGMENT_DEFINITION) continue;
    const stack: SelectionSetNode[] = [d.selectionSet];
    while (stack.length) {
      for (const s of stack.pop()!.selections) {
        if (s.kind === Kind.FIELD && s.alias) aliases++;
        if (s.kind !== Kind.FRAGMENT_SPREAD && s.selectionSet) stack.push(s.selectionSet);
      }
    }
  }
  if (aliases > limits.maxAliases) {
    return limitError(GraphqlLimitCode.GRAPHQL_ALIAS_LIMIT, `The document has more than ${limits.maxAliases} aliases.`, {
      limit: limits.maxAliases,
      aliases,
    });
  }
  const depthOf = (set: SelectionSetNode | undefined, seen: Set<string>, depth: number): number => {
    if (!set || depth > limits.maxDepth) return depth;
    let max = depth;
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) {
        if (s.name.value.startsWith('__')) continue;
        max = Math.max(max, s.selectionSet ? depthOf(s.selectionSet, seen, depth + 1) : depth + 1);
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        max = Math.max(max, depthOf(s.selectionSet, seen, depth));
      } else if (!seen.has(s.name.value)) {
        const f = fragments.get(s.name.value);
        if (f) max = Math.max(max, depthOf(f.selectionSet, new Set([...seen, s.name.value]), depth));
      }
      if (max > limits.maxDepth) return max;
    }
    return max;
  };
  for (const d of doc.definitions) {
    if (d.kind !== Kind.OPERATION_DEFINITION) continue;
    if (d.operation === 'subscription') {
      return limitError(
        GraphqlLimitCode.GRAPHQL_OPERATION_NOT_SUPPORTED,
        'Subscriptions are not supported; use query or mutation.',
        { operation: 'subscription' },
      );
    }
    if (depthOf(d.selectionSet, new Set(), 0) > limits.maxDepth) {
      return limitError(GraphqlLimitCode.GRAPHQL_DEPTH_LIMIT, `The operation is nested deeper than ${limits.maxDepth} fields.`, {
        limit: limits.maxDepth,
      });
    }
  }
  return null;
}

/** Marks the stand-in document of a request that broke a limit (see limitsPlugin.parsingDidStart). */
const LIMIT_ERROR = Symbol('graphqlLimitError');
type MarkedDocument = DocumentNode & { [LIMIT_ERROR]?: GraphQLError };

/** Reports the limit error of a stand-in document (the real document is never validated: 1,000 aliases took seconds). */
export function limitsValidationRule(context: ValidationContext): ASTVisitor {
  return {
    Document(node) {
      const err = (node as MarkedDocument)[LIMIT_ERROR];
      if (err) context.reportError(err);
    },
  };
}

/** Items in an argument value: every array element at any level (batch items, comparison variants, job rows). */
export function countItems(value: unknown, budget: { left: number }): number {
  const stack: unknown[] = [value];
  let n = 0;
  while (stack.length && budget.left-- > 0) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      n += v.length;
      for (const x of v) if (x !== null && typeof x === 'object') stack.push(x);
    } else if (v !== null && typeof v === 'object') {
      for (const x of Object.values(v)) if (x !== null && typeof x === 'object') stack.push(x);
    }
  }
  return n;
}

function literal(node: ValueNode, variables: Record<string, unknown>): unknown {
  switch (node.kind) {
    case Kind.VARIABLE:
      return variables[node.name.value];
    case Kind.LIST:
      return node.values.map((v) => literal(v, variables));
    case Kind.OBJECT:
      return Object.fromEntries(node.fields.map((f) => [f.name.value, literal(f.value, variables)]));
    case Kind.INT:
    case Kind.FLOAT:
      return Number(node.value);
    case Kind.NULL:
      return null;
    default:
      return 'value' in node ? node.value : null;
  }
}

/**
 * The cost of an operation, with its variables: each field costs 1, plus one per item in its list
 * arguments (batch items, variants, rows); a field's children cost as many times as it returns items:
 * its page size (`limit`, default 50) or the number of items it was given. So 1,000 batch items with
 * 20 fields each cost about 21,000; a page of 500 runs with 10 fields about 5,000.
 */
export function operationCost(
  doc: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  stopAbove: number,
): number {
  const fragments = fragmentsOf(doc);
  const budget = { left: 1_000_000 }; // bounds the walk over huge variable values
  const costOf = (set: SelectionSetNode | undefined, depth: number): number => {
    if (!set || depth > 64) return 0;
    let total = 0;
    for (const field of fieldsOf(set, fragments)) {
      if (field.name.value.startsWith('__')) continue;
      let items = 0;
      let page = 0;
      for (const arg of field.arguments ?? []) {
        const v = literal(arg.value, variables);
        if (PAGE_SIZE_ARGS.has(arg.name.value))
          page = typeof v === 'number' && Number.isFinite(v) ? Math.max(0, v) : DEFAULT_PAGE_SIZE;
        else items += countItems(v, budget);
      }
      if (page === 0 && PAGED_FIELDS.has(field.name.value) && !field.arguments?.some((a) => PAGE_SIZE_ARGS.has(a.name.value)))
        page = DEFAULT_PAGE_SIZE;
      const multiplier = Math.max(1, page, items);
      total += 1 + items + (field.selectionSet ? multiplier * costOf(field.selectionSet, depth + 1) : 0);
      if (total > stopAbove) return total;
    }
    return total;
  };
  return costOf(operation.selectionSet, 0);
}

/**
 * Apollo plugin: the cost limit (needs the variables, so it runs once the operation is resolved) and
 * the request budget: once a request has used `budgetMs` of wall time, every field it has not started
 * yet fails with GRAPHQL_BUDGET_EXCEEDED, so no single request holds the event loop much longer than that.
 */
export function limitsPlugin(limits: GraphqlLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const started = performance.now();
      let exceeded: GraphQLError | null = null;
      return {
        // Once parsed (at most GRAPHQL_MAX_TOKENS tokens), one walk checks aliases, depth and the operation
        // type; a document over a limit is replaced by a one-field stand-in whose validation reports it,
        // so the rules of graphql-js never walk the oversized document.
        async parsingDidStart(ctx) {
          return async (err?: Error) => {
            if (err || !ctx.document) return;
            const limitErr = documentLimitError(ctx.document, limits);
            if (limitErr)
              (ctx as { document: DocumentNode }).document = Object.assign(parse('{ __typename }'), { [LIMIT_ERROR]: limitErr });
          };
        },
        async didResolveOperation({ document, operation, request, contextValue }) {
          if (!operation) return;
          const cost = operationCost(document, operation, request.variables ?? {}, limits.maxCost);
          if (cost > limits.maxCost) {
            throw limitError(
              GraphqlLimitCode.GRAPHQL_COST_LIMIT,
              `The operation costs more than ${limits.maxCost} (fields, list items and page sizes).`,
              {
                limit: limits.maxCost,
                cost,
              },
            );
          }
          // Read by the per-key rate limit (KeyRateLimitPlugin, a later plugin; Apollo calls the plugins' hooks in
          // order), which charges keys limited in cost units this much. Unset: refused here, not charged.
          (contextValue as { operationCost?: number }).operationCost = cost;
          // A large operation (a 1,000-item batch: its variables are coerced, item by item, as execution
          // starts) begins executing in an event-loop turn of its own, after the turn that parsed and
          // validated it, so the two do not add up into one stretch without polling.
          if (cost > YIELD_ABOVE_COST) await nextTurn();
        },
        async willSendResponse({ response }) {
          // Every field that starts after the budget fails; one error says it (not one per remaining field).
          if (!exceeded || response.body.kind !== 'single' || !response.body.singleResult.errors) return;
          let kept = false;
          response.body.singleResult.errors = response.body.singleResult.errors.filter((e) => {
            if (e.extensions?.code !== GraphqlLimitCode.GRAPHQL_BUDGET_EXCEEDED) return true;
            if (kept) return false;
            return (kept = true);
          });
        },
        async executionDidStart() {
          return {
            willResolveField() {
              if (exceeded) throw exceeded;
              if (performance.now() - started > limits.budgetMs) {
                exceeded = limitError(
                  GraphqlLimitCode.GRAPHQL_BUDGET_EXCEEDED,
                  `The request used its ${limits.budgetMs} ms budget; ask for less in one request.`,
                  {
                    budgetMs: limits.budgetMs,
                  },
                );
                throw exceeded;
              }
            },
          };
        },
      };
    },
  };
}
