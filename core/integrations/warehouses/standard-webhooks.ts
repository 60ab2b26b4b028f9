import { Webhook } from 'standardwebhooks';

/** The three Standard Webhooks headers of one signed message. */
export interface StandardWebhookHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/**
 * Signs a body the Standard Webhooks way (standardwebhooks.com, as ShipBob does): HMAC-SHA256
 * over `id.timestamp.body`. `whsec_` secrets are base64 keys; any other secret (the push secrets
 * merchants typed in) is used as raw bytes. With several secrets (a rotation's overlap) the
 * header carries one signature per secret, space-separated as the specification allows, so a
 * receiver holding either secret verifies the message.
 */
export function signStandardWebhook(
  secrets: string | string[],
  messageId: string,
  at: Date,
  body: string,
): StandardWebhookHeaders {
  const signatures = (Array.isArray(secrets) ? secrets : [secrets]).map((secret) =>
    signer(secret).sign(messageId, at, body),
  );
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': signatures.join(' '),
  };
}

function signer(secret: string): Webhook {
  return /^whsec_(?:[A-Za-z0-9+/]{4})+(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(secret)
    ? new Webhook(secret)
    : new Webhook(secret, { format: 'raw' });
}
