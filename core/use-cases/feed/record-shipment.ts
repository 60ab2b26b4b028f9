import { and, eq, sql } from 'drizzle-orm';
import { allocationLines, orders, shipmentLines, shipments } from '../../../drizzle/schema/index.js';
import type { Db } from '../../db/client.js';
import { createAllocationsRepo } from '../../db/allocations-repo.js';
import { createAuditRepo } from '../../db/audit-repo.js';
import type { FeedPrincipal } from '../../db/feed-keys-repo.js';
import { lockKey } from '../../db/locks.js';
import { createStockRepo } from '../../db/stock-repo.js';
import { resolveTracking } from '../../domain/carriers/index.js';
import { ConflictError, NotFoundError, ValidationError } from '../../errors.js';
import type { Queues } from '../../queue/producer.js';
import { kickStockJobs } from '../../queue/stock-jobs.js';
import { createTrackingPagesRepo } from '../../db/tracking-pages-repo.js';
import type { CustomerEmailDeps } from '../customers/customer-email-deps.js';
import { enqueueCustomerEmail } from '../customers/enqueue-customer-email.js';
import { queueEmailJobs } from '../customers/queue-email-jobs.js';
import type { OutboxRow } from '../../db/email-outbox-repo.js';

export interface ShipmentInput {
  who: FeedPrincipal;
  allocationId: number;
  idempotencyKey: string;
  lines: { lineId: number; quantity: number }[];
  carrier: string | null;
  trackingNumbers: string[];
  trackingUrl: string | null;
  shippedAt: Date;
}

export interface ShipmentResult {
  shipmentId: number;
  /** false when the same idempotency key was already recorded: nothing changed */
  created: boolean;
  allocationStatus: string;
  carrier: string | null;
  trackingUrls: string[];
}

/**
 * A 3PL reports a parcel: never more than allocated (422), once per idempotency key. The units
 * leave the ledger as `shipped`, consuming their reservation, and the tracking goes back to
 * the sales channel through the fulfill queue.
 */
