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
  'delivered.body':
    'The carrier says your parcel for order {order} was delivered. Not received? Reply to this e-mail and we will look into it.',
  'delayed.subject': 'Your order {order} is delayed',
  'delayed.preview': 'Your parcel is taking longer than planned.',
  'delayed.title': 'Your parcel is delayed',
  'delayed.body': 'We are sorry: your parcel for order {order} is taking longer than we promised.',
  'delayed.no_scan': 'The carrier has not scanned it since it left our warehouse.',
  'delayed.promise_passed': 'It has not arrived by the date we gave you.',
  'delayed.carrier_exception': 'The carrier reported a problem on the way.',
  'delayed.next':
    'We are following it with the carrier. The tracking page shows every update; reply to this e-mail if you have a question.',
  'return_requested.subject': 'We received your return request {rma}',
  'return_requested.preview': 'Your return request is recorded.',
  'return_requested.title': 'Return request received',
  'return_requested.body':
    'Thank you{name}: we received your return request {rma} for order {order}. We will tell you by e-mail once it is reviewed.',
  'return_approved.subject': 'Your return {rma} is approved',
  'return_approved.preview': 'Print your return slip and send the parcel.',
  'return_approved.title': 'Your return is approved',
  'return_approved.body': 'Good news{name}: your return {rma} for order {order} is approved.',
  'return_approved.steps':
    'Print the return slip, put it in the parcel with the items, and send it to the address below.',
  'return_approved.label': 'Use the prepaid label the shop provided: print it and stick it on the parcel.',
  'return_approved.slip': 'Print my return slip',
  'return_approved.labelLink': 'Download the prepaid label',
  'return_approved.address': 'Send the parcel to',
  'return_approved.noAddress': 'Reply to this e-mail and we will tell you where to send the parcel.',
  'return_declined.subject': 'Your return request {rma} was declined',
  'return_declined.preview': 'We could not accept your return request.',
  'return_declined.title': 'Return request declined',
  'return_declined.body': 'We are sorry{name}: we cannot accept your return request {rma} for order {order}.',
  'return_declined.final_sale': 'These items were sold as final sale and cannot be returned.',
  'return_declined.window_ended': 'The time allowed for returns on this order has ended.',
  'return_declined.other': 'The shop could not accept this return.',
  'return_declined.note': 'The shop’s note',
  'return_declined.next': 'If you have a question, reply to this e-mail.',
  'return_refunded.subject': 'Your refund for return {rma}',
  'return_refunded.preview': 'Your refund is on its way.',
  'return_refunded.title': 'Your return is refunded',
  'return_refunded.body': 'Good news{name}: we received your return {rma} for order {order} and refunded it.',
  'return_refunded.bodyReceived':
    'Good news{name}: your return {rma} for order {order} reached our warehouse and we refunded it. We are still checking the items.',
  'return_refunded.bodyBeforeReceipt':
    'Good news{name}: we refunded your return {rma} for order {order}. If you have not sent the items yet, please send them back as agreed.',
  'return_refunded.amount': 'Amount refunded',
  'return_refunded.delay': 'Depending on your bank, the money may take a few days to appear on your account.',
  'return.items': 'Returned items',
  'return.rma': 'Return number',
  'return.footer': 'You receive this e-mail because you asked {shop} for a return.',
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
  'shipped.partial':
    'Les autres articles de votre commande partent séparément ; vous recevrez un autre e-mail pour eux.',
  'out_for_delivery.subject': 'Votre commande {order} arrive aujourd’hui',
  'out_for_delivery.preview': 'Votre colis est en cours de livraison.',
  'out_for_delivery.title': 'En cours de livraison',
  'out_for_delivery.body':
    'Votre colis de la commande {order} est en cours de livraison et devrait vous parvenir aujourd’hui.',
  'delivered.subject': 'Votre commande {order} a été livrée',
  'delivered.preview': 'Votre colis a été livré.',
  'delivered.title': 'Livré',
  'delivered.body':
    'Le transporteur indique que votre colis de la commande {order} a été livré. Pas reçu ? Répondez à cet e-mail, nous nous en occupons.',
  'delayed.subject': 'Votre commande {order} a du retard',
  'delayed.preview': 'Votre colis met plus de temps que prévu.',
  'delayed.title': 'Votre colis a du retard',
  'delayed.body': 'Nous sommes désolés : votre colis de la commande {order} met plus de temps que promis.',
  'delayed.no_scan': 'Le transporteur ne l’a pas scanné depuis son départ de notre entrepôt.',
  'delayed.promise_passed': 'Il n’est pas arrivé à la date que nous vous avions indiquée.',
  'delayed.carrier_exception': 'Le transporteur a signalé un incident en route.',
  'delayed.next':
    'Nous suivons le colis avec le transporteur. La page de suivi montre chaque étape ; répondez à cet e-mail pour toute question.',
  'return_requested.subject': 'Nous avons reçu votre demande de retour {rma}',
  'return_requested.preview': 'Votre demande de retour est enregistrée.',
  'return_requested.title': 'Demande de retour reçue',
  'return_requested.body':
    'Merci{name} : nous avons bien reçu votre demande de retour {rma} pour la commande {order}. Nous vous écrirons dès qu’elle aura été examinée.',
  'return_approved.subject': 'Votre retour {rma} est accepté',
  'return_approved.preview': 'Imprimez votre bon de retour et envoyez le colis.',
  'return_approved.title': 'Votre retour est accepté',
  'return_approved.body': 'Bonne nouvelle{name} : votre retour {rma} pour la commande {order} est accepté.',
  'return_approved.steps':
    'Imprimez le bon de retour, glissez-le dans le colis avec les articles et envoyez-le à l’adresse ci-dessous.',
  'return_approved.label':
    'Utilisez l’étiquette prépayée fournie par la boutique : imprimez-la et collez-la sur le colis.',
  'return_approved.slip': 'Imprimer mon bon de retour',
  'return_approved.labelLink': 'Télécharger l’étiquette prépayée',
  'return_approved.address': 'Envoyez le colis à',
  'return_approved.noAddress': 'Répondez à cet e-mail et nous vous indiquerons où envoyer le colis.',
  'return_declined.subject': 'Votre demande de retour {rma} a été refusée',
  'return_declined.preview': 'Nous ne pouvons pas accepter votre demande de retour.',
  'return_declined.title': 'Demande de retour refusée',
  'return_declined.body':
    'Nous sommes désolés{name} : nous ne pouvons pas accepter votre demande de retour {rma} pour la commande {order}.',
  'return_declined.final_sale': 'Ces articles étaient vendus en vente finale et ne peuvent pas être retournés.',
  'return_declined.window_ended': 'Le délai de retour de cette commande est dépassé.',
  'return_declined.other': 'La boutique ne peut pas accepter ce retour.',
  'return_declined.note': 'Le mot de la boutique',
  'return_declined.next': 'Pour toute question, répondez à cet e-mail.',
  'return_refunded.subject': 'Votre remboursement pour le retour {rma}',
  'return_refunded.preview': 'Votre remboursement est en route.',
  'return_refunded.title': 'Votre retour est remboursé',
  'return_refunded.body':
    'Bonne nouvelle{name} : nous avons reçu votre retour {rma} pour la commande {order} et l’avons remboursé.',
  'return_refunded.bodyReceived':
    'Bonne nouvelle{name} : votre retour {rma} pour la commande {order} est arrivé à notre entrepôt et nous l’avons remboursé. Nous vérifions encore les articles.',
  'return_refunded.bodyBeforeReceipt':
    'Bonne nouvelle{name} : nous avons remboursé votre retour {rma} pour la commande {order}. Si vous n’avez pas encore envoyé les articles, merci de les renvoyer comme convenu.',
  'return_refunded.amount': 'Montant remboursé',
  'return_refunded.delay': 'Selon votre banque, l’argent peut mettre quelques jours à apparaître sur votre compte.',
  'return.items': 'Articles retournés',
  'return.rma': 'Numéro de retour',
  'return.footer': 'Vous recevez cet e-mail parce que vous avez demandé un retour à {shop}.',
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
  'digest.footer':
    'Vous recevez ce récapitulatif car il est activé dans les réglages de réapprovisionnement de l’application.',
};

export type MessageKey = keyof typeof en;
const dictionaries: Record<EmailLanguage, Record<MessageKey, string>> = { en, fr };

/** The sentence for `key` in `lang`, with `{placeholders}` filled. */
export function say(lang: EmailLanguage, key: MessageKey, vars: Record<string, string | number> = {}): string {
  return dictionaries[lang][key].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}

/** An amount in the reader's language ("36,00 €"). */
export function formatMoney(lang: EmailLanguage, amount: string, currency: string): string {
  return new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { style: 'currency', currency }).format(
    Number(amount),
  );
}

/** A date in the reader's language and the shop's time zone ("3 décembre 2026"). */
export function formatDate(lang: EmailLanguage, iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeZone }).format(
    new Date(iso),
  );
}
