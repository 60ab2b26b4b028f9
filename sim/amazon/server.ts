import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { ConfirmShipmentRequest } from '@sp-api-sdk/orders-api-v0';
import type {
  ListingsItemPatchRequest,
  ListingsItemSubmissionResponse,
} from '@sp-api-sdk/listings-items-api-2021-08-01';
import { createOrderSearch, parseIncludedData, projectOrder } from './orders-view.js';
import { registerFeeds } from './feeds.js';
import { createSqsQueue, SqsError } from './queue.js';
import { AmazonSimError, createAmazonState, type PlaceOrderInput } from './state.js';

/** SP-API operations the simulator meters, by their operationId in Amazon's models. */
export type AmazonOperation =
  | 'getMarketplaceParticipations'
  | 'searchOrders'
  | 'getOrder'
  | 'confirmShipment'
  | 'patchListingsItem'
  | 'createFeedDocument'
  | 'createFeed'
  | 'getFeed'
  | 'getFeedDocument';

export interface UsagePlan {
  rate: number;
  burst: number;
}

/** Default usage plans from Amazon's models (channels-3pl-carriers §1.2). */
export const publishedUsagePlans: Record<AmazonOperation, UsagePlan> = {
  getMarketplaceParticipations: { rate: 0.016, burst: 15 },
  searchOrders: { rate: 0.0056, burst: 20 },
  getOrder: { rate: 0.5, burst: 30 },
  confirmShipment: { rate: 2, burst: 10 },
  patchListingsItem: { rate: 5, burst: 5 },
  createFeedDocument: { rate: 0.5, burst: 15 },
  createFeed: { rate: 0.0083, burst: 15 },
  getFeed: { rate: 2, burst: 15 },
  getFeedDocument: { rate: 0.0222, burst: 10 },
};

export interface AmazonSimOptions {
  clientId?: string;
  clientSecret?: string;
  refreshToken?: string;
  sellerId?: string;
  marketplaceId?: string;
  storeName?: string;
  /** access tokens live this long (Amazon: 3600 s) */
  tokenTtlSeconds?: number;
  /** SQS visibility timeout of the notification queue (SQS default: 30 s) */
  visibilityTimeoutSeconds?: number;
  /** per-operation token buckets; omitted operations are not metered */
  usagePlans?: Partial<Record<AmazonOperation, UsagePlan>>;
  /** a JSON_LISTINGS_FEED waits this long IN_QUEUE, then as long IN_PROGRESS (default 1 s) */
  feedProcessingMs?: number;
  host?: string;
  now?: () => Date;
}

export interface AmazonCall {
  operation: AmazonOperation | 'token' | 'ReceiveMessage' | 'DeleteMessage';
  at: string;
  status: number;
}

interface Fault {
  status: number;
  until: number;
}

const amazonError = (reply: FastifyReply, status: number, code: string, message: string, details = '') =>
  reply.code(status).send({ errors: [{ code, message, details }] });