export async function recordShipment(deps: { db: Db; queues: Queues; customers?: CustomerEmailDeps }, input: ShipmentInput): Promise<ShipmentResult> {
  const emails: OutboxRow[] = [];
  if (input.lines.length === 0) throw new ValidationError('a shipment needs at least one line');
  const result = await deps.db.transaction(async (tx) => {
    const repo = createAllocationsRepo(tx);
    const a = await repo.get(input.who.shopId, input.allocationId);
    if (!a || a.warehouseId !== input.who.warehouseId) throw new NotFoundError('allocation');
    await lockKey(tx, `allocation:${a.id}`);
    const [existing] = await tx.select().from(shipments).where(and(eq(shipments.shopId, input.who.shopId), eq(shipments.allocationId, a.id), eq(shipments.idempotencyKey, input.idempotencyKey)));
    const current = (await repo.get(input.who.shopId, a.id))!;
    if (existing) return { shipmentId: existing.id, created: false, allocationStatus: current.status, carrier: existing.carrier, trackingUrls: existing.trackingUrls };
    if (!['ready', 'leased', 'acknowledged', 'partially_shipped', 'cancel_requested'].includes(current.status)) {
      throw new ConflictError(`allocation is ${current.status}; a shipment cannot be recorded`, { status: current.status });
    }
    const lines = await repo.lines(input.who.shopId, [a.id]);
    const problems: string[] = [];
    const wanted = new Map<number, number>();
    for (const l of input.lines) wanted.set(l.lineId, (wanted.get(l.lineId) ?? 0) + l.quantity);
    for (const [lineId, q] of wanted) {
      const line = lines.find((x) => x.id === lineId);
      if (!line) problems.push(`line ${lineId} is not part of allocation ${a.id}`);
      else if (q > line.quantity - line.shippedQuantity) problems.push(`line ${lineId}: ${q} shipped but only ${line.quantity - line.shippedQuantity} left to ship`);
    }
    if (problems.length) throw new ValidationError('the shipment exceeds the allocation', problems, 'shipment_exceeds_allocation', 422);

    const tracking = input.trackingNumbers.map((n) => resolveTracking({ carrierName: input.carrier ?? undefined, number: n, url: input.trackingUrl ?? undefined }));
    const [shipment] = await tx.insert(shipments).values({
      shopId: input.who.shopId, allocationId: a.id, idempotencyKey: input.idempotencyKey,
      carrier: tracking[0]?.company ?? input.carrier, trackingNumbers: input.trackingNumbers, trackingUrls: tracking.map((t) => t.url).filter((u): u is string => !!u),
      shippedAt: input.shippedAt,
    }).returning();
    const stock = createStockRepo(tx);
    for (const [lineId, q] of wanted) {
      const line = lines.find((x) => x.id === lineId)!;
      await tx.insert(shipmentLines).values({ shopId: input.who.shopId, shipmentId: shipment!.id, allocationLineId: lineId, quantity: q });
      await tx.update(allocationLines).set({ shippedQuantity: sql`${allocationLines.shippedQuantity} + ${q}` }).where(eq(allocationLines.id, lineId));
      await stock.applyMovement(input.who.shopId, { warehouseId: a.warehouseId, skuId: line.skuId, delta: -q, reason: 'shipped', reference: `shipment:${shipment!.id}:line:${lineId}` }, { consumeReserved: q });
    }
    const after = await repo.lines(input.who.shopId, [a.id]);
    const done = after.every((l) => l.shippedQuantity >= l.quantity);
    const status = done ? 'shipped' : 'partially_shipped';
    await repo.transition(input.who.shopId, a.id, [current.status], status, { leaseUntil: null, leaseToken: null });
    await refreshOrderShippingStatus(tx, input.who.shopId, a.orderId);
    // the customer's page exists from the first parcel; the shipping e-mail is decided with the shipment
    await createTrackingPagesRepo(tx).ensure(input.who.shopId, a.orderId);
    if (deps.customers) {
      const decided = await enqueueCustomerEmail({ db: tx, appUrl: deps.customers.appUrl, appCanSend: deps.customers.appCanSend }, { shopId: input.who.shopId, shipmentId: shipment!.id, kind: 'shipped' });
      if (decided.outcome === 'decided') emails.push(decided.row);
    }
    await createAuditRepo(tx).record(input.who.shopId, 'order', String(a.orderId), 'shipped', `warehouse:${a.warehouseId}`, {
      allocationId: a.id, shipmentId: shipment!.id, carrier: shipment!.carrier, trackingNumbers: shipment!.trackingNumbers, trackingUrls: shipment!.trackingUrls, units: [...wanted.values()].reduce((x, y) => x + y, 0),
    });
    return { shipmentId: shipment!.id, created: true, allocationStatus: status, carrier: shipment!.carrier, trackingUrls: shipment!.trackingUrls };
  });
  if (result.created) {
    await deps.queues.add('fulfill', { shopId: input.who.shopId, shipmentId: result.shipmentId }).catch(() => {});
    await kickStockJobs(deps.queues, input.who.shopId);
    if (deps.customers) await queueEmailJobs(deps.customers, emails);
  }
  return result;
}

/** shipped when every live allocation shipped, partially shipped when some did. */
async function refreshOrderShippingStatus(tx: Parameters<Parameters<Db['transaction']>[0]>[0], shopId: number, orderId: number) {
  const all = (await createAllocationsRepo(tx).forOrder(shopId, orderId)).filter((a) => a.status !== 'cancelled' && a.status !== 'rejected');
  const [order] = await tx.select().from(orders).where(and(eq(orders.shopId, shopId), eq(orders.id, orderId)));
  if (!order || order.status === 'cancelled') return;
  const shippedAll = all.length > 0 && all.every((a) => a.status === 'shipped') && order.status !== 'backordered';
  const some = all.some((a) => a.status === 'shipped' || a.status === 'partially_shipped');
  const status = shippedAll ? 'shipped' : some ? 'partially_shipped' : order.status;
  if (status !== order.status) await tx.update(orders).set({ status, updatedAt: new Date() }).where(eq(orders.id, orderId));
}
