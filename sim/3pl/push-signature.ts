import { timingSafeEqual } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** Why a push was refused, or that it is genuine. */
export type SignatureCheck =
  { ok: true; timestamp: number; id: string } | { ok: false; reason: 'missing' | 'malformed' | 'stale' | 'mismatch' };

/** The Standard Webhooks headers of a push, as received. */
export interface PushSignatureHeaders {
  'webhook-id'?: string;
  'webhook-timestamp'?: string;
  'webhook-signature'?: string;
}

/**
 * Checks a Standard Webhooks signature (standardwebhooks.com): `webhook-signature` holds
 * space-separated `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` entries (several while a
 * sender rotates its secret). The timestamp must lie within `toleranceSeconds` of the robot's
 * own clock either way, so a captured push cannot be replayed later. `whsec_` secrets are base64
 * keys, anything else raw bytes, as the sender treats them.
 */
export function verifyPushSignature(
  h: PushSignatureHeaders,
  rawBody: string,
  secret: string,
  nowSeconds: number,
  toleranceSeconds: number,
): SignatureCheck {
  const id = h['webhook-id'];
  const ts = h['webhook-timestamp'];
  const sig = h['webhook-signature'];
  if (!id || !ts || !sig) return { ok: false, reason: 'missing' };
  if (!/^\d{1,12}$/.test(ts)) return { ok: false, reason: 'malformed' };
  const candidates = sig
    .split(' ')
    .map((s) => s.split(',', 2))
    .filter(([v, b]) => v === 'v1' && b && /^[A-Za-z0-9+/]+=*$/.test(b))
    .map(([, b]) => Buffer.from(b!, 'base64'));
  if (candidates.length === 0) return { ok: false, reason: 'malformed' };
  const t = Number(ts);
  if (Math.abs(nowSeconds - t) > toleranceSeconds) return { ok: false, reason: 'stale' };
  const wh = /^whsec_(?:[A-Za-z0-9+/]{4})+(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(secret)
    ? new Webhook(secret)
    : new Webhook(secret, { format: 'raw' });
  const expected = Buffer.from(wh.sign(id, new Date(t * 1000), rawBody).split(',')[1]!, 'base64');
  const match = candidates.some((c) => c.length === expected.length && timingSafeEqual(c, expected));
  return match ? { ok: true, timestamp: t, id } : { ok: false, reason: 'mismatch' };
}
