import { errors as joseErrors, jwtVerify } from 'jose';

/** The claims of an App Bridge session token that the app relies on. */
export interface SessionTokenClaims {
  shop: string;
  userId: string | null;
  sessionId: string | null;
  exp: number;
}

export type SessionTokenCheck =
  | { ok: true; claims: SessionTokenClaims }
  | {
      ok: false;
      reason: 'malformed' | 'bad_signature' | 'expired' | 'not_yet_valid' | 'wrong_audience' | 'wrong_destination';
    };

/**
 * Verifies an App Bridge session token: HS256 with the app secret, `aud` = our client id,
 * `exp`/`nbf` within the allowed clock skew, and `dest` a *.myshopify.com shop that matches `iss`.
 */
export async function verifySessionToken(
  token: string,
  opts: { apiKey: string; secrets: string[]; clockSkewSeconds: number; now?: Date },
): Promise<SessionTokenCheck> {
  let lastReason: SessionTokenCheck = { ok: false, reason: 'bad_signature' };
  for (const secret of opts.secrets) {
    try {
      const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
        algorithms: ['HS256'],
        audience: opts.apiKey,
        clockTolerance: opts.clockSkewSeconds,
        currentDate: opts.now,
        requiredClaims: ['exp', 'nbf', 'dest', 'iss'],
      });
      const dest = typeof payload.dest === 'string' ? safeUrl(payload.dest) : null;
      const iss = typeof payload.iss === 'string' ? safeUrl(payload.iss) : null;
      if (
        !dest ||
        !/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/.test(dest.hostname) ||
        !iss ||
        iss.hostname !== dest.hostname
      ) {
        return { ok: false, reason: 'wrong_destination' };
      }
      return {
        ok: true,
        claims: {
          shop: dest.hostname,
          userId: payload.sub ?? null,
          sessionId: typeof payload.sid === 'string' ? payload.sid : null,
          exp: payload.exp!,
        },
      };
    } catch (e) {
      if (e instanceof joseErrors.JWTExpired) return { ok: false, reason: 'expired' };
      if (e instanceof joseErrors.JWTClaimValidationFailed) {
        if (e.claim === 'aud') return { ok: false, reason: 'wrong_audience' };
        if (e.claim === 'nbf') return { ok: false, reason: 'not_yet_valid' };
        return { ok: false, reason: 'malformed' };
      }
      if (e instanceof joseErrors.JWSSignatureVerificationFailed) {
        lastReason = { ok: false, reason: 'bad_signature' };
        continue;
      }
      return { ok: false, reason: 'malformed' };
    }
  }
  return lastReason;
}

function safeUrl(s: string): URL | null {
  try {
    return new URL(s);
  } catch {
    return null;
  }
}
