import { gunzipSync } from 'node:zlib';
import type {
  CreateFeedDocumentResponse,
  CreateFeedDocumentSpecification,
  CreateFeedResponse,
  CreateFeedSpecification,
  Feed,
  FeedDocument,
} from '@sp-api-sdk/feeds-api-2021-06-30';
import { z } from 'zod';
import { IntegrationError, RateLimitedError, RetriableIntegrationError } from '../../../errors.js';
import { CallGateWait, type CallGate } from '../call-gate.js';
import type { QuantityPushResult, SellableQuantity } from '../channel.js';
import { channelFetch } from '../http.js';
import type { AmazonClient } from './amazon-client.js';

export interface ListingsFeedContext {
  client: AmazonClient;
  gate: CallGate;
  accountId: number;
  sellerId: string;
  marketplaceId: string;
  /** least time between two createFeed calls of the account */
  feedEveryMs: number;
  /** first wait between two getFeed reads; doubles up to the usage plan's pace */
  pollMs: number;
  /** how long a push waits for Amazon to process its feed */
  waitMs: number;
}

const CONTENT_TYPE = 'application/json; charset=UTF-8';

// answers are checked at run time; the annotations keep each check true to the SDK's model of it
const documentSchema: z.ZodType<Pick<CreateFeedDocumentResponse, 'feedDocumentId' | 'url'>> = z.object({
  feedDocumentId: z.string().min(1),
  url: z.string().url(),
});
const createdSchema: z.ZodType<CreateFeedResponse> = z.object({ feedId: z.string().min(1) });
const feedSchema: z.ZodType<Pick<Feed, 'feedId' | 'processingStatus' | 'resultFeedDocumentId'>> = z.object({
  feedId: z.string(),
  processingStatus: z.enum(['CANCELLED', 'DONE', 'FATAL', 'IN_PROGRESS', 'IN_QUEUE']),
  resultFeedDocumentId: z.string().optional(),
});
const resultDocumentSchema: z.ZodType<Pick<FeedDocument, 'feedDocumentId' | 'url' | 'compressionAlgorithm'>> = z.object(
  {
    feedDocumentId: z.string().min(1),
    url: z.string().url(),
    compressionAlgorithm: z.literal('GZIP').optional(),
  },
);
/** The listings feed processing report (v2), as far as we read it. */
const reportSchema = z.object({
  issues: z.array(
    z.object({
      messageId: z.number().int().optional(),
      sku: z.string().optional(),
      code: z.string().optional(),
      severity: z.enum(['ERROR', 'WARNING', 'INFO']),
      message: z.string(),
    }),
  ),
  summary: z.object({ messagesProcessed: z.number(), messagesAccepted: z.number(), messagesInvalid: z.number() }),
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Sets many MFN quantities with one JSON_LISTINGS_FEED (Feeds API 2021-06-30): a document is
 * created, the feed uploaded to its pre-signed URL, the feed created and read until Amazon has
 * processed it, and its processing report says which messages (SKUs) were refused and why.
 * createFeed refills one call per two minutes: the account's pushes are spaced by `feedEveryMs`.
 */
export async function pushListingsFeed(c: ListingsFeedContext, input: SellableQuantity[]): Promise<QuantityPushResult> {
  const wait = await c.gate.take(`amazon:${c.accountId}:createFeed`, c.feedEveryMs);
  if (wait > 0) throw new CallGateWait('createFeed spacing', 'amazon', wait);
  const feed = {
    header: { sellerId: c.sellerId, version: '2.0', issueLocale: 'en_US' },
    messages: input.map((q, i) => ({
      messageId: i + 1,
      sku: q.sku,
      operationType: 'PATCH',
      productType: 'PRODUCT',
      patches: [
        {
          op: 'replace',
          path: '/attributes/fulfillment_availability',
          value: [{ fulfillment_channel_code: 'DEFAULT', quantity: q.quantity }],
        },
      ],
    })),
  };
  const doc = documentSchema.parse(
    (
      await c.client.callOk('createFeedDocument', 'POST', 'feeds/2021-06-30/documents', {
        contentType: CONTENT_TYPE,
      } satisfies CreateFeedDocumentSpecification)
    ).body,
  );
  const put = await channelFetch({
    service: 'amazon',
    url: doc.url,
    method: 'PUT',
    headers: { 'content-type': CONTENT_TYPE },
    body: JSON.stringify(feed),
  });
  if (put.status >= 500) throw new RetriableIntegrationError(`feed upload answered ${put.status}`, 'amazon');
  if (put.status >= 400)
    throw new IntegrationError(`feed upload refused (${put.status}): ${String(put.body).slice(0, 200)}`, 'amazon');
  const { feedId } = createdSchema.parse(
    (
      await c.client.callOk('createFeed', 'POST', 'feeds/2021-06-30/feeds', {
        feedType: 'JSON_LISTINGS_FEED',
        marketplaceIds: [c.marketplaceId],
        inputFeedDocumentId: doc.feedDocumentId,
      } satisfies CreateFeedSpecification)
    ).body,
  );

  const deadline = Date.now() + c.waitMs;
  let pause = c.pollMs;
  let status: z.infer<typeof feedSchema>;
  for (;;) {
    await sleep(pause);
    try {
      status = feedSchema.parse((await c.client.callOk('getFeed', 'GET', `feeds/2021-06-30/feeds/${feedId}`)).body);
    } catch (e) {
      if (!(e instanceof RateLimitedError) || Date.now() + e.retryAfterMs > deadline) throw e;
      pause = e.retryAfterMs;
      continue;
    }
    if (!['IN_QUEUE', 'IN_PROGRESS'].includes(status.processingStatus)) break;
    // the next push sends absolute quantities again: a feed still queued is not lost, only late
    if (Date.now() + pause > deadline)
      throw new RetriableIntegrationError(`feed ${feedId} still ${status.processingStatus}`, 'amazon');
    pause = Math.min(pause * 2, Math.max(c.pollMs, Math.ceil(1000 / c.client.rate('getFeed'))) * 8);
  }
  if (status.processingStatus === 'CANCELLED' || !status.resultFeedDocumentId)
    throw new IntegrationError(`feed ${feedId} ended ${status.processingStatus} without a report`, 'amazon');

  const result = resultDocumentSchema.parse(
    (
      await c.client.callOk(
        'getFeedDocument',
        'GET',
        `feeds/2021-06-30/documents/${encodeURIComponent(status.resultFeedDocumentId)}`,
      )
    ).body,
  );
  const got = await channelFetch({ service: 'amazon', url: result.url, method: 'GET', bytes: true });
  if (got.status >= 400)
    throw new RetriableIntegrationError(`feed ${feedId} report download answered ${got.status}`, 'amazon');
  const bytes = got.body as Buffer;
  const report = reportSchema.parse(
    JSON.parse((result.compressionAlgorithm === 'GZIP' ? gunzipSync(bytes) : bytes).toString('utf8')),
  );
  const errors = report.issues.filter((i) => i.severity === 'ERROR');
  // an error naming no message is about the whole document: nothing of it was applied
  const general = errors.find((i) => i.messageId === undefined);
  if (status.processingStatus === 'FATAL' || general)
    throw new IntegrationError(
      `feed ${feedId} ${status.processingStatus}: ${general?.message ?? 'the report names no message'}`,
      'amazon',
    );
  const refused = new Map<string, string>();
  for (const i of errors) {
    const sku = i.sku ?? input[i.messageId! - 1]?.sku;
    if (sku && !refused.has(sku)) refused.set(sku, [i.code, i.message].filter(Boolean).join(': '));
  }
  return {
    reference: feedId,
    accepted: input.length - refused.size,
    rejected: refused.size,
    issues: [...refused].map(([sku, message]) => ({ sku, message })),
  };
}
