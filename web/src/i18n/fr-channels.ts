import type { enChannels } from './en-channels.js';
import type { Message } from './messages-en.js';

/** Page Canaux : comptes marketplace et état de leur synchronisation. */
export const frChannels: Record<keyof typeof enChannels, Message> = {
  'nav.channels': 'Canaux',
  'channels.subtitle': 'Comptes marketplace : commandes lues, suivi renvoyé, quantités vendables envoyées.',
  'channels.add': 'Connecter une marketplace',
  'channels.builtIn':
    'Votre boutique Shopify est le canal intégré : ses commandes arrivent par webhook, sans réglage ici.',
  'channels.emptyTitle': 'Aucune marketplace connectée',
  'channels.emptyBody':
    'Connectez une marketplace Mirakl (Fnac Darty, Carrefour, Leroy Merlin, Boulanger…) avec l’URL de son API vendeur et la clé API de votre boutique, ou votre compte vendeur Amazon avec ses identifiants Selling Partner API.',
  'channels.kind.mirakl': 'Mirakl',
  'channels.kind.amazon': 'Amazon',
  'channels.healthy': 'Synchronisé',
  'channels.failing': { one: 'En échec ({count} tentative)', other: 'En échec ({count} tentatives)' },
  'channels.waiting': 'Pas encore lu',
  'channels.lastSync': 'Dernière lecture des commandes',
  'channels.lastStockPush': 'Dernier envoi de stock',
  'channels.orderLag': 'Délai des commandes',
  'channels.stockLag': 'Délai du stock',
  'channels.seconds': { one: '{count} seconde', other: '{count} secondes' },
  'channels.lastError': 'Dernière erreur ({when})',
  'channels.limits': 'Limites d’appel respectées',
  'channels.everySeconds': 'au plus une fois toutes les {seconds} s',
  'channels.rate': '{rate} appels/s, rafales de {burst}',
  'channels.refused': { one: '{count} SKU refusé par {name}', other: '{count} SKU refusés par {name}' },
  'channels.refusedHelp':
    'Leur quantité n’a pas atteint la marketplace, qui peut encore afficher une quantité plus ancienne. Chacun est proposé de nouveau au prochain envoi de stock et quitte cette liste une fois accepté.',
  'channels.refusedSku': 'SKU',
  'channels.refusedMessage': 'Message de la marketplace',
  'channels.refusedQuantity': 'Quantité envoyée',
  'channels.refusedAt': 'Refusé le',
  'channels.refusedMore': 'Les {shown} plus récents sur {count}.',
  'channels.test': 'Tester la connexion',
  'channels.testOk': 'Connecté à {name}',
  'channels.testFailed': 'Échec de la connexion : {reason}',
  'channels.form.name': 'Nom de la marketplace',
  'channels.form.code': 'Code du canal',
  'channels.form.codeHelp':
    'Les commandes portent ce code ; les règles de routage peuvent le citer. Minuscules, chiffres et tirets.',
  'channels.form.url': 'URL de l’API vendeur',
  'channels.form.apiKey': 'Clé API de la boutique',
  'channels.form.apiKeyHelp': 'Dans le back-office vendeur, Paramètres utilisateur → Clé API. Stockée chiffrée.',
  'channels.form.kind': 'Marketplace',
  'channels.form.kindMirakl': 'Un opérateur Mirakl (Fnac Darty, Carrefour, Leroy Merlin…)',
  'channels.form.kindAmazon': 'Amazon (Selling Partner API)',
  'channels.form.marketplace': 'Marketplace Amazon',
  'channels.form.sellerId': 'Identifiant vendeur',
  'channels.form.sellerIdHelp': 'Seller Central → Paramètres → Informations sur le compte → Jeton de marchand.',
  'channels.form.clientId': 'Identifiant client LWA',
  'channels.form.clientSecret': 'Secret client LWA',
  'channels.form.refreshToken': 'Jeton d’actualisation',
  'channels.form.refreshTokenHelp':
    'Remis quand vous autorisez l’application dans Seller Central (commence par Atzr|). Stocké chiffré avec le secret client.',
  'channels.form.queueUrl': 'URL de la file SQS des notifications de commande',
  'channels.form.queueUrlHelp':
    'Là où Amazon envoie les notifications ORDER_CHANGE. Laissez vide pour lire les commandes par interrogation seulement (toutes les quelques minutes).',
  'channels.form.awsAccessKeyId': 'Identifiant de clé d’accès AWS pour la file',
  'channels.form.awsSecretAccessKey': 'Clé d’accès secrète AWS pour la file',
  'channels.form.awsKeysHelp':
    'Une clé IAM autorisée à recevoir et supprimer les messages de la file ci-dessus. Stockée chiffrée.',
  'channels.form.endpoint': 'Point d’accès de la Selling Partner API',
  'channels.form.lwaUrl': 'URL de jeton Login with Amazon',
  'channels.form.connect': 'Connecter',
  'channels.created': '{name} connecté ; ses premières commandes sont en cours de lecture',
};
