import type { Logger } from '../core/logger.js';
import type { ShopifySim } from '../sim/shopify/index.js';

const reasons = [
  'size_too_small',
  'size_too_large',
  'not_as_described',
  'defective',
  'damaged_in_transit',
  'changed_mind',
  'wrong_item',
] as const;

/**
 * Now and then a customer of the demo shop asks for a return, the way a real one does: from the
 * tracking page of a shipped order, through its return form (plain HTTP, no shortcut).
 */
export async function askForOneReturn(opts: {
  appUrl: string;
  sim: ShopifySim;
  shop: string;
  log: Logger;
  random: () => number;
}): Promise<string | null> {
  const token = await opts.sim.mintSessionToken(opts.shop);
  const admin = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${opts.appUrl}/api/admin${path}`, { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok) throw new Error(`GET ${path}: ${res.status}`);
    return (await res.json()) as T;
  };
  const shipped = (await admin<{ items: { id: number }[] }>('/orders?status=shipped,delivered&limit=50')).items;
  if (shipped.length === 0) return null;
  const order = shipped[Math.floor(opts.random() * shipped.length)]!;
  const detail = await admin<{ order: { trackingPageUrl: string | null } }>(`/orders/${order.id}`);
  const pageUrl = detail.order.trackingPageUrl;
  if (!pageUrl) return null;
  const formUrl = `${opts.appUrl}${new URL(pageUrl, opts.appUrl).pathname}/return`;
  const form = await fetch(formUrl, { headers: { 'accept-language': 'fr' } });
  if (!form.ok) return null;
  const names = [...(await form.text()).matchAll(/name="(qty_\d+)"/g)].map((m) => m[1]!);
  if (names.length === 0) return null;
  // some say it arrived damaged: the warehouse then finds a damaged unit now and then
  const reason = opts.random() < 0.25 ? 'damaged_in_transit' : reasons[Math.floor(opts.random() * reasons.length)]!;
  const body = new URLSearchParams({
    [names[Math.floor(opts.random() * names.length)]!]: '1',
    reason,
    note: reason === 'damaged_in_transit' ? 'Le colis est arrivé abîmé' : '',
  });
  const res = await fetch(formUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'fr' },
    body: body.toString(),
  });
  opts.log.debug({ status: res.status, order: order.id, reason }, 'demo customer asked for a return');
  return res.status === 201 ? reason : null;
}
