import type { ConfirmShipmentRequest } from '@sp-api-sdk/orders-api-v0';
import type { ListingsItemPatchRequest } from '@sp-api-sdk/listings-items-api-2021-08-01';
import { z } from 'zod';
import type { ChannelAccountSettings } from '../../../../drizzle/schema/channels.js';
import { amazonCarrier } from '../../../domain/carriers/index.js';
import { IntegrationError, RateLimitedError } from '../../../errors.js';
import { CallGateWait, type CallGate } from '../call-gate.js';
import type { Channel, ChannelNotification, ChannelOrder, QuantityIssue } from '../channel.js';
import {
  amazonMessage,
  amazonUsagePlans,
  createAmazonClient,
  createSqsClient,
  type AmazonOperation,
  type LwaTokenCache,
} from './amazon-client.js';
import { pushListingsFeed } from './amazon-listings-feed.js';
import { getOrderResponseSchema, searchOrdersResponseSchema, toChannelOrder } from './amazon-order.js';

type AmazonSettings = Extract<ChannelAccountSettings, { kind: 'amazon' }>;

/** Everything one seller account needs: the SP-API endpoint, its LWA credentials and settings. */
export interface AmazonAccount {
  id: number;
  code: string;
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  awsAccessKeyId?: string | undefined;
  awsSecretAccessKey?: string | undefined;
  settings: AmazonSettings;
}

export interface AmazonChannelDeps {
  gate: CallGate;
  tokens?: LwaTokenCache;
}

/** Where a searchOrders sweep stands: its update window and Amazon's page token. */
const cursorSchema = z.object({ since: z.string(), until: z.string().nullable(), token: z.string().nullable() });

/** Amazon's order data lags about two minutes (§1.3): every sweep reaches back this far, duplicates are one version. */
export const AMAZON_OVERLAP_MS = 2 * 60_000;
/** searchOrders refills one call per ~180 s: sweeps start no more often, notifications carry the freshness. */
const DEFAULT_SWEEP_EVERY_MS = Math.ceil(1000 / amazonUsagePlans.searchOrders.rate);
/** A throttled quantity push waits in place when Amazon's wait is this short, else the job retries later. */
const INLINE_WAIT_MAX_MS = 3_000;
const ORDER_DATA = 'RECIPIENT,FULFILLMENT,PROCEEDS';
/** Pushes of more SKUs than this go as one JSON_LISTINGS_FEED; fewer, one patchListingsItem each. */
export const FEED_ABOVE_SKUS = 10;

const notificationSchema = z.object({
  NotificationType: z.string(),
  Payload: z.object({
    OrderChangeNotification: z.object({ SellerId: z.string(), AmazonOrderId: z.string().min(1) }).passthrough(),
  }),
  NotificationMetadata: z.object({ NotificationId: z.string().min(1) }).passthrough(),
});
/** null for a body that is not a notification we know (junk, or a test message) */
function parseNotification(body: string): z.infer<typeof notificationSchema> | null {
  try {
    return notificationSchema.parse(JSON.parse(body));
  } catch {
    return null;
  }
}
const receiveSchema = z.object({
  Messages: z.array(z.object({ ReceiptHandle: z.string(), Body: z.string() }).passthrough()).optional(),
});

/**
 * Amazon SP-API for merchant-fulfilled orders: reads through Orders v2026-01-01, ORDER_CHANGE
 * notifications from the seller's SQS queue, shipment confirmation through Orders v0 with
 * Amazon's carrier codes, MFN quantities through Listings `patchListingsItem`.
 */
