/** The tracking page's words, per language. */
const en = {
  title: 'Order {order}',
  placed: 'Placed on {date}',
  items: 'Items',
  parcel: 'Parcel {n}',
  noParcel: 'Your order is being prepared. This page shows each parcel as soon as it leaves.',
  carrier: 'Carrier',
  number: 'Tracking number',
  promised: 'Promised by',
  estimated: 'Estimated delivery',
  deliveredOn: 'Delivered on {date}',
  carrierLink: 'Follow it on the carrier’s site',
  timeline: 'Timeline',
  'status.shipped': 'Shipped',
  'status.in_transit': 'In transit',
  'status.out_for_delivery': 'Out for delivery',
  'status.delivered': 'Delivered',
  'status.exception': 'Carrier incident',
  'delay.no_scan': 'Delayed: the carrier has not scanned this parcel since it left.',
  'delay.promise_passed': 'Delayed: this parcel has not arrived by the promised date.',
  'delay.carrier_exception': 'Delayed: the carrier reported a problem on the way.',
  notFoundTitle: 'Page not found',
  notFoundBody: 'This tracking link is wrong or has expired. Check the link in your shipping e-mail.',
  tooMany: 'Too many requests. Please try again in a minute.',
};
const fr: Record<keyof typeof en, string> = {
  title: 'Commande {order}',
  placed: 'Passée le {date}',
  items: 'Articles',
  parcel: 'Colis {n}',
  noParcel: 'Votre commande est en préparation. Cette page affiche chaque colis dès son départ.',
  carrier: 'Transporteur',
  number: 'Numéro de suivi',
  promised: 'Livraison promise le',
  estimated: 'Livraison estimée',
  deliveredOn: 'Livré le {date}',
  carrierLink: 'Le suivre sur le site du transporteur',
  timeline: 'Historique',
  'status.shipped': 'Expédié',
  'status.in_transit': 'En transit',
  'status.out_for_delivery': 'En cours de livraison',
  'status.delivered': 'Livré',
  'status.exception': 'Incident transporteur',
  'delay.no_scan': 'En retard : le transporteur n’a pas scanné ce colis depuis son départ.',
  'delay.promise_passed': 'En retard : ce colis n’est pas arrivé à la date promise.',
  'delay.carrier_exception': 'En retard : le transporteur a signalé un incident en route.',
  notFoundTitle: 'Page introuvable',
  notFoundBody: 'Ce lien de suivi est erroné ou a expiré. Vérifiez le lien de votre e-mail d’expédition.',
  tooMany: 'Trop de requêtes. Réessayez dans une minute.',
};

export type PageKey = keyof typeof en;
export type PageLanguage = 'en' | 'fr';

export function t(lang: PageLanguage, key: PageKey, vars: Record<string, string | number> = {}): string {
  return (lang === 'fr' ? fr : en)[key].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}

/** Accept-Language's first supported language, for pages that have no order to ask. */
export function languageFromHeader(header: string | undefined): PageLanguage {
  for (const part of (header ?? '').split(',')) {
    const lang = part.trim().slice(0, 2).toLowerCase();
    if (lang === 'fr' || lang === 'en') return lang;
  }
  return 'en';
}
