import type { Db } from '../db/client.js';
import { createAuditRepo } from '../db/audit-repo.js';
import { createInboxRepo } from '../db/inbox-repo.js';
import { lockKey } from '../db/locks.js';
import { createOrdersRepo, type HeldVersion } from '../db/orders-repo.js';
import { createShopsRepo } from '../db/shops-repo.js';
import { createSyncRepo } from '../db/sync-repo.js';
import { NotFoundError } from '../errors.js';
import type { ShopifyGraphql } from '../integrations/shopify/graphql.js';
import { normalizeGraphqlOrder } from '../integrations/shopify/normalize-order.js';
import { ORDERS_UPDATED_SINCE, type OrdersPage } from '../integrations/shopify/operations/orders.js';
import type { IncomingOrder } from '../domain/orders/incoming-order.js';
import type { Logger } from '../logger.js';
import type { Queues } from '../queue/producer.js';
import { enqueueRouting } from '../queue/producers.js';

export interface ReconcileDeps {
  db: Db;
  shopify: ShopifyGraphql;
  queues: Queues;
  log: Logger;
  now?: () => Date;
}

/** Overlap with the previous run, so an order updated while it ran is not skipped. */
const OVERLAP_MS = 2 * 60_000;
/** Versions younger than this may still arrive by webhook; they are applied but not counted as missed. */
const GRACE_MS = 2 * 60_000;

/** A shop that never ran starts this far back (Shopify shows 60 days without read_all_orders). */
const FIRST_LOOKBACK_MS = 24 * 3600_000;

/**
 * Whether the stored version is this one or newer. Shopify's updated_at has one-second
 * resolution: within the same second, a cancellation or a payment we lack is still news (the
 * rule upsertIncoming applies).
 */
function holdsVersion(held: HeldVersion | undefined, o: IncomingOrder): boolean {
  if (!held) return false;
  if (held.sourceUpdatedAt.getTime() !== o.updatedAt.getTime()) return held.sourceUpdatedAt > o.updatedAt;
  return (o.cancelledAt === null || held.cancelledAt !== null) && held.financialStatus === o.financialStatus;
}

/**
 * Lists the shop's orders updated since the cursor and stores any version we do not have:
 * each one is an order a webhook failed to bring. What it repaired is recorded per run, so the
 * admin can see how often webhooks were missed.
 */
export async function reconcileOrders(deps: ReconcileDeps, input: { shopId: number }) {
  const now = deps.now?.() ?? new Date();
  const shop = await createShopsRepo(deps.db).byId(input.shopId);
  if (!shop) throw new NotFoundError(`shop ${input.shopId}`);
  if (shop.status !== 'active') return { skipped: 'shop not active' as const };
  const sync = createSyncRepo(deps.db);
  const from = shop.reconcileCursor
    ? new Date(shop.reconcileCursor.getTime() - OVERLAP_MS)
    : new Date(now.getTime() - FIRST_LOOKBACK_MS);
  const runId = await sync.startRun(shop.id, from);
  const details: { externalId: string; name: string; what: string }[] = [];
  let checked = 0;
  let maxSeen = from;
  try {
    let after: string | null = null;
    do {
      const page: OrdersPage = await deps.shopify.request<OrdersPage>(shop.domain, ORDERS_UPDATED_SINCE, {
        query: `updated_at:>'${from.toISOString()}'`,
        after,
      });
      const held = await createOrdersRepo(deps.db).versionsOf(
        shop.id,
        'shopify',
        page.orders.nodes.map((n) => n.id),
      );
      for (const node of page.orders.nodes) {
        checked++;
        const incoming = { ...normalizeGraphqlOrder(node, node.lineItems.nodes), observedAt: new Date() };
        if (incoming.updatedAt > maxSeen) maxSeen = incoming.updatedAt;
        // the version held already, or a newer one: nothing was missed, nothing to write or route
        if (holdsVersion(held.get(incoming.externalId), incoming)) continue;
        const result = await deps.db.transaction(async (tx) => {
          await lockKey(tx, `order:${shop.id}:${incoming.externalId}`);
          const r = await createOrdersRepo(tx).upsertIncoming(shop.id, incoming);
          if (r.outcome !== 'stale') {
            await createAuditRepo(tx).record(shop.id, 'order', String(r.orderId), 'reconciled', 'reconciliation', {
              outcome: r.outcome,
              sourceUpdatedAt: incoming.updatedAt,
              runId,
            });
          }
          return r;
        });
        if (result.outcome === 'stale') continue;
        // a webhook for it may still be on its way (Shopify retries for hours): only a version older
        // than the grace period, with no event waiting in the inbox, counts as missed
        const inFlight =
          now.getTime() - incoming.updatedAt.getTime() < GRACE_MS ||
          (await createInboxRepo(deps.db).hasPendingOrderEvent(shop.domain, incoming.externalId));
        if (!inFlight)
          details.push({
            externalId: incoming.externalId,
            name: incoming.name,
            what:
              result.outcome === 'inserted'
                ? 'missing order'
                : result.cancelledNow
                  ? 'missed cancellation'
                  : 'missed update',
          });
        // a version that changes nothing routing reads queues no run (the first run looks back a day)
        if (result.cancelledNow || (!result.settled && result.planChanged)) {
          await enqueueRouting(deps.queues, {
            shopId: shop.id,
            orderId: result.orderId,
            reason: result.cancelledNow ? 'cancelled' : 'reconciled',
          });
        }
      }
      after = page.orders.pageInfo.hasNextPage ? page.orders.pageInfo.endCursor : null;
    } while (after);
    // the cursor never passes "now": an order updated in the future of our clock waits a run
    const cursorTo = maxSeen > now ? now : maxSeen;
    await createShopsRepo(deps.db).setReconcileCursor(shop.id, cursorTo);
    await sync.finishRun(shop.id, runId, {
      status: 'completed',
      checked,
      repaired: details.length,
      details,
      cursorTo,
      error: null,
    });
    if (details.length)
      deps.log.warn({ shop: shop.domain, repaired: details.length }, 'reconciliation repaired orders a webhook missed');
    return { runId, checked, repaired: details.length, details };
  } catch (e) {
    await sync.finishRun(shop.id, runId, {
      status: 'failed',
      checked,
      repaired: details.length,
      details,
      cursorTo: null,
      error: (e as Error).message,
    });
    throw e;
  }
}
