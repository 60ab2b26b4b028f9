import type { ShipmentIntake } from '../../db/shipment-intake-read.js';
import type { ShipmentRecord } from '../../db/shipment-record-write.js';
import { trackingPageUrl } from '../../domain/customers/links.js';
import { effectiveSender, type CustomerSender } from '../../domain/customers/sender.js';
import type { ShipmentEmailData } from '../../integrations/email/email-data.js';
import { pickEmailLanguage } from '../../integrations/email/kinds.js';
import type { CustomerEmailDeps } from '../customers/customer-email-deps.js';

/**
 * The shipping e-mail of a parcel being recorded, decided as `enqueueCustomerEmail` decides a
 * fresh shipment's (the first decision fixes the sender; a marketplace order gets none), from
 * what the intake read: written with the shipment instead of read back after it. Its data lacks
 * only the tracking page link, which the write adds once the page exists.
 */
export function shippingEmail(
  customers: Pick<CustomerEmailDeps, 'appUrl' | 'appCanSend'>,
  intake: ShipmentIntake,
  parcel: {
    carrier: string | null;
    trackingNumbers: string[];
    trackingUrls: string[];
    shippedAt: Date;
    lines: { lineId: number; quantity: number }[];
  },
): ShipmentRecord['mail'] {
  const { order, shop } = intake;
  const chosen = effectiveSender({
    channel: order.channel,
    choice: (shop.notifyCustomerFrom ?? undefined) as CustomerSender | undefined,
    appCanSend: customers.appCanSend,
  });
  if (chosen === 'marketplace') return null;
  const items = parcel.lines.map((l) => ({
    title: intake.lines.find((x) => x.id === l.lineId)!.title,
    quantity: l.quantity,
  }));
  const data: Omit<ShipmentEmailData, 'trackingPageUrl'> = {
    orderName: order.name,
    customerName: order.shippingName?.split(' ')[0] ?? null,
    items,
    carrier: parcel.carrier,
    trackingNumbers: parcel.trackingNumbers,
    carrierUrl: parcel.trackingUrls[0] ?? null,
    shippedAt: parcel.shippedAt.toISOString(),
    promisedDeliveryBy: intake.allocation.promisedDeliveryBy?.toISOString() ?? null,
    partial: items.reduce((n, i) => n + i.quantity, 0) < order.orderedUnits,
  };
  const base = {
    kind: 'shipped',
    sender: chosen,
    toAddress: order.email,
    locale: pickEmailLanguage(order.customerLocale, shop.language ?? shop.locale),
    data,
    pageUrlPrefix: trackingPageUrl(customers.appUrl, ''),
  };
  // Shopify sends the shipping notice itself
  if (chosen === 'shopify') return { ...base, status: 'delegated', lastError: null };
  if (!order.email) return { ...base, status: 'skipped', lastError: 'the order has no customer e-mail address' };
  return { ...base, status: 'pending', lastError: null };
}
