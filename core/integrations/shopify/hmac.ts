import { createHmac, timingSafeEqual } from 'node:crypto';

/** base64 HMAC-SHA256 of the raw bytes, as Shopify signs webhooks and fulfillment-service callbacks. */
export function signBody(body: Buffer | string, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('base64');
}

/**
 * Constant-time check of `X-Shopify-Hmac-Sha256` over the raw bytes, against the current secret
 * and, during a rotation, the previous one.
 */
export function verifyBodyHmac(body: Buffer, header: string | undefined, secrets: readonly string[]): boolean {
  if (!header) return false;
  const given = Buffer.from(header, 'utf8');
  let ok = false;
  for (const secret of secrets) {
    const expected = Buffer.from(signBody(body, secret), 'utf8');
    // compare every secret so timing does not reveal which one matched
    if (expected.length === given.length && timingSafeEqual(expected, given)) ok = true;
  }
  return ok;
}
