import type { Db } from '../../db/client.js';
import { createAuditRepo } from '../../db/audit-repo.js';
import type { FeedPrincipal } from '../../db/feed-keys-repo.js';
import { createOrdersRepo } from '../../db/orders-repo.js';
import { createShipmentsRepo } from '../../db/shipments-repo.js';
import { NotFoundError } from '../../errors.js';
import type { Queues } from '../../queue/producer.js';
import { enqueueTrackingPush } from '../../queue/producers.js';
import { resolveDelays } from '../../db/delays-queries.js';
import type { OutboxRow } from '../../db/email-outbox-repo.js';
import type { CustomerEmailDeps } from '../customers/customer-email-deps.js';
import { enqueueCustomerEmail } from '../customers/enqueue-customer-email.js';
import { queueEmailJobs } from '../customers/queue-email-jobs.js';

export type TrackingStatus = 'in_transit' | 'out_for_delivery' | 'delivered' | 'exception';

/**
 * A carrier event for a shipment. Repeats are ignored; the shipment takes the status of its
 * newest event, and the change is pushed to the sales channel.
 */
export async function recordTrackingEvent(
  deps: { db: Db; queues: Queues; customers?: CustomerEmailDeps },
  input: {
    who: FeedPrincipal;
    shipmentId: number;
    status: TrackingStatus;
    occurredAt: Date;
    description?: string | null;
    location?: string | null;
  },
) {
  const emails: OutboxRow[] = [];
  const out = await deps.db.transaction(async (tx) => {
    const shipmentsRepo = createShipmentsRepo(tx);
    const s = await shipmentsRepo.getWithAllocation(input.who.shopId, input.shipmentId);
    if (!s || s.warehouseId !== input.who.warehouseId) throw new NotFoundError('shipment');
    const eventId = await shipmentsRepo.addEvent(input.who.shopId, s.shipment.id, {
      status: input.status,
      occurredAt: input.occurredAt,
      description: input.description ?? null,
      location: input.location ?? null,
    });
    if (eventId === null) return { created: false, eventId: null, status: s.shipment.status };
    const newest = await shipmentsRepo.newestEvent(s.shipment.id);
    // delivered is final: a late "in transit" scan does not undo it
    const status = s.shipment.status === 'delivered' ? 'delivered' : newest!.status;
    await shipmentsRepo.setStatus(
      s.shipment.id,
      status,
      status === 'delivered' ? (s.shipment.deliveredAt ?? newest!.occurredAt) : null,
    );
    if (status === 'delivered') {
      const open = await shipmentsRepo.statusesOfOrder(input.who.shopId, s.orderId);
      const ordersRepo = createOrdersRepo(tx);
      const order = await ordersRepo.get(input.who.shopId, s.orderId);
      if (order?.status === 'shipped' && open.every((x) => x.id === s.shipment.id || x.status === 'delivered'))
        await ordersRepo.setStatus(input.who.shopId, s.orderId, 'delivered');
    }
    if (status === 'delivered') {
      await resolveDelays(tx, input.who.shopId, s.shipment.id, newest!.occurredAt);
    }
    // the customer hears of the step the parcel reached, once; a late older scan says nothing
    if (
      deps.customers &&
      (input.status === 'out_for_delivery' || input.status === 'delivered') &&
      status === input.status
    ) {
      const decided = await enqueueCustomerEmail(
        { db: tx, appUrl: deps.customers.appUrl, appCanSend: deps.customers.appCanSend },
        { shopId: input.who.shopId, shipmentId: s.shipment.id, kind: input.status },
      );
      if (decided.outcome === 'decided') emails.push(decided.row);
    }
    await createAuditRepo(tx).record(
      input.who.shopId,
      'order',
      String(s.orderId),
      `tracking_${input.status}`,
      `warehouse:${s.warehouseId}`,
      {
        shipmentId: s.shipment.id,
        occurredAt: input.occurredAt,
        description: input.description,
        location: input.location,
      },
    );
    return { created: true, eventId, status };
  });
  if (out.created && out.eventId !== null)
    await enqueueTrackingPush(deps.queues, { shopId: input.who.shopId, shipmentId: input.shipmentId }, Date.now());
  if (deps.customers) await queueEmailJobs(deps.customers, emails);
  return out;
}
