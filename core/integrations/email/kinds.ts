/**
 * Every kind of e-mail the app sends, in one place. A kind is unique per subject in the outbox
 * (`email_outbox` (shop, subject_key, kind)), so each is sent at most once per shipment, order
 * or day. Customer kinds follow the shop's "notify customers from" choice and never go to
 * marketplace orders; merchant kinds go to the merchant.
 *
 * To add a kind: add it to the list below, give it a template
 * in templates/index.tsx (the registry is typed by this list, so a missing template fails the
 * build), and enqueue it with `enqueueCustomerEmail` (core/use-cases/customers/enqueue-customer-email.ts).
 */
export const shipmentEmailKinds = ['shipped', 'out_for_delivery', 'delivered', 'delayed'] as const;
/** A return's steps the customer hears about; one each per return (`return:<id>`). */
export const returnEmailKinds = ['return_requested', 'return_approved', 'return_declined', 'return_refunded'] as const;
export const customerEmailKinds = [...shipmentEmailKinds, ...returnEmailKinds] as const;
export const merchantEmailKinds = ['stock_digest'] as const;

export type ShipmentEmailKind = (typeof shipmentEmailKinds)[number];
export type ReturnEmailKind = (typeof returnEmailKinds)[number];
export type CustomerEmailKind = (typeof customerEmailKinds)[number];
export type MerchantEmailKind = (typeof merchantEmailKinds)[number];
export type EmailKind = CustomerEmailKind | MerchantEmailKind;

export const emailKinds: readonly EmailKind[] = [...customerEmailKinds, ...merchantEmailKinds];

export function isEmailKind(kind: string): kind is EmailKind {
  return (emailKinds as readonly string[]).includes(kind);
}

/** Languages the templates are written in; anything else falls back to the shop's. */
export const emailLanguages = ['en', 'fr'] as const;
export type EmailLanguage = (typeof emailLanguages)[number];

/**
 * The customer's locale first ("fr-CA" → fr), then the shop's language, then English.
 */
export function pickEmailLanguage(
  customerLocale: string | null | undefined,
  shopLanguage: string | null | undefined,
): EmailLanguage {
  for (const candidate of [customerLocale, shopLanguage]) {
    const lang = candidate?.trim().slice(0, 2).toLowerCase();
    if (lang && (emailLanguages as readonly string[]).includes(lang)) return lang as EmailLanguage;
  }
  return 'en';
}
