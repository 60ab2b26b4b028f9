import type { Db } from '../../db/client.js';
import type { FeedPrincipal } from '../../db/feed-keys-repo.js';
import { correctShipmentTracking } from '../../db/shipment-tracking-write.js';
import { resolveTracking } from '../../domain/carriers/index.js';
import { NotFoundError } from '../../errors.js';
import { jobIds } from '../../queue/job-ids.js';
import type { Queues } from '../../queue/producer.js';
import { enqueueFulfill } from '../../queue/producers.js';

/**
 * The 3PL corrects a parcel's tracking (relabelled, wrong number typed): the shipment takes the
 * new numbers and the channel's fulfillment is updated, not duplicated. One statement.
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
  const tracking = input.trackingNumbers.map((n) =>
    resolveTracking({ carrierName: input.carrier ?? undefined, number: n, url: input.trackingUrl ?? undefined }),
  );
  const carrier = tracking[0]?.company ?? input.carrier;
  const urls = tracking.map((t) => t.url).filter((u): u is string => !!u);
  const written = await correctShipmentTracking(deps.db, {
    shopId: input.who.shopId,
    warehouseId: input.who.warehouseId,
    shipmentId: input.shipmentId,
    carrier,
    trackingNumbers: input.trackingNumbers,
    trackingUrls: urls,
  });
  if (!written) throw new NotFoundError('shipment');
  const out = { changed: written.changed, carrier, trackingUrls: urls };
  if (out.changed)
    await enqueueFulfill(
      deps.queues,
      { shopId: input.who.shopId, shipmentId: input.shipmentId },
      jobIds.fulfill.trackingChange(input.shipmentId, Date.now()),
    );
  return out;
}
