import { errors as joseErrors, jwtVerify } from 'jose';

/** The claims of a customer-account extension's session token that the app relies on. */
export interface CustomerTokenClaims {
  shop: string;
  /** `gid://shopify/Customer/<id>`; null when the buyer is not signed in (pre-authenticated order status page) */
  customerId: string | null;
}

export type CustomerTokenCheck =
  | { ok: true; claims: CustomerTokenClaims }
  | {
      ok: false;
      reason: 'malformed' | 'bad_signature' | 'expired' | 'not_yet_valid' | 'wrong_audience' | 'wrong_destination';
    };

const shopHost = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;
const customerGid = /^gid:\/\/shopify\/Customer\/\d{1,20}$/;

/**
 * Verifies the session token of a customer-account (or checkout) UI extension. It differs from
 * the admin one: HS256 with the app secret, `dest` is the bare shop host (no scheme, no `iss`),
 * the token lives five minutes, and `sub`, when present, is the customer's GID. Shopify's own
 * library skips the audience check for these tokens; here `aud`, when the token carries it, must
 * still be our client id, so a token minted for another app with a shared secret is refused.
 */
export async function verifyCustomerSessionToken(
  token: string,
  opts: { apiKey: string; secrets: string[]; clockSkewSeconds: number; now?: Date },
): Promise<CustomerTokenCheck> {
  let lastReason: CustomerTokenCheck = { ok: false, reason: 'bad_signature' };
  for (const secret of opts.secrets) {
    try {
      const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
        algorithms: ['HS256'],
        clockTolerance: opts.clockSkewSeconds,
        currentDate: opts.now,
        requiredClaims: ['exp', 'dest'],
      });
      if (
        payload.aud !== undefined &&
        payload.aud !== opts.apiKey &&
        !(Array.isArray(payload.aud) && payload.aud.includes(opts.apiKey))
      )
        return { ok: false, reason: 'wrong_audience' };
      // an admin token (dest https://…, with iss) is not a customer token
      if (typeof payload.dest !== 'string' || !shopHost.test(payload.dest) || payload.iss !== undefined)
        return { ok: false, reason: 'wrong_destination' };
      if (payload.sub !== undefined && !customerGid.test(payload.sub)) return { ok: false, reason: 'malformed' };
      return { ok: true, claims: { shop: payload.dest, customerId: payload.sub ?? null } };
    } catch (e) {
      if (e instanceof joseErrors.JWTExpired) return { ok: false, reason: 'expired' };
      if (e instanceof joseErrors.JWTClaimValidationFailed)
        return { ok: false, reason: e.claim === 'nbf' ? 'not_yet_valid' : 'malformed' };
      if (e instanceof joseErrors.JWSSignatureVerificationFailed) {
        lastReason = { ok: false, reason: 'bad_signature' };
        continue;
      }
      return { ok: false, reason: 'malformed' };
    }
  }
  return lastReason;
}
