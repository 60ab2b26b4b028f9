import { randomUUID } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';

/** Options for minting the JWT App Bridge hands the embedded UI. */
export interface SessionTokenOptions {
  /** Staff user id (sub). Default 1. */
  userId?: number | string;
  /** Lifetime in seconds; Shopify's is 60. */
  ttlSec?: number;
  /** Override the clock (ms). */
  nowMs?: number;
  /** Session id (sid); random when omitted. */
  sid?: string;
  /** Sign with another secret (to test rejection). */
  secret?: string;
  /** Another audience (to test rejection). */
  aud?: string;
  /** Another destination shop (to test rejection). */
  dest?: string;
}

/** Claims of a session token (App Bridge "ID token"). */
export interface SessionTokenClaims {
  iss: string;
  dest: string;
  aud: string;
  sub: string;
  exp: number;
  nbf: number;
  iat: number;
  jti: string;
  sid: string;
}

/** HS256 JWT signed with the app secret, claims as App Bridge issues them. */
export async function mintSessionToken(
  apiKey: string,
  apiSecret: string,
  shop: string,
  opts: SessionTokenOptions = {},
): Promise<string> {
  const now = Math.floor((opts.nowMs ?? Date.now()) / 1000);
  const dest = opts.dest ?? shop;
  return new SignJWT({
    iss: `https://${dest}/admin`,
    dest: `https://${dest}`,
    sid: opts.sid ?? randomUUID().replace(/-/g, ''),
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setAudience(opts.aud ?? apiKey)
    .setSubject(String(opts.userId ?? 1))
    .setIssuedAt(now)
    .setNotBefore(now)
    .setExpirationTime(now + (opts.ttlSec ?? 60))
    .setJti(randomUUID())
    .sign(new TextEncoder().encode(opts.secret ?? apiSecret));
}

/** Verifies a session token like Shopify's token endpoint: signature, aud, exp/nbf (10 s skew). */
export async function verifySessionToken(
  token: string,
  apiKey: string,
  apiSecret: string,
  nowMs: number,
): Promise<SessionTokenClaims | null> {
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(apiSecret), {
      algorithms: ['HS256'],
      audience: apiKey,
      currentDate: new Date(nowMs),
      clockTolerance: 10,
    });
    if (typeof payload.dest !== 'string' || typeof payload.sub !== 'string') return null;
    return payload as unknown as SessionTokenClaims;
  } catch {
    return null;
  }
}
