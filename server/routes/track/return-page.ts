import type { CustomerReturnView } from '../../../core/use-cases/returns/customer-door.js';
import type { RequestReturnResult } from '../../../core/use-cases/returns/request-return.js';
import { returnReasons } from '../../../core/domain/returns/reasons.js';
import type { PageLanguage } from './page-messages.js';

const words = {
  en: {
    title: 'Return items from order {order}',
    pick: 'How many of each item do you send back?',
    reason: 'Why?',
    exchange: 'Instead of a refund',
    refund: 'Refund me',
    exchangeFor: 'Exchange for {title}',
    note: 'Anything to add (optional)',
    send: 'Ask for a return',
    nothing: 'Choose at least one item.',
    none: 'Nothing left to return on this order.',
    back: 'Back to tracking',
    existing: 'Your returns',
    approved:
      'Your return {rma} is approved. Print the slip the shop e-mails you, put it in the parcel and send it to the address on it.',
    review: 'Your return {rma} is registered. The shop will confirm it shortly.',
    refused: 'This return cannot be accepted: {why}',
    why: {
      customer_requests_off: 'the shop does not take returns online',
      window_ended: 'the return period has ended',
      no_lines: 'no item was chosen',
      line_not_returnable: 'an item is final sale or cannot be returned',
    } as Record<string, string>,
    reasons: {
      size_too_small: 'Too small',
      size_too_large: 'Too large',
      not_as_described: 'Not as described',
      defective: 'Defective',
      damaged_in_transit: 'Arrived damaged',
      wrong_item: 'Wrong item',
      changed_mind: 'Changed my mind',
      color: 'Colour',
      style: 'Style',
      other: 'Other',
    } as Record<string, string>,
    states: {
      requested: 'requested',
      approved: 'approved',
      declined: 'declined',
      in_transit: 'on its way',
      received: 'received',
      graded: 'checked',
      refunded: 'refunded',
      closed: 'closed',
    } as Record<string, string>,
  },
  fr: {
    title: 'Retourner des articles de la commande {order}',
    pick: 'Combien de chaque article renvoyez-vous ?',
    reason: 'Pourquoi ?',
    exchange: 'Au lieu d’un remboursement',
    refund: 'Me rembourser',
    exchangeFor: 'Échanger contre {title}',
    note: 'Un commentaire (facultatif)',
    send: 'Demander un retour',
    nothing: 'Choisissez au moins un article.',
    none: 'Plus rien à retourner sur cette commande.',
    back: 'Retour au suivi',
    existing: 'Vos retours',
    approved:
      'Votre retour {rma} est accepté. Imprimez le bon que la boutique vous envoie, glissez-le dans le colis et envoyez-le à l’adresse indiquée.',
    review: 'Votre retour {rma} est enregistré. La boutique va le confirmer rapidement.',
    refused: 'Ce retour ne peut pas être accepté : {why}',
    why: {
      customer_requests_off: 'la boutique ne prend pas les retours en ligne',
      window_ended: 'le délai de retour est dépassé',
      no_lines: 'aucun article choisi',
      line_not_returnable: 'un article est en vente finale ou ne peut pas être retourné',
    } as Record<string, string>,
    reasons: {
      size_too_small: 'Trop petit',
      size_too_large: 'Trop grand',
      not_as_described: 'Non conforme',
      defective: 'Défectueux',
      damaged_in_transit: 'Arrivé abîmé',
      wrong_item: 'Mauvais article',
      changed_mind: 'J’ai changé d’avis',
      color: 'Couleur',
      style: 'Style',
      other: 'Autre',
    } as Record<string, string>,
    states: {
      requested: 'demandé',
      approved: 'accepté',
      declined: 'refusé',
      in_transit: 'en route',
      received: 'reçu',
      graded: 'contrôlé',
      refunded: 'remboursé',
      closed: 'clos',
    } as Record<string, string>,
  },
};

