import { render } from '@react-email/render';
import type { ReactElement } from 'react';
import type { Brand, ReturnEmailData, ShipmentEmailData, StockDigestData } from '../email-data.js';
import type { EmailKind, EmailLanguage, ReturnEmailKind } from '../kinds.js';
import { formatDate, say } from '../messages.js';
import { ReturnEmail } from './return-email.js';
import { ShipmentEmail } from './shipment-email.js';
import { StockDigestEmail } from './stock-digest-email.js';

/** The template input each kind takes. */
export interface EmailDataByKind {
  shipped: ShipmentEmailData;
  out_for_delivery: ShipmentEmailData;
  delivered: ShipmentEmailData;
  delayed: ShipmentEmailData;
  return_requested: ReturnEmailData;
  return_approved: ReturnEmailData;
  return_declined: ReturnEmailData;
  return_refunded: ReturnEmailData;
  stock_digest: StockDigestData;
}

interface Template<D> {
  subject(data: D, lang: EmailLanguage): string;
  element(data: D, brand: Brand, lang: EmailLanguage): ReactElement;
}

const shipment = (kind: 'shipped' | 'out_for_delivery' | 'delivered' | 'delayed'): Template<ShipmentEmailData> => ({
  subject: (d, lang) => say(lang, `${kind}.subject`, { order: d.orderName }),
  element: (d, brand, lang) => <ShipmentEmail kind={kind} data={d} brand={brand} lang={lang} />,
});

const returnTemplate = (kind: ReturnEmailKind): Template<ReturnEmailData> => ({
  subject: (d, lang) => say(lang, `${kind}.subject`, { order: d.orderName, rma: d.rma }),
  element: (d, brand, lang) => <ReturnEmail kind={kind} data={d} brand={brand} lang={lang} />,
});

/** kind → template. Typed by the kind list, so a kind without a template does not compile. */
export const emailTemplates: { [K in EmailKind]: Template<EmailDataByKind[K]> } = {
  shipped: shipment('shipped'),
  out_for_delivery: shipment('out_for_delivery'),
  delivered: shipment('delivered'),
  delayed: shipment('delayed'),
  return_requested: returnTemplate('return_requested'),
  return_approved: returnTemplate('return_approved'),
  return_declined: returnTemplate('return_declined'),
  return_refunded: returnTemplate('return_refunded'),
  stock_digest: {
    subject: (d, lang) =>
      say(lang, 'digest.subject', { date: formatDate(lang, `${d.date}T12:00:00Z`, 'UTC'), count: d.openAlerts }),
    element: (d, brand, lang) => <StockDigestEmail data={d} brand={brand} lang={lang} />,
  },
};

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/** Subject, HTML and plain-text parts of one message. */
export async function renderEmail<K extends EmailKind>(
  kind: K,
  data: EmailDataByKind[K],
  brand: Brand,
  lang: EmailLanguage,
): Promise<RenderedEmail> {
  const template = emailTemplates[kind] as Template<EmailDataByKind[K]>;
  const element = template.element(data, brand, lang);
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { subject: template.subject(data, lang), html, text };
}
