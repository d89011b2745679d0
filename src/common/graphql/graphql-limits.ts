import type { ApolloServerPlugin } from '@apollo/server';
import {
  type ASTVisitor,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLError,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValueNode,
} from 'graphql';

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
function* fieldsOf(set: SelectionSetNode | undefined, fragments: Map<string, FragmentDefinitionNode>, seen: Set<string> = new Set()): Generator<FieldNode> {
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

/**
 * Validation rule (runs before execution, without variables): subscriptions are refused (the API has
 * none), and the depth (introspection fields not counted, so the explorer's own query passes) and the
 * number of aliases are bounded.
 */
export function limitsValidationRule(limits: GraphqlLimits) {
  return (context: ValidationContext): ASTVisitor => {
    const doc = context.getDocument();
    const fragments = fragmentsOf(doc);
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
    let aliases = 0;
    let reportedAliases = false;
    return {
      Field(node) {
        if (!node.alias || reportedAliases) return;
        if (++aliases > limits.maxAliases) {
          reportedAliases = true;
          context.reportError(limitError(GraphqlLimitCode.GRAPHQL_ALIAS_LIMIT, `The document has more than ${limits.maxAliases} aliases.`, { limit: limits.maxAliases }));
        }
      },
      OperationDefinition(node: OperationDefinitionNode) {
        if (node.operation === 'subscription') {
          context.reportError(
            limitError(GraphqlLimitCode.GRAPHQL_OPERATION_NOT_SUPPORTED, 'Subscriptions are not supported; use query or mutation.', { operation: 'subscription' }),
          );
          return;
        }
        const depth = depthOf(node.selectionSet, new Set(), 0);
        if (depth > limits.maxDepth) {
          context.reportError(limitError(GraphqlLimitCode.GRAPHQL_DEPTH_LIMIT, `The operation is nested deeper than ${limits.maxDepth} fields.`, { limit: limits.maxDepth }));
        }
      },
    };
  };
}

/** Items in an argument value: every array element at any level (batch items, comparison variants, job rows). */
function countItems(value: unknown, budget: { left: number }): number {
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
export function operationCost(doc: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>, stopAbove: number): number {
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
        if (PAGE_SIZE_ARGS.has(arg.name.value)) page = typeof v === 'number' && Number.isFinite(v) ? Math.max(0, v) : DEFAULT_PAGE_SIZE;
        else items += countItems(v, budget);
      }
      if (page === 0 && PAGED_FIELDS.has(field.name.value) && !field.arguments?.some((a) => PAGE_SIZE_ARGS.has(a.name.value))) page = DEFAULT_PAGE_SIZE;
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
        async didResolveOperation({ document, operation, request }) {
          if (!operation) return;
          const cost = operationCost(document, operation, request.variables ?? {}, limits.maxCost);
          if (cost > limits.maxCost) {
            throw limitError(GraphqlLimitCode.GRAPHQL_COST_LIMIT, `The operation costs more than ${limits.maxCost} (fields, list items and page sizes).`, {
              limit: limits.maxCost,
              cost,
            });
          }
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
                exceeded = limitError(GraphqlLimitCode.GRAPHQL_BUDGET_EXCEEDED, `The request used its ${limits.budgetMs} ms budget; ask for less in one request.`, {
                  budgetMs: limits.budgetMs,
                });
                throw exceeded;
              }
            },
          };
        },
      };
    },
  };
}
