import { and, desc, eq } from 'drizzle-orm';
import { allocations, orders, shipments, trackingEvents } from '../../../drizzle/schema/index.js';
import type { Db } from '../../db/client.js';
import { createAuditRepo } from '../../db/audit-repo.js';
import type { FeedPrincipal } from '../../db/feed-keys-repo.js';
import { NotFoundError } from '../../errors.js';
import type { Queues } from '../../queue/producer.js';
import { shipmentDelays } from '../../../drizzle/schema/index.js';
import type { OutboxRow } from '../../db/email-outbox-repo.js';
import type { CustomerEmailDeps } from '../customers/customer-email-deps.js';
import { enqueueCustomerEmail } from '../customers/enqueue-customer-email.js';
import { queueEmailJobs } from '../customers/queue-email-jobs.js';

export type TrackingStatus = 'in_transit' | 'out_for_delivery' | 'delivered' | 'exception';

/**
 * A carrier event for a shipment. Repeats are ignored; the shipment takes the status of its
 * newest event, and the change is pushed to the sales channel.
 */
export async function recordTrackingEvent(deps: { db: Db; queues: Queues; customers?: CustomerEmailDeps }, input: { who: FeedPrincipal; shipmentId: number; status: TrackingStatus; occurredAt: Date; description?: string | null; location?: string | null }) {
  const emails: OutboxRow[] = [];
  const out = await deps.db.transaction(async (tx) => {
    const [s] = await tx
      .select({ shipment: shipments, warehouseId: allocations.warehouseId, orderId: allocations.orderId })
      .from(shipments)
      .innerJoin(allocations, eq(allocations.id, shipments.allocationId))
      .where(and(eq(shipments.shopId, input.who.shopId), eq(shipments.id, input.shipmentId)));
    if (!s || s.warehouseId !== input.who.warehouseId) throw new NotFoundError('shipment');
    const inserted = await tx.insert(trackingEvents)
      .values({ shopId: input.who.shopId, shipmentId: s.shipment.id, status: input.status, occurredAt: input.occurredAt, description: input.description ?? null, location: input.location ?? null })
      .onConflictDoNothing().returning({ id: trackingEvents.id });
    if (inserted.length === 0) return { created: false, eventId: null, status: s.shipment.status };
    const [newest] = await tx.select().from(trackingEvents).where(eq(trackingEvents.shipmentId, s.shipment.id)).orderBy(desc(trackingEvents.occurredAt), desc(trackingEvents.id)).limit(1);
    // delivered is final: a late "in transit" scan does not undo it
    const status = s.shipment.status === 'delivered' ? 'delivered' : newest!.status;
    await tx.update(shipments).set({ status, deliveredAt: status === 'delivered' ? (s.shipment.deliveredAt ?? newest!.occurredAt) : null, updatedAt: new Date() }).where(eq(shipments.id, s.shipment.id));
    if (status === 'delivered') {
      const open = await tx.select({ id: shipments.id, status: shipments.status }).from(shipments).innerJoin(allocations, eq(allocations.id, shipments.allocationId)).where(and(eq(allocations.orderId, s.orderId), eq(shipments.shopId, input.who.shopId)));
      const [order] = await tx.select().from(orders).where(eq(orders.id, s.orderId));
      if (order?.status === 'shipped' && open.every((x) => x.id === s.shipment.id || x.status === 'delivered')) await tx.update(orders).set({ status: 'delivered', updatedAt: new Date() }).where(eq(orders.id, s.orderId));
    }
    if (status === 'delivered') {
      await tx.update(shipmentDelays).set({ resolvedAt: newest!.occurredAt }).where(and(eq(shipmentDelays.shopId, input.who.shopId), eq(shipmentDelays.shipmentId, s.shipment.id)));
    }
    // the customer hears of the step the parcel reached, once; a late older scan says nothing
    if (deps.customers && (input.status === 'out_for_delivery' || input.status === 'delivered') && status === input.status) {
      const decided = await enqueueCustomerEmail({ db: tx, appUrl: deps.customers.appUrl, appCanSend: deps.customers.appCanSend }, { shopId: input.who.shopId, shipmentId: s.shipment.id, kind: input.status });
      if (decided.outcome === 'decided') emails.push(decided.row);
    }
    await createAuditRepo(tx).record(input.who.shopId, 'order', String(s.orderId), `tracking_${input.status}`, `warehouse:${s.warehouseId}`, { shipmentId: s.shipment.id, occurredAt: input.occurredAt, description: input.description, location: input.location });
    return { created: true, eventId: inserted[0]!.id, status };
  });
  if (out.created) await deps.queues.add('fulfill', { shopId: input.who.shopId, shipmentId: input.shipmentId }, { jobId: `tracking-${out.eventId}` }).catch(() => {});
  if (deps.customers) await queueEmailJobs(deps.customers, emails);
  return out;
}
