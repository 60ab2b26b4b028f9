import { createAuditRepo } from '../db/audit-repo.js';
import { createCatalogRepo } from '../db/catalog-repo.js';
import { createChannelAccountsRepo } from '../db/channel-accounts-repo.js';
import type { Db } from '../db/client.js';
import { createInboxRepo } from '../db/inbox-repo.js';
import { createShopsRepo } from '../db/shops-repo.js';
import { NotFoundError, RateLimitedError } from '../errors.js';
import { CallGateWait } from '../integrations/channels/call-gate.js';
import type { Channel, ChannelOrder } from '../integrations/channels/channel.js';
import type { ChannelRegistry } from '../integrations/channels/index.js';
import { CHANNEL_ORDER_TOPIC, channelInboxSource, channelOrderEventBody } from '../integrations/channels/inbox-body.js';
import type { Logger } from '../logger.js';
import type { Queues } from '../queue/producer.js';
import { enqueuePollContinuation } from '../queue/producers.js';
import { enqueueInboxEvents } from '../queue/producers.js';

export interface PollChannelDeps {
  db: Db;
  queues: Queues;
  channels: ChannelRegistry;
  log: Logger;
  now?: () => Date;
}

export type PollChannelResult =
  | {
      status: 'polled';
      pages: number;
      read: number;
      newVersions: number;
      accepted: number;
      /** queue notifications handled (Amazon) */
      notified: number;
      continuesInMs: number | null;
    }
  | { status: 'skipped'; reason: string; retryInMs?: number };

/** A first read reaches back this far, so orders placed just before the account was connected are taken. */
const FIRST_READ_LOOKBACK_MS = 24 * 3_600_000;

/**
 * Takes the account's pushed notifications first (Amazon's SQS queue): the orders they name are
 * re-read and stored, then the messages deleted. Then reads the orders the account changed since
 * its cursor, page by page: each version
 * goes to the inbox (one row per order and update time, so re-reads and overlaps are
 * one event), the ingest worker stores and routes it, and the cursor moves only once the page
 * is in the inbox. Orders awaiting the seller's decision are accepted line by line when we
 * sell that SKU. When the marketplace's call frequency stops a sweep midway, the rest of the
 * sweep is queued for when it allows.
 */
