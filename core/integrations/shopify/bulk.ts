import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { IntegrationError, RetriableIntegrationError } from '../../errors.js';
import { assertNoUserErrors, type ShopifyGraphql } from './graphql.js';
import { BULK_OPERATION, BULK_RUN_QUERY, type BulkOperationResult, type BulkRunResult } from './operations/bulk.js';

export interface BulkProgress {
  objectCount: number;
}

/**
 * Runs a bulk query and resolves with the URL of its JSONL result. Polls with a growing delay;
 * `onProgress` sees the object count as Shopify reports it.
 */
export async function runBulkQuery(
  shopify: ShopifyGraphql,
  shop: string,
  query: string,
  opts: {
    onStarted?: (id: string) => Promise<void>;
    onProgress?: (p: BulkProgress) => Promise<void>;
    timeoutMs?: number;
    sleep?: (ms: number) => Promise<void>;
  } = {},
): Promise<string | null> {
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const started = assertNoUserErrors(
    'bulkOperationRunQuery',
    (await shopify.request<BulkRunResult>(shop, BULK_RUN_QUERY, { query })).bulkOperationRunQuery,
  );
  const id = started.bulkOperation!.id;
  await opts.onStarted?.(id);
  const deadline = Date.now() + (opts.timeoutMs ?? 30 * 60_000);
  for (let delay = 200; ; delay = Math.min(delay * 1.5, 5000)) {
    const { bulkOperation: op } = await shopify.request<BulkOperationResult>(shop, BULK_OPERATION, { id });
    if (!op) throw new IntegrationError(`bulk operation ${id} vanished`, 'shopify');
    await opts.onProgress?.({ objectCount: Number(op.objectCount ?? 0) });
    if (op.status === 'COMPLETED') return op.url;
    if (op.status === 'FAILED' || op.status === 'CANCELED' || op.status === 'EXPIRED') {
      throw new IntegrationError(
        `bulk operation ${id} ${op.status.toLowerCase()}${op.errorCode ? `: ${op.errorCode}` : ''}`,
        'shopify',
      );
    }
    if (Date.now() > deadline)
      throw new RetriableIntegrationError(`bulk operation ${id} still ${op.status} after the timeout`, 'shopify');
    await sleep(delay);
  }
}

/** Streams a JSONL file line by line without holding it in memory. */
export async function* readJsonl<T>(url: string): AsyncGenerator<T> {
  const res = await fetch(url);
  if (!res.ok || !res.body)
    throw new RetriableIntegrationError(`bulk result download failed: HTTP ${res.status}`, 'shopify');
  const lines = createInterface({ input: Readable.fromWeb(res.body as never), crlfDelay: Infinity });
  for await (const line of lines) if (line.trim()) yield JSON.parse(line) as T;
}
