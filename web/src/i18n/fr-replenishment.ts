import type { Message } from './messages-en.js';
import type { enReplenishment } from './en-replenishment.js';

/** French: the Alerts page and the replenishment settings. */
export const frReplenishment: Record<keyof typeof enReplenishment, Message> = {
  'alerts.subtitle': 'Ce qui demande votre attention dans le stock, avec les chiffres derrière chaque alerte',
  'alerts.tab.open': 'Ouvertes',
  'alerts.tab.snoozed': 'Reportées',
  'alerts.tab.resolved': 'Résolues',
  'alerts.count.open': { one: '{count} alerte ouverte', other: '{count} alertes ouvertes' },
  'alerts.count.snoozed': { one: '{count} alerte reportée', other: '{count} alertes reportées' },
  'alerts.count.resolved': { one: '{count} alerte résolue', other: '{count} alertes résolues' },
  'alerts.empty.open': 'Aucune alerte de stock ouverte',
  'alerts.empty.open.body':
    'Une alerte apparaît ici quand un article descend à son point de commande, va s’épuiser, doit des unités aux clients, est en surstock ou ne se vend plus. Elles sont recalculées chaque nuit et à chaque mouvement de stock.',
  'alerts.empty.snoozed': 'Aucune alerte reportée',
  'alerts.empty.snoozed.body':
    'Reportez une alerte ouverte pour la mettre de côté quelques jours. À la fin du report, elle se rouvre d’elle-même.',
  'alerts.empty.resolved': 'Aucune alerte résolue pour l’instant',
  'alerts.empty.resolved.body':
    'Les alertes que vous résolvez, et celles dont la situation s’est rétablie d’elle-même, sont conservées ici. Une alerte résolue alors que la situation persiste revient comme nouvelle alerte au prochain recalcul.',
  'alerts.viewStock': 'Voir le stock',
  'settings.replenishment': 'Réapprovisionnement',
  'settings.replenishmentHelp':
    'Comment sont calculés les points de commande, les quantités à commander et les alertes de stock.',
  'settings.replenishmentBody': 'Niveau de service, délais, coût de commande, seuils d’alerte et réserves par canal.',
  'settings.replenishmentEdit': 'Modifier le réapprovisionnement',
  'repl.title': 'Réapprovisionnement',
  'repl.subtitle': 'Les chiffres derrière les points de commande, les quantités à commander et les alertes de stock',
  'repl.saved': 'Paramètres de réapprovisionnement enregistrés. Les points de commande sont recalculés.',
  'repl.saveFailed': 'Les paramètres de réapprovisionnement n’ont pas été enregistrés',
  'repl.section.service': 'Niveau de service',
  'repl.section.serviceHelp':
    'À quelle fréquence vous acceptez une rupture avant l’arrivée d’une livraison. Un niveau plus élevé garde plus de stock de sécurité.',
  'repl.serviceLevel': 'Niveau de service',
  'repl.serviceLevelHelp':
    'Facteur de sécurité z = {z} : la probabilité de ne pas tomber en rupture pendant un délai d’approvisionnement.',
  'repl.serviceLevelRange': 'Entre 50 % et 99,99 %.',
  'repl.section.leadTimes': 'Délais d’approvisionnement',
  'repl.section.leadTimesHelp':
    'Jours entre la commande au fournisseur et le stock disponible. Le délai d’un article l’emporte sur celui de son fournisseur, qui l’emporte sur le délai par défaut.',
  'repl.defaultLeadTime': 'Délai par défaut',
  'repl.defaultLeadTimeHelp': 'Pour les articles dont le fournisseur n’a pas de délai ci-dessous.',
  'repl.suppliers': 'Délai par fournisseur',
  'repl.suppliersEmpty': 'Aucun fournisseur n’a encore son propre délai.',
  'repl.supplierName': 'Fournisseur',
  'repl.supplierDays': 'Délai',
  'repl.supplierStd': 'Variabilité (σ)',
  'repl.supplierTwice': 'Ce fournisseur apparaît deux fois',
  'repl.addSupplier': 'Ajouter un fournisseur',
  'repl.removeSupplier': 'Retirer le fournisseur {name}',
  'repl.section.eoq': 'Quantité à commander',
  'repl.section.eoqHelp':
    'La quantité économique QEC = √(2DK/H) met en balance le coût d’une commande et le coût de possession du stock.',
  'repl.orderCost': 'Coût par commande (K)',
  'repl.orderCostHelp': 'Ce que coûte une commande fournisseur : traitement, transport, réception.',
  'repl.holdingRate': 'Coût de possession par an',
  'repl.holdingRateHelp': 'En part du coût unitaire (H) : stockage, capital immobilisé, démarque.',
  'repl.section.demand': 'Demande et classes',
  'repl.section.demandHelp':
    'Les ventes d’où viennent les moyennes, et le classement des articles en A, B et C selon le chiffre d’affaires.',
  'repl.demandWindow': 'Période de demande',
  'repl.demandWindowHelp':
    'La moyenne et la variabilité de la demande quotidienne viennent de ces derniers jours de ventes.',
  'repl.abcA': 'Classe A : première part du CA',
  'repl.abcB': 'Classe B : part suivante',
  'repl.abcC': 'Classe C : le reste',
  'repl.abcHelp':
    'Les articles sont classés par chiffre d’affaires ; ceux qui font la première part sont A, la part suivante B, le reste C.',
  'repl.section.thresholds': 'Seuils d’alerte',
  'repl.section.thresholdsHelp': 'Quand le stock est jugé trop important, ou dormant.',
  'repl.overstockDays': 'Surstock au-delà de',
  'repl.overstockDaysHelp': 'Jours de couverture au-delà desquels un article est en surstock.',
  'repl.deadStockDays': 'Stock dormant après',
  'repl.deadStockDaysHelp': 'Jours sans vente après lesquels le stock est dormant.',
  'repl.section.buffers': 'Réserves par canal',
  'repl.section.buffersHelp':
    'Les unités retenues sur ce que chaque canal de vente peut vendre, pour qu’une vente ne devance pas la prochaine mise à jour du stock.',
  'repl.bufferFor': 'Réserve pour {channel}',
  'repl.buffer.none': 'Aucune réserve',
  'repl.buffer.fixed': 'Nombre fixe d’unités',
  'repl.buffer.percent': 'Part du stock disponible',
  'repl.buffer.lag_velocity': 'Délai de synchro × vitesse de vente',
  'repl.buffer.none.help': 'Le canal peut vendre tout le disponible.',
  'repl.buffer.fixed.help': 'Le même nombre d’unités est retenu dans chaque entrepôt.',
  'repl.buffer.percent.help': 'Une part du disponible de chaque entrepôt est retenue, arrondie au-dessus.',
  'repl.buffer.lag_velocity.help':
    'Retient ce qui se vend pendant une mise à jour du stock (demande quotidienne × délai de synchro), et au moins le minimum.',
  'repl.bufferUnits': 'Unités retenues',
  'repl.bufferPercent': 'Part retenue',
  'repl.bufferMin': 'Au moins',
  'repl.lagMeasured': 'Délai de synchro mesuré : {lag} s.',
  'repl.lagUnmeasured': 'Délai de synchro pas encore mesuré.',
  'repl.section.digest': 'Récapitulatif quotidien',
  'repl.section.digestHelp': 'Un e-mail chaque matin avec les alertes levées depuis la veille.',
  'repl.digest': 'Envoyer un récapitulatif quotidien des alertes de stock',
  'repl.digestEmail': 'L’envoyer à',
  'repl.digestNote':
    'Le récapitulatif est envoyé dès que les e-mails de suivi sont en place pour votre boutique ; d’ici là, le réglage est conservé.',
};