export async function pollChannelOrders(
  deps: PollChannelDeps,
  input: { shopId: number; accountId: number; maxPages?: number },
): Promise<PollChannelResult> {
  const accounts = createChannelAccountsRepo(deps.db);
  const account = await accounts.get(input.shopId, input.accountId);
  if (!account) throw new NotFoundError(`channel account ${input.accountId}`);
  if (!account.active) return { status: 'skipped', reason: 'account inactive' };
  const shop = await createShopsRepo(deps.db).byId(input.shopId);
  if (!shop || shop.status !== 'active') return { status: 'skipped', reason: 'shop not active' };
  const channel = deps.channels.forAccount(account);
  const now = () => deps.now?.() ?? new Date();
  let cursor = account.cursor;
  let pages = 0;
  let read = 0;
  let newVersions = 0;
  let accepted = 0;
  let lagSeconds: number | null = null;
  let notified = 0;
  const toInbox = async (orders: ChannelOrder[], at: Date) => {
    const stored = await createInboxRepo(deps.db).insertMany(
      orders.map((o) => ({
        source: channelInboxSource(account.id),
        eventId: o.versionKey,
        shopDomain: shop.domain,
        topic: CHANNEL_ORDER_TOPIC,
        triggeredAt: at,
        body: channelOrderEventBody(account.id, o),
      })),
    );
    const fresh = stored.filter((s) => s.inserted);
    if (fresh.length) {
      // a failed enqueue is logged by the producer; the inbox sweeper finds the events
      await enqueueInboxEvents(
        deps.queues,
        fresh.map((s) => s.id),
      );
    }
    orders.forEach((o, i) => {
      if (!stored[i]?.inserted) return;
      const lag = Math.max(0, (at.getTime() - o.order.updatedAt.getTime()) / 1000);
      lagSeconds = Math.max(lagSeconds ?? 0, lag);
    });
    return fresh.length;
  };
  try {
    // pushed notifications first (Amazon's queue): each names an order to re-read, so a duplicate
    // or a late one reads the current version, which the inbox already holds or takes once
    const notes = await channel.receiveNotifications();
    if (notes.length) {
      const byOrder = new Map<string, string[]>();
      for (const n of notes) byOrder.set(n.orderExternalId, [...(byOrder.get(n.orderExternalId) ?? []), n.receipt]);
      const versions: ChannelOrder[] = [];
      const handled: string[] = [];
      for (const [orderId, receipts] of byOrder) {
        try {
          versions.push(...(await channel.getOrders([orderId])));
        } catch (e) {
          // throttled midway: keep what was read; the rest come back after their visibility timeout
          if (e instanceof RateLimitedError && handled.length) break;
          throw e;
        }
        handled.push(...receipts);
      }
      newVersions += await toInbox(versions, now());
      // acknowledged only once the versions are in the inbox; a crash before this re-delivers them
      await channel.deleteNotifications(handled);
      notified = handled.length;
    }
    for (;;) {
      const at = now();
      const page = await channel.listChangedOrders({
        cursor,
        initialSince: new Date(account.createdAt.getTime() - FIRST_READ_LOOKBACK_MS),
        now: at,
      });
      const fresh = await toInbox(page.orders, at);
      for (const o of page.orders.filter((x) => x.awaitingAcceptance))
        accepted += await accept(deps, channel, input.shopId, account.id, o);
      cursor = page.nextCursor;
      await accounts.setCursor(input.shopId, account.id, cursor);
      pages++;
      read += page.orders.length;
      newVersions += fresh;
      if (!page.more || pages >= (input.maxPages ?? 50)) break;
    }
    await accounts.recordSync(input.shopId, account.id, now(), lagSeconds);
    return { status: 'polled', pages, read, newVersions, accepted, notified, continuesInMs: null };
  } catch (e) {
    if (e instanceof CallGateWait && pages > 0) {
      // the sweep is half done: finish it as soon as the operator allows, not at the next schedule
      // if this enqueue fails (logged), the account's schedule finishes the sweep at its next tick
      await enqueuePollContinuation(deps.queues, input.shopId, account.id, e.retryAfterMs, now().getTime());
      await accounts.recordSync(input.shopId, account.id, now(), lagSeconds);
      return { status: 'polled', pages, read, newVersions, accepted, notified, continuesInMs: e.retryAfterMs };
    }
    // another poll of this account just ran (a schedule tick next to a manual or continued poll): it read what there was
    if (e instanceof CallGateWait)
      return { status: 'skipped', reason: 'polled moments ago', retryInMs: e.retryAfterMs };
    await accounts.recordFailure(input.shopId, account.id, (e as Error).message, now());
    throw e;
  }
}

/** Accepts the lines whose SKU the shop sells, refuses the others; 1 when the call was made. */
async function accept(
  deps: PollChannelDeps,
  channel: Channel,
  shopId: number,
  accountId: number,
  o: ChannelOrder,
): Promise<number> {
  const catalog = createCatalogRepo(deps.db);
  const lines = await Promise.all(
    o.order.lines.map(async (l) => ({
      lineExternalId: l.externalId,
      accepted: !!l.sku && !!(await catalog.skuBySku(shopId, l.sku)),
    })),
  );
  const result = await channel.acceptOrder({ orderExternalId: o.order.externalId, lines });
  // a version read before our earlier acceptance landed: the marketplace has moved on, nothing to do
  if (!result.ok && result.reason === 'not_awaiting_acceptance') return 0;
  await createAuditRepo(deps.db).record(
    shopId,
    'channel_account',
    String(accountId),
    result.ok ? 'order_accepted' : 'order_acceptance_failed',
    'channels',
    {
      orderExternalId: o.order.externalId,
      lines,
      ...(result.ok ? {} : { reason: result.reason, message: result.message }),
    },
  );
  return 1;
}
