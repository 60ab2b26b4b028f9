import {
  execute,
  getOperationAST,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
} from 'graphql';
import type { SimCore } from '../core/sim-core.js';
import type { GqlContext } from '../graphql/context.js';
import { simFieldResolver } from '../graphql/field-resolver.js';
import { queryRoot } from '../graphql/resolvers/query-root.js';
import { fail, ok, type OpResult } from '../ops/result.js';
import type { SimBulkOperation, SimShop } from '../state/types.js';
import { bulkFinishPayload } from '../webhooks/payloads/shop-payload.js';
import { bulkShape, toJsonl } from './jsonl.js';

const MAX_CONNECTIONS = 5;
const MAX_DEPTH = 2;
const MAX_RUNNING = 5;

/** Tracks bulk runs still in flight, so callers can wait for them. */
export interface BulkTracker {
  track(work: Promise<void>): void;
}

function fragmentsOf(doc: DocumentNode): Map<string, FragmentDefinitionNode> {
  const m = new Map<string, FragmentDefinitionNode>();
  for (const d of doc.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) m.set(d.name.value, d);
  return m;
}

/**
 * bulkOperationRunQuery: checks the query like Shopify (valid, 1–5 connections, at most two
 * levels, `id` on parents of nested connections), then runs it against the current state in the
 * background, writes JSONL and announces bulk_operations/finish.
 */
export function startBulkQuery(
  core: SimCore,
  shop: SimShop,
  ctx: GqlContext,
  query: string,
  groupObjects: boolean,
  tracker: BulkTracker,
): OpResult<SimBulkOperation> {
  let doc: DocumentNode;
  try {
    doc = parse(query);
  } catch (e) {
    return fail(`Invalid bulk query: ${(e as Error).message}`, ['query'], 'INVALID');
  }
  const schema = ctx.core.schema;
  const errors = validate(schema, doc);
  if (errors.length > 0)
    return fail(`Invalid bulk query: ${errors.map((e) => e.message).join('; ')}`, ['query'], 'INVALID');
  const op = getOperationAST(doc);
  const rootType = schema.getQueryType();
  if (!op || op.operation !== 'query' || !rootType)
    return fail('Bulk queries must be a single query operation.', ['query'], 'INVALID');
  const fragments = fragmentsOf(doc);
  const shape = bulkShape(schema, rootType, op.selectionSet, fragments);
  if (shape.connections === 0) return fail('Bulk queries must contain at least one connection.', ['query'], 'INVALID');
  if (shape.connections > MAX_CONNECTIONS)
    return fail(`Bulk queries cannot contain more than ${MAX_CONNECTIONS} connections.`, ['query'], 'INVALID');
  if (shape.maxDepth > MAX_DEPTH)
    return fail(
      `Bulk queries cannot contain connections with a nesting depth greater than ${MAX_DEPTH}.`,
      ['query'],
      'INVALID',
    );
  if (shape.parentWithoutId)
    return fail(
      `The parent 'node' field for a nested connection must select the 'id' field (${shape.parentWithoutId}).`,
      ['query'],
      'INVALID',
    );
  const running = [...shop.bulkOperations.values()].filter(
    (b) => b.status === 'CREATED' || b.status === 'RUNNING',
  ).length;
  if (running >= MAX_RUNNING)
    return fail(`A shop can run at most ${MAX_RUNNING} bulk queries at a time.`, null, 'LIMIT_REACHED');
  const bulk: SimBulkOperation = {
    id: core.ids.next(),
    query,
    groupObjects,
    status: 'CREATED',
    errorCode: null,
    objectCount: 0,
    rootObjectCount: 0,
    jsonl: null,
    createdAt: core.clock.now(),
    completedAt: null,
  };
  shop.bulkOperations.set(bulk.id, bulk);
  const work = new Promise<void>((resolve) => {
    setImmediate(() => {
      if (bulk.status === 'CANCELED') {
        resolve();
        return;
      }
      bulk.status = 'RUNNING';
      void (async () => {
        try {
          const result = await execute({
            schema,
            document: doc,
            rootValue: queryRoot,
            contextValue: { ...ctx, bulk: true },
            fieldResolver: simFieldResolver,
          });
          if (result.errors && result.errors.length > 0 && !result.data)
            throw new Error(result.errors.map((e) => e.message).join('; '));
          const data = (result.data ?? {}) as Parameters<typeof toJsonl>[4];
          const { lines, rootCount } = toJsonl(schema, rootType, op.selectionSet, fragments, data);
          bulk.jsonl = lines.length > 0 ? `${lines.join('\n')}\n` : '';
          bulk.objectCount = lines.length;
          bulk.rootObjectCount = rootCount;
          bulk.status = 'COMPLETED';
        } catch {
          bulk.status = 'FAILED';
          bulk.errorCode = 'INTERNAL_SERVER_ERROR';
        }
        bulk.completedAt = core.clock.now();
        core.events.emit(shop, 'bulk_operations/finish', () => bulkFinishPayload(shop, bulk));
        resolve();
      })();
    });
  });
  tracker.track(work);
  return ok(bulk);
}
