import { isIsoDate } from '../routing/calendar.js';

/** A cart attribute the checkout left on the order (Shopify's note_attributes / customAttributes). */
export interface CheckoutAttribute {
  name: string;
  value: string | null;
}

/** The attribute names delivery-date pickers write the promised date under (compared case- and separator-blind). */
const DELIVER_BY_NAMES = new Set([
  'deliverby',
  'deliverydate',
  'promiseddeliverydate',
  'promiseddate',
  'datedelivraison',
  'datedelivraisonsouhaitee',
]);

const squash = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

/**
 * The delivery date promised at checkout, as `YYYY-MM-DD`, read from the cart attributes a
 * delivery-date picker sets ("Delivery date", "deliver_by", "Date de livraison"...). Accepts an
 * ISO date or the date part of an ISO timestamp; anything else is no promise rather than a guess.
 */
export function promisedDeliveryDate(attributes: readonly CheckoutAttribute[]): string | null {
  for (const a of attributes) {
    if (!DELIVER_BY_NAMES.has(squash(a.name)) || !a.value) continue;
    const m = /^(\d{4}-\d{2}-\d{2})(?:$|T)/.exec(a.value.trim());
    if (m && isIsoDate(m[1]!)) return m[1]!;
  }
  return null;
}

/**
 * The service level the buyer chose at checkout, as one of the warehouses' level codes: the
 * shipping rate's code, else its title, matched against each level's code, then its name
 * (case- and accent-blind). A rate no warehouse names is no request: the order is routed on each
 * warehouse's first level for the zone, as before, rather than rejected everywhere.
 */
export function checkoutServiceLevel(
  shipping: { code: string | null; title: string | null },
  levels: readonly { code: string; name: string }[],
): string | null {
  const asked = [shipping.code, shipping.title].filter((s): s is string => !!s && squash(s) !== '').map(squash);
  for (const a of asked) {
    const hit = levels.find((l) => squash(l.code) === a) ?? levels.find((l) => squash(l.name) === a);
    if (hit) return hit.code;
  }
  return null;
}
