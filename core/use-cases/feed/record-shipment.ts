import type { Db } from '../../db/client.js';
import { createAllocationsRepo } from '../../db/allocations-repo.js';
import { createAuditRepo } from '../../db/audit-repo.js';
import type { FeedPrincipal } from '../../db/feed-keys-repo.js';
import { sql } from 'drizzle-orm';
import { createShipmentsRepo } from '../../db/shipments-repo.js';
import { recordShippedLines } from '../../db/shipped-lines-write.js';
import { resolveTracking } from '../../domain/carriers/index.js';
import { ConflictError, ValidationError } from '../../errors.js';
import { assertLeaseHolder } from './lease-guard.js';
import type { Queues } from '../../queue/producer.js';
import { jobIds } from '../../queue/job-ids.js';
import { enqueueFulfill, enqueueStockJobs } from '../../queue/producers.js';
import { lockFeedAllocation } from './lock-allocation.js';
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
  /** required while the allocation is leased and not acknowledged */
  leaseToken?: string;
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
export async function recordShipment(
  deps: { db: Db; queues: Queues; customers?: CustomerEmailDeps },
  input: ShipmentInput,
): Promise<ShipmentResult> {
  const emails: OutboxRow[] = [];
  if (input.lines.length === 0) throw new ValidationError('a shipment needs at least one line');
  const result = await deps.db.transaction(async (tx) => {
    const repo = createAllocationsRepo(tx);
    // the same lock order as routing, hold and cancel: a cancellation in flight is seen, not raced
    const current = await lockFeedAllocation(tx, input.who, input.allocationId);
    const a = current;
    const shipmentsRepo = createShipmentsRepo(tx);
    const existing = await shipmentsRepo.byIdempotencyKey(input.who.shopId, a.id, input.idempotencyKey);
    if (existing)
      return {
        shipmentId: existing.id,
        created: false,
        allocationStatus: current.status,
        carrier: existing.carrier,
        trackingUrls: existing.trackingUrls,
      };
    if (!['ready', 'leased', 'acknowledged', 'partially_shipped', 'cancel_requested'].includes(current.status)) {
      throw new ConflictError(`allocation is ${current.status}; a shipment cannot be recorded`, {
        status: current.status,
      });
    }
    assertLeaseHolder(current, input.leaseToken, new Date());
    const lines = await repo.lines(input.who.shopId, [a.id]);
    const problems: string[] = [];
    const wanted = new Map<number, number>();
    for (const l of input.lines) wanted.set(l.lineId, (wanted.get(l.lineId) ?? 0) + l.quantity);
    for (const [lineId, q] of wanted) {
      const line = lines.find((x) => x.id === lineId);
      if (!line) problems.push(`line ${lineId} is not part of allocation ${a.id}`);
      else if (q > line.quantity - line.shippedQuantity)
        problems.push(`line ${lineId}: ${q} shipped but only ${line.quantity - line.shippedQuantity} left to ship`);
    }
    if (problems.length)
      throw new ValidationError('the shipment exceeds the allocation', problems, 'shipment_exceeds_allocation', 422);

    const tracking = input.trackingNumbers.map((n) =>
      resolveTracking({ carrierName: input.carrier ?? undefined, number: n, url: input.trackingUrl ?? undefined }),
    );
    const shipment = await shipmentsRepo.create(input.who.shopId, {
      allocationId: a.id,
      idempotencyKey: input.idempotencyKey,
      carrier: tracking[0]?.company ?? input.carrier,
      trackingNumbers: input.trackingNumbers,
      trackingUrls: tracking.map((t) => t.url).filter((u): u is string => !!u),
      shippedAt: input.shippedAt,
    });
    await recordShippedLines(tx, input.who.shopId, {
      shipmentId: shipment.id,
      warehouseId: a.warehouseId,
      lines: [...wanted].map(([lineId, quantity]) => ({
        lineId,
        skuId: lines.find((x) => x.id === lineId)!.skuId,
        quantity,
      })),
    });
    // the allocation is locked: its lines are what was read above, plus this parcel
    const done = lines.every((l) => l.shippedQuantity + (wanted.get(l.id) ?? 0) >= l.quantity);
    const status = done ? 'shipped' : 'partially_shipped';
    // the stock moved above is rolled back unless the allocation really moved on
    if (
      !(await repo.transition(input.who.shopId, a.id, [current.status], status, { leaseUntil: null, leaseToken: null }))
    ) {
      throw new ConflictError(`allocation changed while the shipment was recorded; try again`);
    }
    await refreshOrderShippingStatus(tx, input.who.shopId, a.orderId);
    // the customer's page exists from the first parcel; the shipping e-mail is decided with the shipment
    const page = await createTrackingPagesRepo(tx).ensure(input.who.shopId, a.orderId);
    if (deps.customers) {
      const decided = await enqueueCustomerEmail(
        { db: tx, appUrl: deps.customers.appUrl, appCanSend: deps.customers.appCanSend },
        {
          shopId: input.who.shopId,
          shipmentId: shipment.id,
          kind: 'shipped',
          freshShipment: true,
          pageToken: page.token,
        },
      );
      if (decided.outcome === 'decided') emails.push(decided.row);
    }
    await createAuditRepo(tx).record(
      input.who.shopId,
      'order',
      String(a.orderId),
      'shipped',
      `warehouse:${a.warehouseId}`,
      {
        allocationId: a.id,
        shipmentId: shipment.id,
        carrier: shipment.carrier,
        trackingNumbers: shipment.trackingNumbers,
        trackingUrls: shipment.trackingUrls,
        units: [...wanted.values()].reduce((x, y) => x + y, 0),
      },
    );
    return {
      shipmentId: shipment.id,
      created: true,
      allocationStatus: status,
      carrier: shipment.carrier,
      trackingUrls: shipment.trackingUrls,
    };
  });
  if (result.created) {
    await enqueueFulfill(
      deps.queues,
      { shopId: input.who.shopId, shipmentId: result.shipmentId },
      jobIds.fulfill.shipment(result.shipmentId),
    );
    await enqueueStockJobs(deps.queues, input.who.shopId);
    if (deps.customers) await queueEmailJobs(deps.customers, emails);
  }
  return result;
}

/**
 * shipped when every live allocation shipped (and nothing waits on backorder), partially shipped
 * when some did; a cancelled order stays cancelled. One statement.
 */
async function refreshOrderShippingStatus(
  tx: Parameters<Parameters<Db['transaction']>[0]>[0],
  shopId: number,
  orderId: number,
) {
  await tx.execute(sql`
    update orders o set status = x.status, updated_at = now()
    from (
      select case when bool_and(a.status = 'shipped') and min(o2.status) <> 'backordered' then 'shipped'
                  when bool_or(a.status in ('shipped', 'partially_shipped')) then 'partially_shipped'
                  else min(o2.status) end as status
      from orders o2
      join allocations a on a.order_id = o2.id and a.shop_id = o2.shop_id and a.status not in ('cancelled', 'rejected')
      where o2.shop_id = ${shopId} and o2.id = ${orderId}
    ) x
    where o.shop_id = ${shopId} and o.id = ${orderId} and o.status <> 'cancelled' and x.status is not null
      and o.status <> x.status`);
}
