import {
  execute,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
} from 'graphql';
import type { SimCore } from '../core/sim-core.js';
import type { SimShop } from '../state/types.js';
import { refund, status, take, type ThrottleStatus } from '../throttle/bucket.js';
import type { GqlContext } from './context.js';
import { operationCost } from './cost.js';
import { shopifyExecutionError, shopifyParseError, shopifyValidationErrors, type ShopifyGqlError } from './errors.js';
import { simFieldResolver } from './field-resolver.js';
import { mutationRoot } from './resolvers/mutation-root.js';
import { queryRoot } from './resolvers/query-root.js';

/** A GraphQL request body. */
export interface GqlRequest {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

/** The cost block of every response. */
export interface CostExtension {
  requestedQueryCost: number;
  actualQueryCost: number | null;
  throttleStatus: ThrottleStatus;
}

/** How a request ended, for the request log. */
export type GqlOutcome = 'ok' | 'errors' | 'throttled' | 'invalid' | 'max_cost_exceeded' | 'bad_request';

/** What the HTTP layer sends back, plus what the request log keeps. */
export interface GqlResponse {
  httpStatus: number;
  body: unknown;
  outcome: GqlOutcome;
  operationName: string | null;
  requestedCost: number;
  actualCost: number | null;
}

interface Prepared {
  doc: DocumentNode;
  errors: ShopifyGqlError[];
}

const cache = new Map<string, Prepared>();
const CACHE_LIMIT = 1000;

function prepare(core: SimCore, query: string): Prepared {
  const hit = cache.get(query);
  if (hit) return hit;
  let prepared: Prepared;
  try {
    const doc = parse(query);
    prepared = { doc, errors: shopifyValidationErrors(doc, validate(core.schema, doc)) };
  } catch (e) {
    if (!(e instanceof GraphQLError)) throw e;
    prepared = { doc: { kind: Kind.DOCUMENT, definitions: [] }, errors: [shopifyParseError(e)] };
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(query, prepared);
  return prepared;
}

function fragmentsOf(doc: DocumentNode): Map<string, FragmentDefinitionNode> {
  const m = new Map<string, FragmentDefinitionNode>();
  for (const d of doc.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) m.set(d.name.value, d);
  return m;
}

function opName(op: OperationDefinitionNode | null | undefined): string | null {
  return op?.name?.value ?? null;
}

function variableErrors(
  op: OperationDefinitionNode,
  errors: readonly GraphQLError[],
  variables: { [k: string]: unknown },
): ShopifyGqlError[] {
  return errors.map((e) => {
    const m = /^Variable "\$([^"]+)"/.exec(e.message);
    const name = m?.[1] ?? '';
    const def = op.variableDefinitions?.find((d) => d.variable.name.value === name);
    const typeText = def ? printType(def.type) : '';
    const explanation = e.message.replace(/^Variable "\$[^"]+" (got invalid value [^;]*; )?/, '');
    return {
      message: `Variable $${name} of type ${typeText} was provided invalid value`,
      locations: e.locations ? e.locations.map((l) => ({ line: l.line, column: l.column })) : [],
      extensions: { code: 'INVALID_VARIABLE', value: variables[name] ?? null, problems: [{ path: [], explanation }] },
    };
  });
}

function printType(t: NonNullable<OperationDefinitionNode['variableDefinitions']>[number]['type']): string {
  if (t.kind === Kind.NON_NULL_TYPE) return `${printType(t.type)}!`;
  if (t.kind === Kind.LIST_TYPE) return `[${printType(t.type)}]`;
  return t.name.value;
}

/**
 * The Admin GraphQL pipeline: parse and validate against the real schema, compute the
 * requested cost, charge the shop's leaky bucket (THROTTLED when it cannot cover the cost),
 * execute against the simulator state, refund the unused cost.
 */
