import type { EmailLanguage } from './kinds.js';

/** The words of every e-mail, per language. `{name}` placeholders are filled by `say`. */
const en = {
  'shipped.subject': 'Your order {order} is on its way',
  'shipped.preview': 'Your parcel left our warehouse.',
  'shipped.title': 'Your order is on its way',
  'shipped.body': 'Good news{name}: your parcel for order {order} has left our warehouse.',
  'shipped.partial': 'The remaining items of your order ship separately; you will get another e-mail for them.',
  'out_for_delivery.subject': 'Your order {order} arrives today',
  'out_for_delivery.preview': 'Your parcel is out for delivery.',
  'out_for_delivery.title': 'Out for delivery',
  'out_for_delivery.body': 'Your parcel for order {order} is out for delivery and should reach you today.',
  'delivered.subject': 'Your order {order} was delivered',
  'delivered.preview': 'Your parcel was delivered.',
  'delivered.title': 'Delivered',
  'delivered.body': 'The carrier says your parcel for order {order} was delivered. Not received? Reply to this e-mail and we will look into it.',
  'delayed.subject': 'Your order {order} is delayed',
  'delayed.preview': 'Your parcel is taking longer than planned.',
  'delayed.title': 'Your parcel is delayed',
  'delayed.body': 'We are sorry: your parcel for order {order} is taking longer than we promised.',
  'delayed.no_scan': 'The carrier has not scanned it since it left our warehouse.',
  'delayed.promise_passed': 'It has not arrived by the date we gave you.',
  'delayed.carrier_exception': 'The carrier reported a problem on the way.',
  'delayed.next': 'We are following it with the carrier. The tracking page shows every update; reply to this e-mail if you have a question.',
  'common.carrier': 'Carrier',
  'common.number': 'Tracking number',
  'common.promised': 'Expected by',
  'common.items': 'In this parcel',
  'common.track': 'Track my parcel',
  'common.carrierLink': 'Follow it on the carrier’s site',
  'common.footer': 'You receive this e-mail because you ordered from {shop}.',
  'digest.subject': 'Stock digest for {date}: {count} open alerts',
  'digest.preview': 'What needs reordering today.',
  'digest.title': 'Daily stock digest',
  'digest.body': '{count} open stock alerts on {date}.',
  'digest.none': 'No open stock alerts today.',
  'digest.sku': 'SKU',
  'digest.onHand': 'On hand',
  'digest.rop': 'Reorder point',
  'digest.cover': 'Days of cover',
  'digest.open': 'Open stock alerts',
  'digest.footer': 'You receive this digest because it is turned on in the app’s replenishment settings.',
};

const fr: Record<keyof typeof en, string> = {
  'shipped.subject': 'Votre commande {order} est en route',
  'shipped.preview': 'Votre colis a quitté notre entrepôt.',
  'shipped.title': 'Votre commande est en route',
  'shipped.body': 'Bonne nouvelle{name} : votre colis de la commande {order} a quitté notre entrepôt.',
  'shipped.partial': 'Les autres articles de votre commande partent séparément ; vous recevrez un autre e-mail pour eux.',
  'out_for_delivery.subject': 'Votre commande {order} arrive aujourd’hui',
  'out_for_delivery.preview': 'Votre colis est en cours de livraison.',
  'out_for_delivery.title': 'En cours de livraison',
  'out_for_delivery.body': 'Votre colis de la commande {order} est en cours de livraison et devrait vous parvenir aujourd’hui.',
  'delivered.subject': 'Votre commande {order} a été livrée',
  'delivered.preview': 'Votre colis a été livré.',
  'delivered.title': 'Livré',
  'delivered.body': 'Le transporteur indique que votre colis de la commande {order} a été livré. Pas reçu ? Répondez à cet e-mail, nous nous en occupons.',
  'delayed.subject': 'Votre commande {order} a du retard',
  'delayed.preview': 'Votre colis met plus de temps que prévu.',
  'delayed.title': 'Votre colis a du retard',
  'delayed.body': 'Nous sommes désolés : votre colis de la commande {order} met plus de temps que promis.',
  'delayed.no_scan': 'Le transporteur ne l’a pas scanné depuis son départ de notre entrepôt.',
  'delayed.promise_passed': 'Il n’est pas arrivé à la date que nous vous avions indiquée.',
  'delayed.carrier_exception': 'Le transporteur a signalé un incident en route.',
  'delayed.next': 'Nous suivons le colis avec le transporteur. La page de suivi montre chaque étape ; répondez à cet e-mail pour toute question.',
  'common.carrier': 'Transporteur',
  'common.number': 'Numéro de suivi',
  'common.promised': 'Livraison prévue le',
  'common.items': 'Dans ce colis',
  'common.track': 'Suivre mon colis',
  'common.carrierLink': 'Le suivre sur le site du transporteur',
  'common.footer': 'Vous recevez cet e-mail parce que vous avez commandé chez {shop}.',
  'digest.subject': 'Récapitulatif stock du {date} : {count} alertes ouvertes',
  'digest.preview': 'Ce qu’il faut réapprovisionner aujourd’hui.',
  'digest.title': 'Récapitulatif quotidien du stock',
  'digest.body': '{count} alertes de stock ouvertes le {date}.',
  'digest.none': 'Aucune alerte de stock ouverte aujourd’hui.',
  'digest.sku': 'SKU',
  'digest.onHand': 'En stock',
  'digest.rop': 'Point de commande',
  'digest.cover': 'Jours de couverture',
  'digest.open': 'Voir les alertes de stock',
  'digest.footer': 'Vous recevez ce récapitulatif car il est activé dans les réglages de réapprovisionnement de l’application.',
};

export type MessageKey = keyof typeof en;
const dictionaries: Record<EmailLanguage, Record<MessageKey, string>> = { en, fr };

/** The sentence for `key` in `lang`, with `{placeholders}` filled. */
export function say(lang: EmailLanguage, key: MessageKey, vars: Record<string, string | number> = {}): string {
  return dictionaries[lang][key].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}

/** A date in the reader's language and the shop's time zone ("3 décembre 2026"). */
export function formatDate(lang: EmailLanguage, iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeZone }).format(new Date(iso));
}
