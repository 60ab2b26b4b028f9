export const delayReasons = ['no_scan', 'promise_passed', 'carrier_exception'] as const;
export type DelayReason = (typeof delayReasons)[number];

/** What the delay job knows of one open shipment. */
export interface OpenShipment {
  status: 'shipped' | 'in_transit' | 'out_for_delivery' | 'delivered' | 'exception';
  shippedAt: Date;
  promisedDeliveryBy: Date | null;
  lastEventAt: Date | null;
}

/**
 * Why a shipment is late, or null: a carrier exception first, then a passed promise, then a
 * parcel nobody scanned within `noScanHours` of hand-over.
 */
export function delayReason(s: OpenShipment, now: Date, noScanHours: number): DelayReason | null {
  if (s.status === 'delivered') return null;
  if (s.status === 'exception') return 'carrier_exception';
  if (s.promisedDeliveryBy && s.promisedDeliveryBy.getTime() < now.getTime()) return 'promise_passed';
  if (!s.lastEventAt && now.getTime() - s.shippedAt.getTime() > noScanHours * 3_600_000) return 'no_scan';
  return null;
}
