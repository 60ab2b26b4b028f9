import { createOrdersRepo, planFingerprintOf, type UpsertOrderResult } from '../../db/orders-repo.js';
import { lockKeysAhead, lockOrders, orderLockKey } from '../../db/locks.js';
import type { Tx } from '../../db/client.js';
import type { InboxEvent } from '../../db/inbox-repo.js';
import type { Shop } from '../../db/shops-repo.js';
import { collapseVersions } from '../../domain/orders/collapse-versions.js';
import type { IncomingOrder } from '../../domain/orders/incoming-order.js';
import { normalizeRestOrder } from '../../integrations/shopify/normalize-order.js';
import { restOrderSchema } from '../../integrations/shopify/rest-payloads.js';
import { ValidationError } from '../../errors.js';
import { createAuditRepo } from '../../db/audit-repo.js';
import { jobIds } from '../../queue/job-ids.js';
import type { HandlerResult, TopicHandler } from './types.js';

/** An orders/* event's order version, as stored. */
function orderVersion(payload: unknown, event: InboxEvent): OrderVersion {
  const parsed = restOrderSchema.safeParse(payload);
  if (!parsed.success)
    throw new ValidationError(
      `${event.topic} payload is not an order: ${parsed.error.issues[0]?.message}`,
      parsed.error.issues.slice(0, 5),
    );
  return { ...normalizeRestOrder(parsed.data), observedAt: event.triggeredAt ?? event.receivedAt };
}

/** An order version with the instant it was observed (the event's trigger time). */
type OrderVersion = IncomingOrder & { observedAt: Date };

/** The version's timeline entry, and the routing run or cancellation it queues. */
function recordVersion(
  tx: Tx,
  shop: Shop,
  event: InboxEvent,
  incoming: OrderVersion,
  result: Omit<UpsertOrderResult, 'cancelled'>,
): Promise<void> {
  return createAuditRepo(tx).record(shop.id, 'order', String(result.orderId), 'webhook_received', 'shopify', {
    topic: event.topic,
    inboxId: event.id,
    eventId: event.eventId,
    outcome: result.outcome,
    sourceUpdatedAt: incoming.updatedAt,
  });
}

function followUpOf(
  shop: Shop,
  event: InboxEvent,
  incoming: OrderVersion,
  result: Omit<UpsertOrderResult, 'cancelled'>,
): HandlerResult {
  if (result.outcome === 'stale') return { outcome: 'stale' };
  if (result.cancelledNow) {
    return {
      outcome: 'cancelled',
      followUps: [
        {
          queue: 'route',
          payload: { shopId: shop.id, orderId: result.orderId, reason: 'cancelled', orderRef: incoming.externalId },
          jobId: jobIds.route.cancel(result.orderId),
        },
      ],
    };
  }
  if (result.settled) return { outcome: result.outcome };
  // a version that changes nothing routing reads (Shopify's own updates after a hand-over, a paid
  // event repeating create) needs no run: a queued run reads the order fresh anyway
  if (!result.planChanged) return { outcome: result.outcome };
  // one routing per stored version: orders/create, paid and updated of the same second route once
  return {
    outcome: result.outcome,
    followUps: [
      {
        queue: 'route',
        payload: { shopId: shop.id, orderId: result.orderId, reason: event.topic, orderRef: incoming.externalId },
        jobId: jobIds.route.orderVersion(result.orderId, incoming.updatedAt, incoming.observedAt),
      },
    ],
  };
}

/** orders/create, updated, paid, cancelled: store the version if it is the newest, then route or cancel. */
export const ingestOrder: TopicHandler = async (tx, shop, payload, event) => {
  const incoming = orderVersion(payload, event);
  await lockKeysAhead(tx, [orderLockKey(shop.id, incoming.externalId)]);
  const result = await createOrdersRepo(tx).upsertIncoming(shop.id, incoming);
  await recordVersion(tx, shop, event, incoming, result);
  return followUpOf(shop, event, incoming, result);
};

/**
 * The orders/* events of an ingest batch (one shop, in the order they came per order): every
 * order's lock in one statement, in key order so two batches never deadlock, what is held of
 * them in one read, then every order written once with the newest of its versions, rows in one
 * statement and lines in another. Each version
 * still gets its own timeline entry and routing run, exactly as `ingestOrder` one after the
 * other would give them (collapse-versions.ts).
 */
export async function ingestOrderVersions(
  tx: Tx,
  shop: Shop,
  events: { event: InboxEvent; payload: unknown }[],
): Promise<HandlerResult[]> {
  const byOrder = new Map<string, { event: InboxEvent; incoming: OrderVersion; planFingerprint: string }[]>();
  for (const { event, payload } of events) {
    const incoming = orderVersion(payload, event);
    const list = byOrder.get(incoming.externalId) ?? [];
    list.push({ event, incoming, planFingerprint: planFingerprintOf(incoming) });
    byOrder.set(incoming.externalId, list);
  }
  if (byOrder.size === 0) return [];
  await lockOrders(tx, shop.id, byOrder.keys());
  const repo = createOrdersRepo(tx);
  const held = await repo.heldVersions(shop.id, 'shopify', [...byOrder.keys()]);
  const collapsed = [...byOrder].map(([externalId, versions]) => ({
    externalId,
    versions,
    stored: held.get(externalId),
    ...collapseVersions(
      held.get(externalId),
      versions.map((v) => ({ order: v.incoming, planFingerprint: v.planFingerprint })),
    ),
  }));
  const ids = await repo.storeCollapsed(
    shop.id,
    collapsed.flatMap(({ write, stored }) => (write ? [{ write, claimed: stored?.claimedLines ?? [] }] : [])),
  );
  const results: HandlerResult[] = [];
  for (const { externalId, versions, outcomes, stored, oneByOne } of collapsed) {
    for (const [i, { event, incoming }] of versions.entries()) {
      // every version stale: the order is held
      const result = oneByOne
        ? await repo.upsertIncoming(shop.id, incoming)
        : { ...outcomes[i]!, orderId: ids.get(externalId) ?? stored!.id };
      await recordVersion(tx, shop, event, incoming, result);
      results.push(followUpOf(shop, event, incoming, result));
    }
  }
  return results;
}