export async function runGraphql(
  core: SimCore,
  shop: SimShop,
  scopes: ReadonlySet<string>,
  req: GqlRequest,
): Promise<GqlResponse> {
  const now = core.clock.now();
  const bucket = shop.bucket;
  const costOnly = (requested: number, actual: number | null): CostExtension => ({
    requestedQueryCost: requested,
    actualQueryCost: actual,
    throttleStatus: status(bucket),
  });
  if (typeof req.query !== 'string' || req.query.trim() === '') {
    return {
      httpStatus: 400,
      body: { errors: { query: 'Required parameter missing or invalid' } },
      outcome: 'bad_request',
      operationName: null,
      requestedCost: 0,
      actualCost: null,
    };
  }
  const variables = (req.variables && typeof req.variables === 'object' ? req.variables : {}) as {
    [k: string]: unknown;
  };
  const operationName = typeof req.operationName === 'string' ? req.operationName : null;
  const prepared = prepare(core, req.query);
  const invalid = (errors: ShopifyGqlError[], name: string | null): GqlResponse => ({
    httpStatus: 200,
    body: { errors, extensions: { cost: costOnly(0, 0) } },
    outcome: 'invalid',
    operationName: name,
    requestedCost: 0,
    actualCost: 0,
  });
  if (prepared.errors.length > 0) return invalid(prepared.errors, opName(getOperationAST(prepared.doc, operationName)));
  const op = getOperationAST(prepared.doc, operationName);
  if (!op)
    return invalid(
      [
        {
          message: operationName ? `No operation named "${operationName}"` : 'An operation name is required',
          extensions: { code: 'OPERATION_NOT_FOUND' },
        },
      ],
      operationName,
    );
  if (op.operation === 'subscription')
    return invalid([{ message: 'Subscriptions are not supported', extensions: { code: 'BAD_REQUEST' } }], opName(op));
  const coerced = getVariableValues(core.schema, op.variableDefinitions ?? [], variables);
  if (coerced.errors) return invalid(variableErrors(op, coerced.errors, variables), opName(op));
  const fragments = fragmentsOf(prepared.doc);
  const requested = Math.max(1, operationCost(core.schema, op, fragments, coerced.coerced));
  if (requested > core.config.maxQueryCost) {
    return {
      httpStatus: 200,
      body: {
        errors: [
          {
            message: `Query cost is ${requested}, which exceeds the single query max cost limit (${core.config.maxQueryCost}). See https://shopify.dev/api/usage/limits#rate-limits for more information on how the cost of a query is calculated. To query larger amounts of data with fewer limits, bulk operations should be used instead. See https://shopify.dev/tutorials/perform-bulk-operations-with-admin-api for usage details.`,
            extensions: {
              code: 'MAX_COST_EXCEEDED',
              cost: requested,
              maxCost: core.config.maxQueryCost,
              documentation: 'https://shopify.dev/api/usage/limits#rate-limits',
            },
          },
        ],
      },
      outcome: 'max_cost_exceeded',
      operationName: opName(op),
      requestedCost: requested,
      actualCost: null,
    };
  }
  if (!take(bucket, requested, now)) {
    return {
      httpStatus: 200,
      body: {
        errors: [
          {
            message: 'Throttled',
            extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' },
          },
        ],
        extensions: { cost: costOnly(requested, null) },
      },
      outcome: 'throttled',
      operationName: opName(op),
      requestedCost: requested,
      actualCost: null,
    };
  }
  const ctx: GqlContext = { core, shop, scopes, bulk: false };
  const result = await execute({
    schema: core.schema,
    document: prepared.doc,
    rootValue: op.operation === 'mutation' ? mutationRoot : queryRoot,
    contextValue: ctx,
    variableValues: variables,
    operationName: operationName ?? undefined,
    fieldResolver: simFieldResolver,
  });
  const actual =
    op.operation === 'mutation'
      ? requested
      : Math.min(requested, operationCost(core.schema, op, fragments, coerced.coerced, result.data ?? null));
  refund(bucket, requested - actual);
  const body: { data?: unknown; errors?: ShopifyGqlError[]; extensions: { cost: CostExtension } } = {
    extensions: { cost: costOnly(requested, actual) },
  };
  if (result.errors && result.errors.length > 0) body.errors = result.errors.map(shopifyExecutionError);
  body.data = result.data ?? null;
  return {
    httpStatus: 200,
    body: { ...(body.errors ? { errors: body.errors } : {}), data: body.data, extensions: body.extensions },
    outcome: body.errors ? 'errors' : 'ok',
    operationName: opName(op),
    requestedCost: requested,
    actualCost: actual,
  };
}
