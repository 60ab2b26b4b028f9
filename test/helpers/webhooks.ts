import { randomUUID } from 'node:crypto';
import { signBody } from '../../core/integrations/shopify/hmac.js';

export interface SignedWebhookOptions {
  topic?: string;
  shop?: string;
  eventId?: string;
  secret?: string;
  hmac?: string | null;
  url?: string;
}

/** An `app.inject` request shaped like a Shopify delivery, signed with the app secret. */
export function signedWebhook(body: string | object, opts: SignedWebhookOptions = {}) {
  const payload = typeof body === 'string' ? body : JSON.stringify(body);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-shopify-topic': opts.topic ?? 'orders/create',
    'x-shopify-shop-domain': opts.shop ?? 'test-shop.myshopify.com',
    'x-shopify-api-version': '2026-07',
    'x-shopify-webhook-id': randomUUID(),
    'x-shopify-event-id': opts.eventId ?? randomUUID(),
    'x-shopify-triggered-at': new Date().toISOString(),
  };
  if (opts.hmac !== null)
    headers['x-shopify-hmac-sha256'] = opts.hmac ?? signBody(payload, opts.secret ?? 'demo-api-secret');
  return { method: 'POST' as const, url: opts.url ?? '/webhooks', headers, payload };
}