export function createAmazonSim(opts: AmazonSimOptions = {}) {
  const now = opts.now ?? (() => new Date());
  const creds = {
    clientId: opts.clientId ?? 'amzn1.application-oa2-client.sim',
    clientSecret: opts.clientSecret ?? 'amazon-demo-secret',
    refreshToken: opts.refreshToken ?? 'Atzr|amazon-demo-refresh',
  };
  const queue = createSqsQueue({
    now: () => now().getTime(),
    visibilityTimeoutSeconds: opts.visibilityTimeoutSeconds ?? 30,
  });
  const state = createAmazonState({
    now,
    sellerId: opts.sellerId ?? 'A2SIMSELLER01',
    marketplaceId: opts.marketplaceId ?? 'A13V1IB3VIYZZH',
    publish: (n) => queue.send(JSON.stringify(n)),
  });
  const search = createOrderSearch({ now, marketplaceId: state.marketplaceId, orders: () => state.list() });
  const plans: Partial<Record<AmazonOperation, UsagePlan>> = { ...(opts.usagePlans ?? publishedUsagePlans) };
  const buckets = new Map<AmazonOperation, { tokens: number; at: number }>();
  const tokens = new Map<string, number>();
  const calls: AmazonCall[] = [];
  let fault: Fault | null = null;
  let queueFault: Fault | null = null;
  const app: FastifyInstance = Fastify({ logger: false });
  const record = (operation: AmazonCall['operation'], status: number) =>
    calls.push({ operation, at: now().toISOString(), status });

  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
    done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );
  app.addContentTypeParser(/^application\/x-amz-json-1\.[01]/, { parseAs: 'string' }, (_req, body, done) => {
    try {
      done(null, JSON.parse((body as string) || '{}'));
    } catch (e) {
      done(e as Error, undefined);
    }
  });

  /** Takes a token from the operation's bucket; the wait in ms when it is empty. */
  const take = (op: AmazonOperation): number => {
    const plan = plans[op];
    if (!plan) return 0;
    const t = now().getTime();
    const b = buckets.get(op) ?? { tokens: plan.burst, at: t };
    b.tokens = Math.min(plan.burst, b.tokens + ((t - b.at) / 1000) * plan.rate);
    b.at = t;
    buckets.set(op, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - b.tokens) / plan.rate) * 1000);
  };

  /** Auth, injected faults and the usage plan, in the order Amazon's gateway applies them. */
  const guard = (op: AmazonOperation) => async (req: FastifyRequest, reply: FastifyReply) => {
    reply.header('x-amzn-RequestId', randomBytes(8).toString('hex'));
    const plan = plans[op];
    if (plan) reply.header('x-amzn-RateLimit-Limit', String(plan.rate));
    const token = req.headers['x-amz-access-token'];
    const exp = typeof token === 'string' ? tokens.get(token) : undefined;
    if (exp === undefined || exp <= now().getTime()) {
      record(op, 403);
      return amazonError(
        reply,
        403,
        'Unauthorized',
        'Access to requested resource is denied.',
        exp === undefined
          ? 'The access token you provided is revoked, malformed or invalid.'
          : 'The access token you provided has expired.',
      );
    }
    if (fault && fault.until > now().getTime()) {
      record(op, fault.status);
      if (fault.status === 429)
        return amazonError(reply, 429, 'QuotaExceeded', 'You exceeded your quota for the requested resource.');
      return amazonError(reply, fault.status, 'InternalFailure', 'We encountered an internal error. Please try again.');
    }
    if (take(op) > 0) {
      record(op, 429);
      return amazonError(reply, 429, 'QuotaExceeded', 'You exceeded your quota for the requested resource.');
    }
    record(op, 200);
  };

  app.setErrorHandler((err, req, reply) => {
    if (err instanceof AmazonSimError) return amazonError(reply, err.status, err.code, err.message, err.details);
    if (err instanceof SqsError)
      return reply
        .code(400)
        .header('x-amzn-query-error', `${err.type.split('#')[1]};Sender`)
        .send({
          __type: err.type,
          message: err.message,
        });
    const status = (err as { statusCode?: number }).statusCode ?? 500;
    if (req.url.startsWith('/_sim')) return reply.code(status).send({ error: (err as Error).message });
    return amazonError(
      reply,
      status,
      status >= 500 ? 'InternalFailure' : 'InvalidInput',
      status >= 500 ? 'We encountered an internal error. Please try again.' : (err as Error).message,
    );
  });

  // ---- Login with Amazon (served at api.amazon.com in production) ----
  app.post('/auth/o2/token', async (req, reply) => {
    const b = (req.body ?? {}) as Record<string, string | undefined>;
    if (fault && fault.until > now().getTime() && fault.status >= 500) {
      record('token', fault.status);
      return reply.code(fault.status).send({ error: 'server_error', error_description: 'Internal error' });
    }
    if (b.grant_type !== 'refresh_token') {
      record('token', 400);
      return reply.code(400).send({ error: 'unsupported_grant_type', error_description: 'Unsupported grant_type' });
    }
    if (b.client_id !== creds.clientId || b.client_secret !== creds.clientSecret) {
      record('token', 401);
      return reply.code(401).send({ error: 'invalid_client', error_description: 'Client authentication failed' });
    }
    if (b.refresh_token !== creds.refreshToken) {
      record('token', 400);
      return reply.code(400).send({
        error: 'invalid_grant',
        error_description: 'The request has an invalid grant parameter : refresh_token',
      });
    }
    const ttl = opts.tokenTtlSeconds ?? 3600;
    const token = `Atza|sim-${randomBytes(16).toString('hex')}`;
    tokens.set(token, now().getTime() + ttl * 1000);
    record('token', 200);
    return { access_token: token, refresh_token: creds.refreshToken, token_type: 'bearer', expires_in: ttl };
  });

  // ---- SP-API ----
  app.get('/sellers/v1/marketplaceParticipations', { preHandler: guard('getMarketplaceParticipations') }, async () => ({
    payload: [
      {
        marketplace: {
          id: state.marketplaceId,
          countryCode: 'FR',
          name: 'Amazon.fr',
          defaultCurrencyCode: 'EUR',
          defaultLanguageCode: 'fr_FR',
          domainName: 'www.amazon.fr',
        },
        participation: { isParticipating: true, hasSuspendedListings: false },
        storeName: opts.storeName ?? 'Boutique démo',
      },
    ],
  }));

  app.get('/orders/2026-01-01/orders', { preHandler: guard('searchOrders') }, async (req) =>
    search.search(req.query as Record<string, string | string[] | undefined>),
  );

  app.get('/orders/2026-01-01/orders/:orderId', { preHandler: guard('getOrder') }, async (req) => {
    const q = req.query as Record<string, string | string[] | undefined>;
    return {
      order: projectOrder(state.get((req.params as { orderId: string }).orderId), parseIncludedData(q.includedData)),
    };
  });

  app.post(
    '/orders/v0/orders/:orderId/shipmentConfirmation',
    { preHandler: guard('confirmShipment') },
    async (req, reply) => {
      state.confirmShipment((req.params as { orderId: string }).orderId, (req.body ?? {}) as ConfirmShipmentRequest);
      return reply.code(204).send();
    },
  );

  app.patch('/listings/2021-08-01/items/:sellerId/:sku', { preHandler: guard('patchListingsItem') }, async (req) => {
    const { sellerId, sku } = req.params as { sellerId: string; sku: string };
    const q = req.query as Record<string, string | undefined>;
    if (sellerId !== state.sellerId)
      throw new AmazonSimError(403, 'Unauthorized', `Access to seller ${sellerId} is denied.`);
    if (!q.marketplaceIds) throw new AmazonSimError(400, 'InvalidInput', 'Missing required parameter marketplaceIds');
    const body = (req.body ?? {}) as Partial<ListingsItemPatchRequest>;
    if (typeof body.productType !== 'string' || !Array.isArray(body.patches))
      throw new AmazonSimError(400, 'InvalidInput', 'The request body must have productType and patches');
    const res = state.patchListing(sku, body.productType, body.patches);
    const submission: ListingsItemSubmissionResponse = {
      sku,
      status: res.ok ? 'ACCEPTED' : 'INVALID',
      submissionId: randomBytes(16).toString('hex'),
      issues: res.ok
        ? []
        : [
            {
              code: '90220',
              message: res.issue,
              severity: 'ERROR',
              attributeNames: [],
              categories: ['INVALID_ATTRIBUTE'],
            },
          ],
    };
    return submission;
  });

  let feedProcessingMs = opts.feedProcessingMs ?? 1000;
  const feeds = registerFeeds(app, { state, now, base: () => base, guard, processingMs: () => feedProcessingMs });

  // ---- SQS, JSON protocol (X-Amz-Target: AmazonSQS.<Action>) ----
  app.post('/', async (req, reply) => {
    const target = String(req.headers['x-amz-target'] ?? '');
    const body = (req.body ?? {}) as Record<string, unknown>;
    const action = target.replace(/^AmazonSQS\./, '');
    if (typeof body.QueueUrl !== 'string' || !body.QueueUrl.endsWith(queuePath))
      throw new SqsError('com.amazonaws.sqs#QueueDoesNotExist', 'The specified queue does not exist.');
    if (queueFault && queueFault.until > now().getTime()) {
      record(action === 'DeleteMessage' ? 'DeleteMessage' : 'ReceiveMessage', queueFault.status);
      return reply
        .code(queueFault.status)
        .send({ __type: 'com.amazonaws.sqs#InternalError', message: 'Internal error' });
    }
    if (action === 'ReceiveMessage') {
      const messages = await queue.receive(body);
      record('ReceiveMessage', 200);
      return reply.type('application/x-amz-json-1.0').send(messages.length ? { Messages: messages } : {});
    }
    if (action === 'DeleteMessage') {
      queue.delete(body.ReceiptHandle);
      record('DeleteMessage', 200);
      return reply.type('application/x-amz-json-1.0').send({});
    }
    throw new SqsError('com.amazonaws.sqs#InvalidAction', `The action ${action} is not valid for this endpoint.`);
  });
  const queuePath = '/123456789012/sp-api-order-change';

  // ---- control API (no auth): what a test, the demo or a person at a browser uses ----
  app.get('/_sim/health', async () => ({ ok: true, orders: state.list().length }));
  app.post('/_sim/orders', async (req, reply) => reply.code(201).send(state.placeOrder(req.body as PlaceOrderInput)));
  app.get('/_sim/orders', async () => ({ orders: state.list() }));
  app.get('/_sim/orders/:id', async (req) => {
    const id = (req.params as { id: string }).id;
    return { order: state.get(id), packages: state.packagesOf(id) };
  });
  app.post('/_sim/orders/:id/cancel', async (req) => state.cancel((req.params as { id: string }).id));
  app.post('/_sim/orders/:id/pay', async (req) => state.pay((req.params as { id: string }).id));
  app.put('/_sim/listings', async (req) => {
    for (const l of (req.body as { listings: { sku: string; quantity: number }[] }).listings)
      state.setListing(l.sku, l.quantity);
    return { listings: state.listings() };
  });
  app.get('/_sim/listings', async () => ({ listings: state.listings() }));
  app.get('/_sim/queue', async () => ({ messages: queue.list() }));
  app.post('/_sim/queue/reverse', async () => {
    queue.reverse();
    return { messages: queue.list() };
  });
  app.post('/_sim/queue/duplicate', async (req) => ({
    copies: queue.duplicate((req.body as { orderId: string }).orderId),
  }));
  app.put('/_sim/faults', async (req) => {
    const b = req.body as { status: number; forMs: number; queue?: boolean };
    const f = { status: b.status, until: now().getTime() + b.forMs };
    if (b.queue) queueFault = f;
    else fault = f;
    return { fault, queueFault };
  });
  app.delete('/_sim/faults', async () => {
    fault = null;
    queueFault = null;
    return { fault };
  });
  app.put('/_sim/usage-plans', async (req) => {
    Object.assign(plans, req.body as Partial<Record<AmazonOperation, UsagePlan>>);
    buckets.clear();
    return { plans };
  });
  app.get('/_sim/calls', async () => ({ calls }));
  app.get('/_sim/feeds', async () => ({ feeds: feeds.list() }));

  let base = '';
  return {
    app,
    state,
    queue,
    calls,
    credentials: creds,
    /** the queue URL to configure on the account (the SQS endpoint is the simulator's origin) */
    get queueUrl(): string {
      return `${base}${queuePath}`;
    },
    setFault(f: { status: number; forMs: number; queue?: boolean } | null): void {
      const v = f ? { status: f.status, until: now().getTime() + f.forMs } : null;
      if (f?.queue) queueFault = v;
      else fault = v;
      if (!f) queueFault = null;
    },
    feeds,
    setFeedProcessingMs(ms: number): void {
      feedProcessingMs = ms;
    },
    setUsagePlans(p: Partial<Record<AmazonOperation, UsagePlan>>): void {
      Object.assign(plans, p);
      buckets.clear();
    },
    async start(port = 0): Promise<string> {
      await app.listen({ port, host: opts.host ?? '127.0.0.1' });
      base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      return base;
    },
    async stop(): Promise<void> {
      await app.close();
    },
  };
}

export type AmazonSim = ReturnType<typeof createAmazonSim>;
