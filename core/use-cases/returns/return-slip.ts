import { toSVG } from 'bwip-js';
import type { Db } from '../../db/client.js';
import { getReturn } from './read-returns.js';

const esc = (s: string | null | undefined) =>
  (s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const words = {
  en: {
    title: 'Return slip',
    put: 'Put this slip in the parcel and send it to:',
    order: 'Order',
    qty: 'Qty',
    item: 'Item',
    reason: 'Reason',
    none: 'No warehouse accepts returns yet: contact the shop.',
  },
  fr: {
    title: 'Bon de retour',
    put: 'Glissez ce bon dans le colis et envoyez-le à :',
    order: 'Commande',
    qty: 'Qté',
    item: 'Article',
    reason: 'Motif',
    none: "Aucun entrepôt n'accepte encore les retours : contactez la boutique.",
  },
};

/**
 * The printable RMA slip: the RMA number as a Code 128 barcode (bwip-js, drawn as SVG on the
 * server so the page prints the same everywhere), the address of the returns warehouse, the lines.
 */
export async function returnSlipHtml(
  deps: { db: Db },
  shopId: number,
  returnId: number,
  lang: 'en' | 'fr',
): Promise<string> {
  const r = await getReturn(deps, shopId, returnId);
  const w = words[lang];
  const barcode = toSVG({
    bcid: 'code128',
    text: r.rma,
    includetext: true,
    textxalign: 'center',
    height: 14,
    scale: 3,
  });
  const a = r.warehouseAddress;
  const address = a
    ? [a.name, a.address1, [a.zip, a.city].filter(Boolean).join(' '), a.countryCode]
        .filter(Boolean)
        .map(esc)
        .join('<br>')
    : esc(w.none);
  const rows = r.lines
    .map(
      (l) =>
        `<tr><td>${l.quantity}</td><td>${esc(l.title || l.sku)}<br><small>${esc(l.sku)}</small></td><td>${esc(l.reason)}</td></tr>`,
    )
    .join('');
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${esc(w.title)} ${esc(r.rma)}</title>
<style>body{font:14px system-ui,sans-serif;margin:2rem;max-width:40rem}h1{font-size:1.4rem}.bc svg{width:22rem;height:auto}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ccc;padding:.4rem;text-align:left}
address{font-style:normal;border:2px solid #000;padding:1rem;margin:1rem 0;font-size:1.1rem}</style></head>
<body><h1>${esc(w.title)} · ${esc(r.rma)}</h1><div class="bc">${barcode}</div>
<p>${esc(w.order)} ${esc(r.orderName)}</p><p>${esc(w.put)}</p><address>${address}</address>
<table><thead><tr><th>${esc(w.qty)}</th><th>${esc(w.item)}</th><th>${esc(w.reason)}</th></tr></thead><tbody>${rows}</tbody></table></body></html>`;
}
