import { randomBytes } from 'node:crypto';
import type { Clock } from '../core/clock.js';

/** An Admin API access token the simulator issued. */
export interface AccessTokenRecord {
  token: string;
  shop: string;
  kind: 'offline' | 'online';
  scope: string;
  expiresAt: number | null;
  userId: number | null;
  revoked: boolean;
}

/** A refresh token of an expiring offline token. */
export interface RefreshTokenRecord {
  token: string;
  shop: string;
  scope: string;
  expiresAt: number;
  /** When it was first used to refresh. */
  firstUsedAt: number | null;
  /** The token this one replaced; using this one retires it. */
  predecessor: string | null;
  retired: boolean;
}

/** Lifetimes of issued tokens, in seconds. */
export interface TokenLifetimes {
  offline: number;
  online: number;
  refresh: number;
}

/** The JSON body of POST /admin/oauth/access_token. */
export interface AccessTokenResponse {
  access_token: string;
  scope: string;
  expires_in?: number;
  refresh_token?: string;
  refresh_token_expires_in?: number;
  associated_user_scope?: string;
  associated_user?: {
    id: number;
    first_name: string;
    last_name: string;
    email: string;
    email_verified: boolean;
    account_owner: boolean;
    locale: string;
    collaborator: boolean;
  };
}

const GRACE_MS = 30 * 86_400_000;

function token(prefix: string): string {
  return `${prefix}${randomBytes(16).toString('hex')}`;
}

/** Why a refresh failed. */
export type RefreshFailure = 'unknown' | 'expired' | 'retired';

/** Issues, checks, refreshes and revokes tokens. */
export interface TokenStore {
  issueOffline(shop: string, scope: string, expiring: boolean): AccessTokenResponse;
  issueOnline(shop: string, scope: string, userId: number, locale: string): AccessTokenResponse;
  refresh(
    refreshToken: string,
  ): { ok: true; shop: string; response: AccessTokenResponse } | { ok: false; reason: RefreshFailure };
  /** The record of a usable token, or null when unknown, expired or revoked. */
  check(accessToken: string): AccessTokenRecord | null;
  revokeShop(shop: string): void;
  /** Makes a token expire now (tests). */
  expire(accessToken: string): boolean;
  refreshRecord(token: string): RefreshTokenRecord | undefined;
  tokensOf(shop: string): AccessTokenRecord[];
}

export function createTokenStore(clock: Clock, lifetimes: () => TokenLifetimes): TokenStore {
  const access = new Map<string, AccessTokenRecord>();
  const refreshTokens = new Map<string, RefreshTokenRecord>();

  const offline = (shop: string, scope: string, expiring: boolean, predecessor: string | null): AccessTokenResponse => {
    const now = clock.now();
    const life = lifetimes();
    const rec: AccessTokenRecord = {
      token: token('shpat_'),
      shop,
      kind: 'offline',
      scope,
      expiresAt: expiring ? now + life.offline * 1000 : null,
      userId: null,
      revoked: false,
    };
    access.set(rec.token, rec);
    if (!expiring) return { access_token: rec.token, scope };
    const r: RefreshTokenRecord = {
      token: token('shprt_'),
      shop,
      scope,
      expiresAt: now + life.refresh * 1000,
      firstUsedAt: null,
      predecessor,
      retired: false,
    };
    refreshTokens.set(r.token, r);
    return {
      access_token: rec.token,
      scope,
      expires_in: life.offline,
      refresh_token: r.token,
      refresh_token_expires_in: life.refresh,
    };
  };

  return {
    issueOffline: (shop, scope, expiring) => offline(shop, scope, expiring, null),
    issueOnline(shop, scope, userId, locale) {
      const life = lifetimes();
      const rec: AccessTokenRecord = {
        token: token('shpua_'),
        shop,
        kind: 'online',
        scope,
        expiresAt: clock.now() + life.online * 1000,
        userId,
        revoked: false,
      };
      access.set(rec.token, rec);
      return {
        access_token: rec.token,
        scope,
        expires_in: life.online,
        associated_user_scope: scope,
        associated_user: {
          id: userId,
          first_name: 'Staff',
          last_name: `User ${userId}`,
          email: `staff${userId}@example.com`,
          email_verified: true,
          account_owner: userId === 1,
          locale,
          collaborator: false,
        },
      };
    },
    refresh(refreshToken) {
      const r = refreshTokens.get(refreshToken);
      if (!r) return { ok: false, reason: 'unknown' };
      const now = clock.now();
      if (r.retired) return { ok: false, reason: 'retired' };
      if (now >= r.expiresAt || (r.firstUsedAt !== null && now >= r.firstUsedAt + GRACE_MS))
        return { ok: false, reason: 'expired' };
      if (r.firstUsedAt === null) r.firstUsedAt = now;
      // using a replacement retires the token it replaced
      if (r.predecessor) {
        const prev = refreshTokens.get(r.predecessor);
        if (prev) prev.retired = true;
      }
      return { ok: true, shop: r.shop, response: offline(r.shop, r.scope, true, r.token) };
    },
    check(accessToken) {
      const rec = access.get(accessToken);
      if (!rec || rec.revoked) return null;
      if (rec.expiresAt !== null && clock.now() >= rec.expiresAt) return null;
      return rec;
    },
    revokeShop(shop) {
      for (const rec of access.values()) if (rec.shop === shop) rec.revoked = true;
      for (const r of refreshTokens.values()) if (r.shop === shop) r.retired = true;
    },
    expire(accessToken) {
      const rec = access.get(accessToken);
      if (!rec) return false;
      rec.expiresAt = clock.now();
      return true;
    },
    refreshRecord: (t) => refreshTokens.get(t),
    tokensOf: (shop) => [...access.values()].filter((a) => a.shop === shop),
  };
}