const esc = (s: string | number | null | undefined) =>
  String(s ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
const fill = (s: string, vars: Record<string, string>) => s.replace(/\{(\w+)\}/g, (a, k: string) => vars[k] ?? a);

function shell(lang: PageLanguage, title: string, body: string): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex,nofollow"><title>${esc(title)}</title>
<style>body{font:16px system-ui,sans-serif;margin:0;background:#f4f4f5;color:#18181b}main{max-width:36rem;margin:0 auto;padding:1.5rem}.card{background:#fff;border-radius:12px;padding:1.2rem;margin:0 0 1rem}
label{display:block;margin:.6rem 0 .2rem}select,input,textarea{font:inherit;padding:.4rem;border:1px solid #a1a1aa;border-radius:6px}textarea{width:100%;box-sizing:border-box}button,.btn{display:inline-block;background:#18181b;color:#fff;border:0;border-radius:8px;padding:.6rem 1rem;font:inherit;text-decoration:none;margin-top:1rem}
.row{display:flex;justify-content:space-between;align-items:center;gap:1rem;padding:.4rem 0;border-bottom:1px solid #e4e4e7}.muted{color:#71717a;font-size:.9rem}.err{color:#b91c1c}</style></head><body><main>${body}</main></body></html>`;
}

/** The return form: a quantity per returnable item, one reason, a note. Plain HTML, no script. */
export function returnFormPage(lang: PageLanguage, token: string, v: CustomerReturnView, problem?: 'nothing'): string {
  const w = words[lang];
  const title = fill(w.title, { order: v.orderName });
  const existing = v.returns.length
    ? `<section class="card"><h2>${esc(w.existing)}</h2>${v.returns.map((r) => `<div class="row"><b>${esc(r.rma)}</b><span>${esc(w.states[r.state] ?? r.state)}</span></div>`).join('')}</section>`
    : '';
  const form =
    v.lines.length === 0
      ? `<p>${esc(w.none)}</p>`
      : `<form method="post" action="/t/${esc(token)}/return">
<p>${esc(w.pick)}</p>${problem ? `<p class="err">${esc(w.nothing)}</p>` : ''}
${v.lines.map((l) => `<div class="row"><label for="q${l.orderLineId}">${esc(l.title || l.sku)}<br><span class="muted">${esc(l.sku)}</span></label><select id="q${l.orderLineId}" name="qty_${l.orderLineId}">${Array.from({ length: l.returnable + 1 }, (_, n) => `<option value="${n}">${n}</option>`).join('')}</select></div>${exchangeChoice(w, l)}`).join('')}
<label for="reason">${esc(w.reason)}</label><select id="reason" name="reason">${returnReasons.map((r) => `<option value="${r}">${esc(w.reasons[r] ?? r)}</option>`).join('')}</select>
<label for="note">${esc(w.note)}</label><textarea id="note" name="note" rows="3" maxlength="500"></textarea>
<button type="submit">${esc(w.send)}</button></form>`;
  return shell(
    lang,
    title,
    `<h1>${esc(title)}</h1>${existing}<section class="card">${form}</section><a class="btn" href="/t/${esc(token)}">${esc(w.back)}</a>`,
  );
}

/** The exchange choice of a line that has other variants: a refund unless the customer picks one. */
function exchangeChoice(w: (typeof words)['en'], l: CustomerReturnView['lines'][number]): string {
  if (l.exchangeOptions.length === 0) return '';
  const id = `x${l.orderLineId}`;
  return `<div class="row"><label for="${id}" class="muted">${esc(w.exchange)}</label><select id="${id}" name="exch_${l.orderLineId}"><option value="">${esc(w.refund)}</option>${l.exchangeOptions.map((o) => `<option value="${o.id}">${esc(fill(w.exchangeFor, { title: o.title || o.sku }))} (${esc(o.sku)})</option>`).join('')}</select></div>`;
}

/** What became of the request: approved, waiting for the shop, or refused with the reason. */
export function returnResultPage(lang: PageLanguage, token: string, out: RequestReturnResult): string {
  const w = words[lang];
  const text = out.ok
    ? fill(out.decision === 'approve' ? w.approved : w.review, { rma: out.ret.rma ?? '' })
    : fill(w.refused, { why: w.why[out.reason] ?? out.reason });
  return shell(
    lang,
    out.ok ? (out.ret.rma ?? '') : w.send,
    `<section class="card"><h1>${esc(out.ok ? out.ret.rma : w.send)}</h1><p>${esc(text)}</p></section><a class="btn" href="/t/${esc(token)}">${esc(w.back)}</a>`,
  );
}
