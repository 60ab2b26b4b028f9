import type { Db } from '../../db/client.js';
import { createCustomerViewQueries } from '../../db/customer-view-queries.js';
import { createTrackingPagesRepo } from '../../db/tracking-pages-repo.js';
import type { DelayReason } from '../../domain/customers/delay.js';
import { pickEmailLanguage, type EmailLanguage } from '../../integrations/email/kinds.js';
import { brandOf } from './send-outbox-email.js';

/** What a customer's tracking page shows; no address, no e-mail, no price. */
export interface TrackingPageView {
  lang: EmailLanguage;
  /** the customer's return door, when the shop takes returns from its customers */
  returnUrl?: string;
  shop: { name: string; logoUrl: string | null; color: string; timezone: string };
  order: { name: string; placedAt: Date; status: string };
  items: { title: string; quantity: number }[];
  shipments: {
    carrier: string | null;
    trackingNumbers: string[];
    carrierUrl: string | null;
    status: string;
    shippedAt: Date;
    deliveredAt: Date | null;
    promisedDeliveryBy: Date | null;
    /** the promise while it still holds; unknown once it has passed */
    estimatedDelivery: Date | null;
    delay: DelayReason | null;
    events: { status: string; occurredAt: Date; description: string | null; location: string | null }[];
  }[];
}

/** The page behind a token, or null for an unknown or expired one. */
export async function loadTrackingPage(
  deps: { db: Db },
  input: { token: string; now?: Date },
): Promise<TrackingPageView | null> {
  const now = input.now ?? new Date();
  const page = await createTrackingPagesRepo(deps.db).byToken(input.token, now);
  if (!page) return null;
  const queries = createCustomerViewQueries(deps.db);
  const row = await queries.orderWithShop(page.shopId, page.orderId);
  if (!row || row.shop.status !== 'active') return null;
  const { order, shop } = row;
  const lines = await queries.shippingLines(shop.id, order.id);
  const parcels = await queries.parcels(shop.id, order.id);
  const events = parcels.length
    ? await queries.events(
        shop.id,
        parcels.map((p) => p.shipment.id),
      )
    : [];
  const brand = brandOf(shop);
  return {
    lang: pickEmailLanguage(order.customerLocale, shop.settings.language ?? shop.locale),
    shop: { name: brand.shopName, logoUrl: brand.logoUrl, color: brand.color, timezone: shop.timezone },
    order: { name: order.name, placedAt: order.placedAt, status: order.status },
    items: lines.filter((l) => l.quantity > 0),
    shipments: parcels.map(({ shipment: s, promisedDeliveryBy, delay, delayResolved }) => ({
      carrier: s.carrier,
      trackingNumbers: s.trackingNumbers,
      carrierUrl: s.trackingUrls[0] ?? null,
      status: s.status,
      shippedAt: s.shippedAt,
      deliveredAt: s.deliveredAt,
      promisedDeliveryBy,
      estimatedDelivery:
        s.status !== 'delivered' && promisedDeliveryBy && promisedDeliveryBy > now ? promisedDeliveryBy : null,
      delay: delay && !delayResolved ? delay : null,
      events: events
        .filter((e) => e.shipmentId === s.id)
        .map((e) => ({ status: e.status, occurredAt: e.occurredAt, description: e.description, location: e.location })),
    })),
  };
}
