import type { Db } from '../../db/client.js';
import { createAuditRepo } from '../../db/audit-repo.js';
import type { FeedPrincipal } from '../../db/feed-keys-repo.js';
import { createShipmentsRepo } from '../../db/shipments-repo.js';
import { resolveTracking } from '../../domain/carriers/index.js';
import { NotFoundError } from '../../errors.js';
import { jobIds } from '../../queue/job-ids.js';
import type { Queues } from '../../queue/producer.js';
import { enqueueFulfill } from '../../queue/producers.js';

/**
 * The 3PL corrects a parcel's tracking (relabelled, wrong number typed): the shipment takes the
 * new numbers and the channel's fulfillment is updated, not duplicated.
 */
export async function updateShipmentTracking(
  deps: { db: Db; queues: Queues },
  input: {
    who: FeedPrincipal;
    shipmentId: number;
    carrier: string | null;
    trackingNumbers: string[];
    trackingUrl: string | null;
  },
) {
  const out = await deps.db.transaction(async (tx) => {
    const shipmentsRepo = createShipmentsRepo(tx);
    const s = await shipmentsRepo.getWithAllocation(input.who.shopId, input.shipmentId);
    if (!s || s.warehouseId !== input.who.warehouseId) throw new NotFoundError('shipment');
    const tracking = input.trackingNumbers.map((n) =>
      resolveTracking({ carrierName: input.carrier ?? undefined, number: n, url: input.trackingUrl ?? undefined }),
    );
    const carrier = tracking[0]?.company ?? input.carrier;
    const urls = tracking.map((t) => t.url).filter((u): u is string => !!u);
    const changed =
      carrier !== s.shipment.carrier ||
      input.trackingNumbers.join() !== s.shipment.trackingNumbers.join() ||
      urls.join() !== s.shipment.trackingUrls.join();
    if (!changed) return { changed: false, carrier, trackingUrls: urls };
    await shipmentsRepo.setTracking(s.shipment.id, {
      carrier,
      trackingNumbers: input.trackingNumbers,
      trackingUrls: urls,
      pushStatus: s.shipment.fulfillmentExternalId ? 'pending' : s.shipment.pushStatus,
    });
    await createAuditRepo(tx).record(
      input.who.shopId,
      'order',
      String(s.orderId),
      'tracking_changed',
      `warehouse:${s.warehouseId}`,
      { shipmentId: s.shipment.id, before: s.shipment.trackingNumbers, after: input.trackingNumbers, carrier },
    );
    return { changed: true, carrier, trackingUrls: urls };
  });
  if (out.changed)
    await enqueueFulfill(
      deps.queues,
      { shopId: input.who.shopId, shipmentId: input.shipmentId },
      jobIds.fulfill.trackingChange(input.shipmentId, Date.now()),
    );
  return out;
}