export function createAmazonChannel(account: AmazonAccount, deps: AmazonChannelDeps): Channel {
  const s = account.settings;
  const client = createAmazonClient(
    {
      accountId: account.id,
      baseUrl: account.baseUrl,
      lwaUrl: s.lwaUrl,
      clientId: account.clientId,
      clientSecret: account.clientSecret,
      refreshToken: account.refreshToken,
    },
    deps.tokens,
  );
  const aws =
    account.awsAccessKeyId && account.awsSecretAccessKey
      ? { accessKeyId: account.awsAccessKeyId, secretAccessKey: account.awsSecretAccessKey }
      : null;
  const sqs = s.queueUrl ? createSqsClient(s.queueUrl, aws) : null;
  const sweepEvery = Math.max(0, s.sweepEveryMs ?? DEFAULT_SWEEP_EVERY_MS);
  const pageSize = Math.min(100, Math.max(1, s.pageSize ?? 100));
  const mp = encodeURIComponent(s.marketplaceId);
  const feedEvery = Math.max(0, s.feedEveryMs ?? Math.ceil(1000 / amazonUsagePlans.createFeed.rate));
  const limit = (op: AmazonOperation, label: string, minIntervalMs: number | null = null) => ({
    operation: label,
    minIntervalMs,
    ratePerSecond: client.rate(op),
    burst: amazonUsagePlans[op].burst,
  });

  const readOrder = async (id: string): Promise<ChannelOrder | null> => {
    const res = await client.call(
      'getOrder',
      'GET',
      `orders/2026-01-01/orders/${encodeURIComponent(id)}?includedData=${ORDER_DATA}`,
    );
    if (res.status === 404) return null;
    if (res.status >= 400)
      throw new IntegrationError(`getOrder ${id} answered ${res.status}: ${amazonMessage(res)}`, 'amazon', {
        status: res.status,
      });
    return toChannelOrder(account.code, getOrderResponseSchema.parse(res.body).order);
  };

  return {
    kind: 'amazon',
    limits: () => [
      limit('searchOrders', 'searchOrders', sweepEvery),
      limit('getOrder', 'getOrder'),
      limit('confirmShipment', 'confirmShipment'),
      limit('patchListingsItem', 'patchListingsItem'),
      limit('createFeed', 'createFeed (JSON_LISTINGS_FEED)', feedEvery),
      limit('getFeed', 'getFeed'),
      limit('getFeedDocument', 'getFeedDocument'),
    ],

    async testConnection() {
      try {
        const res = await client.call('getMarketplaceParticipations', 'GET', 'sellers/v1/marketplaceParticipations');
        if (res.status >= 400) return { ok: false, reason: amazonMessage(res) };
        const body = z
          .object({
            payload: z.array(
              z
                .object({
                  marketplace: z.object({ id: z.string(), name: z.string() }),
                  storeName: z.string().nullish(),
                })
                .passthrough(),
            ),
          })
          .parse(res.body);
        const p = body.payload.find((x) => x.marketplace.id === s.marketplaceId);
        if (!p) return { ok: false, reason: `the seller does not sell on marketplace ${s.marketplaceId}` };
        return { ok: true, accountName: `${p.storeName ?? s.sellerId} (${p.marketplace.name})` };
      } catch (e) {
        return { ok: false, reason: (e as Error).message };
      }
    },

    async listChangedOrders(input) {
      const parsed = input.cursor ? cursorSchema.safeParse(JSON.parse(input.cursor)) : null;
      const at = parsed?.success ? parsed.data : { since: input.initialSince.toISOString(), until: null, token: null };
      let path: string;
      if (at.token) {
        path = `orders/2026-01-01/orders?marketplaceIds=${mp}&paginationToken=${encodeURIComponent(at.token)}`;
      } else {
        // between sweeps the queue's notifications carry the news: an empty read, the cursor kept
        const wait = await deps.gate.take(`amazon:${account.id}:searchOrders`, sweepEvery);
        if (wait > 0) return { orders: [], nextCursor: JSON.stringify(at), more: false };
        const after = new Date(Date.parse(at.since) - AMAZON_OVERLAP_MS).toISOString();
        const q = new URLSearchParams({
          marketplaceIds: s.marketplaceId,
          lastUpdatedAfter: after,
          fulfilledBy: 'MERCHANT',
          maxResultsPerPage: String(pageSize),
          includedData: ORDER_DATA,
        });
        path = `orders/2026-01-01/orders?${q}`;
      }
      const page = searchOrdersResponseSchema.parse((await client.callOk('searchOrders', 'GET', path)).body);
      // an order updated twice inside the overlap appears once, as its newest version
      const newest = new Map<string, ChannelOrder>();
      for (const o of page.orders.map((x) => toChannelOrder(account.code, x))) {
        const seen = newest.get(o.order.externalId);
        if (!seen || seen.order.updatedAt < o.order.updatedAt) newest.set(o.order.externalId, o);
      }
      const until = at.until ?? page.lastUpdatedBefore ?? input.now.toISOString();
      const token = page.pagination?.nextToken ?? null;
      const next = token ? { since: at.since, until, token } : { since: until, until: null, token: null };
      return { orders: [...newest.values()], nextCursor: JSON.stringify(next), more: !!token };
    },

    async receiveNotifications() {
      if (!sqs) return [];
      const out: ChannelNotification[] = [];
      const seen = new Set<string>();
      for (let batch = 0; batch < 5; batch++) {
        const res = receiveSchema.parse(
          await sqs('ReceiveMessage', {
            MaxNumberOfMessages: 10,
            WaitTimeSeconds: batch === 0 ? (s.waitTimeSeconds ?? 1) : 0,
            VisibilityTimeout: s.visibilityTimeoutSeconds ?? 60,
          }),
        );
        const messages = res.Messages ?? [];
        for (const m of messages) {
          const n = parseNotification(m.Body);
          if (!n || n.NotificationType !== 'ORDER_CHANGE') {
            // test notifications and other types name no order: nothing to read, acknowledge them
            await sqs('DeleteMessage', { ReceiptHandle: m.ReceiptHandle });
            continue;
          }
          // another seller's message on a shared queue: left for that account's poll
          if (n.Payload.OrderChangeNotification.SellerId !== s.sellerId) continue;
          const id = n.NotificationMetadata.NotificationId;
          out.push({
            notificationId: seen.has(id) ? `${id}#${m.ReceiptHandle.slice(-8)}` : id,
            orderExternalId: n.Payload.OrderChangeNotification.AmazonOrderId,
            receipt: m.ReceiptHandle,
          });
          seen.add(id);
        }
        if (messages.length < 10) break;
      }
      return out;
    },

    async deleteNotifications(receipts) {
      if (!sqs) return;
      for (const r of receipts) await sqs('DeleteMessage', { ReceiptHandle: r });
    },

    async getOrders(externalIds) {
      const out: ChannelOrder[] = [];
      for (const id of [...new Set(externalIds)]) {
        const o = await readOrder(id);
        if (o) out.push(o);
      }
      return out;
    },

    async acceptOrder() {
      // Amazon debits the buyer itself: there is no seller acceptance step for merchant-fulfilled orders
      return { ok: false, reason: 'not_awaiting_acceptance', message: 'Amazon orders need no acceptance' };
    },

    async confirmShipment(input) {
      const carrier = amazonCarrier(input.carrier, input.carrierName);
      const body: ConfirmShipmentRequest = {
        marketplaceId: s.marketplaceId,
        packageDetail: {
          packageReferenceId: input.packageRef,
          ...carrier,
          trackingNumber: input.trackingNumber,
          shipDate: input.shippedAt.toISOString(),
          orderItems: input.lines.map((l) => ({ orderItemId: l.lineExternalId, quantity: l.quantity })),
        },
      };
      const res = await client.call(
        'confirmShipment',
        'POST',
        `orders/v0/orders/${encodeURIComponent(input.orderExternalId)}/shipmentConfirmation`,
        body,
      );
      if (res.status === 204 || res.status === 200) return { ok: true, carrierCode: carrier.carrierCode };
      const message = amazonMessage(res);
      if (res.status === 400 && /status|cannot ship/i.test(message))
        return { ok: false, reason: 'order_not_shippable', message };
      return { ok: false, reason: 'rejected', message: `confirmShipment ${res.status}: ${message}` };
    },

    async setSellableQuantities(input) {
      if (input.length > FEED_ABOVE_SKUS)
        return pushListingsFeed(
          {
            client,
            gate: deps.gate,
            accountId: account.id,
            sellerId: s.sellerId,
            marketplaceId: s.marketplaceId,
            feedEveryMs: feedEvery,
            pollMs: s.feedPollMs ?? 30_000,
            waitMs: s.feedWaitMs ?? 10 * 60_000,
          },
          input,
        );
      const issues: QuantityIssue[] = [];
      let accepted = 0;
      let rejected = 0;
      let reference: string | null = null;
      // one push per account at a time, at the usage plan's rate (a bit slower, for clock jitter):
      // pushes side by side would drain the bucket into 429s and hold every worker slot waiting
      const spacingMs = Math.ceil(1100 / client.rate('patchListingsItem'));
      const busy = await deps.gate.take(`amazon:${account.id}:quantity-push`, input.length * spacingMs + 2_000);
      if (busy > 0) throw new CallGateWait('another quantity push of this account is running', 'amazon', busy);
      for (const q of input) {
        for (;;) {
          const wait = await deps.gate.take(`amazon:${account.id}:patchListingsItem`, spacingMs);
          if (wait === 0) break;
          if (wait > INLINE_WAIT_MAX_MS) throw new CallGateWait('patchListingsItem spacing', 'amazon', wait);
          await new Promise((r) => setTimeout(r, wait));
        }
        const body: ListingsItemPatchRequest = {
          productType: 'PRODUCT',
          patches: [
            {
              op: 'replace',
              path: '/attributes/fulfillment_availability',
              value: [{ fulfillment_channel_code: 'DEFAULT', quantity: q.quantity }],
            },
          ],
        };
        const path = `listings/2021-08-01/items/${encodeURIComponent(s.sellerId)}/${encodeURIComponent(q.sku)}?marketplaceIds=${mp}&includedData=issues`;
        let res;
        for (let attempt = 0; ; attempt++) {
          try {
            res = await client.call('patchListingsItem', 'PATCH', path, body);
            break;
          } catch (e) {
            if (!(e instanceof RateLimitedError) || e.retryAfterMs > INLINE_WAIT_MAX_MS || attempt >= 3) throw e;
            await new Promise((r) => setTimeout(r, e.retryAfterMs));
          }
        }
        const sub = z
          .object({
            status: z.string(),
            submissionId: z.string().optional(),
            issues: z.array(z.object({ code: z.string(), message: z.string(), severity: z.string() })).optional(),
          })
          .passthrough()
          .safeParse(res.body);
        if (res.status < 400 && sub.success && sub.data.status !== 'INVALID') {
          accepted++;
          reference ??= sub.data.submissionId ?? null;
        } else {
          rejected++;
          const issue = sub.success ? sub.data.issues?.find((i) => i.severity === 'ERROR') : undefined;
          issues.push({ sku: q.sku, message: issue ? `${issue.code}: ${issue.message}` : amazonMessage(res) });
        }
      }
      return { reference, accepted, rejected, issues };
    },
  };
}
