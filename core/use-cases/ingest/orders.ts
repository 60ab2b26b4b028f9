import { createOrdersRepo } from '../../db/orders-repo.js';
import { lockKey } from '../../db/locks.js';
import { normalizeRestOrder } from '../../integrations/shopify/normalize-order.js';
import { restOrderSchema } from '../../integrations/shopify/rest-payloads.js';
import { ValidationError } from '../../errors.js';
import { createAuditRepo } from '../../db/audit-repo.js';
import { jobIds } from '../../queue/job-ids.js';
import type { TopicHandler } from './types.js';

/** orders/create, updated, paid, cancelled: store the version if it is the newest, then route or cancel. */
export const ingestOrder: TopicHandler = async (tx, shop, payload, event) => {
  const parsed = restOrderSchema.safeParse(payload);
  if (!parsed.success)
    throw new ValidationError(
      `${event.topic} payload is not an order: ${parsed.error.issues[0]?.message}`,
      parsed.error.issues.slice(0, 5),
    );
  const incoming = { ...normalizeRestOrder(parsed.data), observedAt: event.triggeredAt ?? event.receivedAt };
  await lockKey(tx, `order:${shop.id}:${incoming.externalId}`);
  const result = await createOrdersRepo(tx).upsertIncoming(shop.id, incoming);
  await createAuditRepo(tx).record(shop.id, 'order', String(result.orderId), 'webhook_received', 'shopify', {
    topic: event.topic,
    inboxId: event.id,
    eventId: event.eventId,
    outcome: result.outcome,
    sourceUpdatedAt: incoming.updatedAt,
  });
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
};
