import { createAuditRepo } from '../../db/audit-repo.js';
import { lockKey } from '../../db/locks.js';
import { createOrdersRepo } from '../../db/orders-repo.js';
import { ValidationError } from '../../errors.js';
import { channelOrderEventSchema } from '../../integrations/channels/inbox-body.js';
import type { TopicHandler } from './types.js';

/**
 * channel/order: an order version a marketplace poll put in the inbox. Stored in the same
 * tables as Shopify's orders (orders.channel says where it came from), newest version wins,
 * then routed or cancelled exactly like a Shopify order.
 */
export const ingestChannelOrder: TopicHandler = async (tx, shop, payload, event) => {
  const parsed = channelOrderEventSchema.safeParse(payload);
  if (!parsed.success)
    throw new ValidationError(
      `channel/order payload is not an order: ${parsed.error.issues[0]?.message}`,
      parsed.error.issues.slice(0, 5),
    );
  const { order, state, accountId } = parsed.data;
  if (order.channel === 'shopify') throw new ValidationError('a marketplace event cannot write a Shopify order');
  const incoming = { ...order, observedAt: event.triggeredAt ?? event.receivedAt };
  await lockKey(tx, `order:${shop.id}:${incoming.externalId}`);
  const result = await createOrdersRepo(tx).upsertIncoming(shop.id, incoming);
  await createAuditRepo(tx).record(shop.id, 'order', String(result.orderId), 'channel_order_read', order.channel, {
    accountId,
    state,
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
          jobId: `route-${result.orderId}-cancel`,
        },
      ],
    };
  }
  if (result.settled) return { outcome: result.outcome };
  return {
    outcome: result.outcome,
    followUps: [
      {
        queue: 'route',
        payload: {
          shopId: shop.id,
          orderId: result.orderId,
          reason: `channel ${state}`,
          orderRef: incoming.externalId,
        },
        jobId: `route-${result.orderId}-${incoming.updatedAt.getTime()}`,
      },
    ],
  };
};
