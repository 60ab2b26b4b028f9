/**
 * The Feeds API 2021-06-30 as a seller's JSON_LISTINGS_FEED meets it: createFeedDocument hands
 * out a pre-signed upload URL (S3 in production, the simulator's `/_s3/` here), createFeed
 * queues the uploaded document, the feed moves IN_QUEUE → IN_PROGRESS → DONE (FATAL when the
 * document is not a listings feed), and its processing report (listings feed processing report
 * v2: header, issues per message, summary) is a GZIP document read through getFeedDocument.
 */
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PatchOperation } from '@sp-api-sdk/listings-items-api-2021-08-01';
import { AmazonSimError, type AmazonState } from './state.js';

type Guard = (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

export type FeedProcessingStatus = 'CANCELLED' | 'DONE' | 'FATAL' | 'IN_PROGRESS' | 'IN_QUEUE';

/** The Feed definition of Amazon's model. */
export interface SimFeed {
  feedId: string;
  feedType: string;
  marketplaceIds: string[];
  createdTime: string;
  processingStatus: FeedProcessingStatus;
  processingStartTime?: string;
  processingEndTime?: string;
  resultFeedDocumentId?: string;
}

/** One entry of the processing report's `issues`. */
export interface FeedIssue {
  messageId?: number;
  sku?: string;
  code: string;
  severity: 'ERROR' | 'WARNING' | 'INFO';
  message: string;
  attributeName?: string;
}

interface Doc {
  contentType: string;
  bytes: Buffer | null;
  compressed: boolean;
  expiresAt: number;
}

export interface FeedsOptions {
  state: AmazonState;
  now: () => Date;
  /** origin the pre-signed URLs point at */
  base: () => string;
  guard: (op: 'createFeedDocument' | 'createFeed' | 'getFeed' | 'getFeedDocument') => Guard;
  /** how long a feed waits IN_QUEUE, then as long IN_PROGRESS, before its report is ready */
  processingMs: () => number;
}

const URL_TTL_MS = 5 * 60_000;

export function registerFeeds(app: FastifyInstance, o: FeedsOptions) {
  const docs = new Map<string, Doc>();
  const feeds = new Map<string, SimFeed & { input: string; at: number }>();
  let seq = 50_000_000;
  const presigned = (id: string) =>
    `${o.base()}/_s3/feed-documents/${id}?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=300&X-Amz-Signature=${randomBytes(16).toString('hex')}`;

  /** Applies one feed's messages to the listings and writes its processing report. */
  const process = (f: SimFeed & { input: string }): void => {
    const issues: FeedIssue[] = [];
    let accepted = 0;
    let invalid = 0;
    let processed = 0;
    let fatal = false;
    try {
      const doc = JSON.parse(docs.get(f.input)?.bytes?.toString('utf8') ?? '') as {
        header?: { sellerId?: string; version?: string };
        messages?: {
          messageId?: number;
          sku?: string;
          operationType?: string;
          productType?: string;
          patches?: PatchOperation[];
        }[];
      };
      if (doc.header?.sellerId !== o.state.sellerId || doc.header.version !== '2.0' || !Array.isArray(doc.messages))
        throw new Error('The feed header must name this seller and version 2.0, with a messages array');
      for (const m of doc.messages) {
        processed++;
        const refuse = (code: string, message: string) => {
          invalid++;
          issues.push({
            ...(m.messageId ? { messageId: m.messageId } : {}),
            ...(m.sku ? { sku: m.sku } : {}),
            code,
            severity: 'ERROR',
            message,
          });
        };
        if (!m.sku || !Number.isInteger(m.messageId)) refuse('4000001', 'The message must have messageId and sku');
        else if (m.operationType !== 'PATCH' || !m.productType || !Array.isArray(m.patches))
          refuse('4000001', `Only PATCH with productType and patches is simulated, not ${String(m.operationType)}`);
        else {
          const r = o.state.patchListing(m.sku, m.productType, m.patches);
          if (r.ok) accepted++;
          else refuse('90220', r.issue);
        }
      }
    } catch (e) {
      fatal = true;
      issues.push({ code: '4000000', severity: 'ERROR', message: `Invalid feed: ${(e as Error).message}` });
    }
    const reportId = `amzn1.tortuga.4.eu.${randomBytes(12).toString('hex')}`;
    const report = {
      header: { sellerId: o.state.sellerId, version: '2.0', feedId: f.feedId },
      issues,
      summary: {
        errors: issues.filter((i) => i.severity === 'ERROR').length,
        warnings: issues.filter((i) => i.severity === 'WARNING').length,
        messagesProcessed: processed,
        messagesAccepted: accepted,
        messagesInvalid: invalid,
      },
    };
    docs.set(reportId, {
      contentType: 'application/json',
      bytes: gzipSync(JSON.stringify(report)),
      compressed: true,
      expiresAt: Number.POSITIVE_INFINITY,
    });
    f.processingStatus = fatal ? 'FATAL' : 'DONE';
    f.processingEndTime = o.now().toISOString();
    f.resultFeedDocumentId = reportId;
  };

  /** Where a feed stands now: it moves on as time passes, and is processed once. */
  const advance = (f: SimFeed & { input: string; at: number }): SimFeed => {
    const age = o.now().getTime() - f.at;
    const step = o.processingMs();
    if (f.processingStatus === 'IN_QUEUE' && age >= step / 2) {
      f.processingStatus = 'IN_PROGRESS';
      f.processingStartTime = o.now().toISOString();
    }
    if (f.processingStatus === 'IN_PROGRESS' && age >= step) process(f);
    const { input: _i, at: _a, ...pub } = f;
    return pub;
  };

  app.post('/feeds/2021-06-30/documents', { preHandler: o.guard('createFeedDocument') }, async (req, reply) => {
    const b = (req.body ?? {}) as { contentType?: unknown };
    if (typeof b.contentType !== 'string' || !b.contentType)
      throw new AmazonSimError(400, 'InvalidInput', 'Missing required field contentType');
    const id = `amzn1.tortuga.4.eu.${randomBytes(12).toString('hex')}`;
    docs.set(id, { contentType: b.contentType, bytes: null, compressed: false, expiresAt: Date.now() + URL_TTL_MS });
    return reply.code(201).send({ feedDocumentId: id, url: presigned(id) });
  });

  app.post('/feeds/2021-06-30/feeds', { preHandler: o.guard('createFeed') }, async (req, reply) => {
    const b = (req.body ?? {}) as { feedType?: unknown; marketplaceIds?: unknown; inputFeedDocumentId?: unknown };
    if (typeof b.feedType !== 'string' || typeof b.inputFeedDocumentId !== 'string' || !Array.isArray(b.marketplaceIds))
      throw new AmazonSimError(400, 'InvalidInput', 'feedType, marketplaceIds and inputFeedDocumentId are required');
    if (b.feedType !== 'JSON_LISTINGS_FEED')
      throw new AmazonSimError(400, 'InvalidInput', `Feed type ${b.feedType} is not simulated`);
    if (!b.marketplaceIds.includes(o.state.marketplaceId))
      throw new AmazonSimError(400, 'InvalidInput', `Invalid marketplaceIds ${b.marketplaceIds.join(',')}`);
    const doc = docs.get(b.inputFeedDocumentId);
    if (!doc?.bytes) throw new AmazonSimError(400, 'InvalidInput', 'The input feed document has not been uploaded');
    const feedId = String(++seq);
    feeds.set(feedId, {
      feedId,
      feedType: b.feedType,
      marketplaceIds: b.marketplaceIds as string[],
      createdTime: o.now().toISOString(),
      processingStatus: 'IN_QUEUE',
      input: b.inputFeedDocumentId,
      at: o.now().getTime(),
    });
    return reply.code(202).send({ feedId });
  });

  app.get('/feeds/2021-06-30/feeds/:feedId', { preHandler: o.guard('getFeed') }, async (req) => {
    const f = feeds.get((req.params as { feedId: string }).feedId);
    if (!f) throw new AmazonSimError(404, 'NotFound', 'The requested feed does not exist');
    return advance(f);
  });

  app.get('/feeds/2021-06-30/documents/:id', { preHandler: o.guard('getFeedDocument') }, async (req) => {
    const id = (req.params as { id: string }).id;
    const d = docs.get(id);
    if (!d?.compressed) throw new AmazonSimError(404, 'NotFound', 'The requested feed document does not exist');
    return { feedDocumentId: id, url: presigned(id), compressionAlgorithm: 'GZIP' };
  });

  // ---- the pre-signed URLs (S3 in production): no SP-API token, the signature is the URL ----
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  app.put('/_s3/feed-documents/:id', async (req, reply) => {
    const d = docs.get((req.params as { id: string }).id);
    if (!d || d.compressed || d.expiresAt < Date.now()) return reply.code(403).send('AccessDenied');
    if ((req.headers['content-type'] ?? '') !== d.contentType)
      return reply.code(403).send('SignatureDoesNotMatch: the Content-Type differs from the one signed');
    d.bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.from(JSON.stringify(req.body ?? ''));
    return reply.code(200).send();
  });
  app.get('/_s3/feed-documents/:id', async (req, reply) => {
    const d = docs.get((req.params as { id: string }).id);
    if (!d?.bytes) return reply.code(404).send('NoSuchKey');
    return reply.type('application/octet-stream').send(d.bytes);
  });

  return {
    /** every feed with its status, for tests and the control API */
    list: (): SimFeed[] => [...feeds.values()].map(advance),
  };
}
