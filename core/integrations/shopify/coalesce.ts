import { AppError } from '../../errors.js';
import { batchDocument } from './batch-document.js';

/** One HTTP request; `batchOf` says the document carries n copies of `op`. */
export type SendRequest = <T>(
  shop: string,
  query: string,
  variables: Record<string, unknown> | undefined,
  batchOf?: { op: string; n: number },
) => Promise<T>;

export interface CoalescerOptions {
  /** Shopify's single-query cost limit; a batch stays under 90% of it */
  maxQueryCost: number;
  /** what one copy of the operation was last charged, when known */
  costOf(op: string): number | undefined;
  /** copies per document at most, whatever their cost */
  maxCopies?: number;
}

interface Waiting {
  variables: Record<string, unknown> | undefined;
  resolve(value: unknown): void;
  reject(reason: unknown): void;
}

interface Lane {
  waiting: Waiting[];
  timer: ReturnType<typeof setTimeout> | null;
}

/** The operation's name as written in its document, which Shopify's logs and ours key on. */
export const operationName = (query: string) => /(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? 'anonymous';

/**
 * Gathers the calls of one operation for one shop made within a short window and sends them as
 * one aliased document (see batchDocument). Each caller gets its own answer, shaped as if it
 * had called alone. A document Shopify refuses whole (a variable it rejects, the cost limit)
 * is sent again copy by copy, so one bad call cannot fail its neighbours; a retriable failure
 * (throttled, 5xx, network) goes to every caller, whose job retries as it would alone.
 */
export function createCoalescer(send: SendRequest, opts: CoalescerOptions) {
  const lanes = new Map<string, Lane>();
  const maxCopies = opts.maxCopies ?? 25;

  function capacity(op: string): number {
    // before Shopify has priced one copy, a guess: a batch over the limit is refused whole and
    // goes again copy by copy, and its price is then known
    const cost = opts.costOf(op) ?? 200;
    return Math.max(1, Math.min(maxCopies, Math.floor((opts.maxQueryCost * 0.9) / cost)));
  }

  function sendAlone(shop: string, query: string, w: Waiting): void {
    send(shop, query, w.variables).then(w.resolve, w.reject);
  }

  async function sendBatch(shop: string, query: string, op: string, items: Waiting[]): Promise<void> {
    let doc;
    try {
      doc = batchDocument(query, items.length);
    } catch {
      // not a one-field operation: it goes as it was written
      for (const w of items) sendAlone(shop, query, w);
      return;
    }
    const variables = Object.assign({}, ...items.map((w, i) => doc.variablesOf(i, w.variables))) as Record<
      string,
      unknown
    >;
    let data: Record<string, unknown>;
    try {
      data = await send<Record<string, unknown>>(shop, doc.document, variables, { op, n: items.length });
    } catch (e) {
      if (e instanceof AppError && e.retriable) for (const w of items) w.reject(e);
      else for (const w of items) sendAlone(shop, query, w);
      return;
    }
    items.forEach((w, i) => w.resolve({ [doc.rootKey]: data[doc.aliasOf(i)] ?? null }));
  }

  function flush(shop: string, query: string, key: string): void {
    const lane = lanes.get(key);
    if (!lane) return;
    lane.timer = null;
    const op = operationName(query);
    const items = lane.waiting.splice(0, capacity(op));
    if (lane.waiting.length) lane.timer = setTimeout(() => flush(shop, query, key), 0);
    else lanes.delete(key);
    if (items.length === 1) sendAlone(shop, query, items[0]!);
    else if (items.length > 1) void sendBatch(shop, query, op, items);
  }

  return {
    /** Resolves with the operation's data, as `request` would; sent at most `windowMs` later. */
    add<T>(shop: string, query: string, variables: Record<string, unknown> | undefined, windowMs: number): Promise<T> {
      const key = `${shop}\n${query}`;
      let lane = lanes.get(key);
      if (!lane) {
        lane = { waiting: [], timer: null };
        lanes.set(key, lane);
      }
      const promise = new Promise<T>((resolve, reject) =>
        lane.waiting.push({ variables, resolve: resolve as (v: unknown) => void, reject }),
      );
      if (lane.waiting.length >= capacity(operationName(query))) {
        if (lane.timer) clearTimeout(lane.timer);
        flush(shop, query, key);
      } else if (!lane.timer) lane.timer = setTimeout(() => flush(shop, query, key), windowMs);
      return promise;
    },
  };
}
