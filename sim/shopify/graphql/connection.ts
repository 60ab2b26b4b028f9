import { GraphQLError } from 'graphql';
import type { GqlContext, View } from './context.js';

/** Pagination arguments every connection takes. */
export interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
  reverse?: boolean | null;
}

/** How to order and present the items of a connection. */
export interface ConnectionSpec<T> {
  id: (item: T) => number;
  /** Sort value (default: the id). Items are ordered by (value, id). */
  sortValue?: (item: T) => number | string;
  view: (item: T) => View;
}

const MAX_PAGE = 250;

interface CursorData {
  last_id: number;
  last_value: number | string;
}

function encodeCursor(data: CursorData): string {
  return Buffer.from(JSON.stringify(data)).toString('base64');
}

function decodeCursor(cursor: string): CursorData {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as Partial<CursorData>;
    if (typeof parsed.last_id === 'number' && parsed.last_value !== undefined)
      return { last_id: parsed.last_id, last_value: parsed.last_value };
  } catch {
    // fall through to the error below
  }
  throw new GraphQLError(`Invalid cursor for current pagination sort.`, { extensions: { code: 'BAD_REQUEST' } });
}

function compare(a: number | string, aId: number, b: number | string, bId: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return aId - bId;
}

/**
 * A Relay connection over in-memory items with Shopify's rules: first or last is required
 * (outside bulk operations), at most 250 per page, cursors carry the sort value.
 */
export function connection<T>(
  ctx: GqlContext,
  items: readonly T[],
  args: ConnectionArgs,
  spec: ConnectionSpec<T>,
): View {
  const first = args.first ?? null;
  const last = args.last ?? null;
  if (!ctx.bulk) {
    if (first === null && last === null)
      throw new GraphQLError('you must provide one of first or last', { extensions: { code: 'BAD_REQUEST' } });
    if ((first ?? 0) > MAX_PAGE || (last ?? 0) > MAX_PAGE)
      throw new GraphQLError(`The requested page size exceeds the maximum of ${MAX_PAGE}.`, {
        extensions: { code: 'MAX_PAGE_SIZE_EXCEEDED' },
      });
    if ((first ?? 0) < 0 || (last ?? 0) < 0)
      throw new GraphQLError('first and last must be non-negative.', { extensions: { code: 'BAD_REQUEST' } });
  }
  const value = spec.sortValue ?? spec.id;
  const dir = args.reverse ? -1 : 1;
  const sorted = [...items].sort((a, b) => dir * compare(value(a), spec.id(a), value(b), spec.id(b)));
  let start = 0;
  let end = sorted.length;
  if (args.after) {
    const c = decodeCursor(args.after);
    const i = sorted.findIndex((x) => dir * compare(value(x), spec.id(x), c.last_value, c.last_id) > 0);
    start = i === -1 ? sorted.length : i;
  }
  if (args.before) {
    const c = decodeCursor(args.before);
    const i = sorted.findIndex((x) => dir * compare(value(x), spec.id(x), c.last_value, c.last_id) >= 0);
    end = i === -1 ? sorted.length : i;
  }
  let window = sorted.slice(start, Math.max(start, end));
  let hasNextPage = end < sorted.length;
  let hasPreviousPage = start > 0;
  if (first !== null && !ctx.bulk) {
    hasNextPage = window.length > first || hasNextPage;
    window = window.slice(0, first);
  }
  if (last !== null && !ctx.bulk) {
    hasPreviousPage = window.length > last || hasPreviousPage;
    window = window.slice(Math.max(0, window.length - last));
  }
  // cursors are encoded only when a query selects them: most read nodes alone
  const cursorOf = (x: T) => (): string => encodeCursor({ last_id: spec.id(x), last_value: value(x) });
  const edges = window.map((x) => ({ cursor: cursorOf(x), node: spec.view(x) }));
  const firstItem = window[0];
  const lastItem = window[window.length - 1];
  return {
    edges,
    nodes: edges.map((e) => e.node),
    pageInfo: {
      hasNextPage,
      hasPreviousPage,
      startCursor: firstItem === undefined ? null : cursorOf(firstItem),
      endCursor: lastItem === undefined ? null : cursorOf(lastItem),
    },
  };
}

/** A Count object. */
export function count(n: number): View {
  return { count: n, precision: 'EXACT' };
}
