import { RequestedTokenType, type Session, type Shopify } from '@shopify/shopify-api';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { createSessionsRepo, type StoredSession } from '../../db/sessions-repo.js';
import { createShopsRepo, type Shop } from '../../db/shops-repo.js';
import type { TokenCipher } from '../../crypto/token-cipher.js';
import { IntegrationError, RetriableIntegrationError } from '../../errors.js';
import type { Logger } from '../../logger.js';

export interface ShopTokensDeps {
  db: Db;
  cipher: TokenCipher;
  api: Shopify;
  log: Logger;
  /** refresh this long before expiry */
  refreshMarginMs?: number;
}

const offlineId = (shop: string) => `offline_${shop}`;

function toStored(s: Session, shopId: number): StoredSession {
  return {
    id: s.id,
    shopId,
    isOnline: s.isOnline,
    scope: s.scope ?? null,
    accessToken: s.accessToken!,
    expiresAt: s.expires ?? null,
    refreshToken: s.refreshToken ?? null,
    refreshTokenExpiresAt: s.refreshTokenExpires ?? null,
    userId: s.onlineAccessInfo?.associated_user?.id?.toString() ?? null,
  };
}

/**
 * Offline access tokens per shop: obtained by token exchange on first use, stored sealed,
 * refreshed before they expire with one refresh per shop at a time (in this process and,
 * through an advisory lock, across processes), and the new refresh token always kept.
 */
export function createShopTokens(deps: ShopTokensDeps) {
  const margin = deps.refreshMarginMs ?? 5 * 60_000;
  const inFlight = new Map<string, Promise<string>>();
  // every GraphQL call needs the token: keep it in memory briefly instead of reading and decrypting it each time
  const cache = new Map<string, { token: string; until: number }>();
  const remember = (shop: string, token: string, expiresAt: Date | null) => {
    const until = Math.min(Date.now() + 60_000, expiresAt ? expiresAt.getTime() - margin : Infinity);
    if (until > Date.now()) cache.set(shop, { token, until });
  };
  const sessions = createSessionsRepo(deps.db, deps.cipher);

  async function refresh(shop: string): Promise<string> {
    return deps.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`refresh:${shop}`}, 0))`);
      const txSessions = createSessionsRepo(tx, deps.cipher);
      const current = await txSessions.load(offlineId(shop));
      if (!current)
        throw new IntegrationError(`shop ${shop} has no offline token`, 'shopify', { code: 'not_installed' });
      // another process may have refreshed while we waited for the lock
      if (!current.expiresAt || current.expiresAt.getTime() - Date.now() > margin) return current.accessToken;
      if (
        !current.refreshToken ||
        (current.refreshTokenExpiresAt && current.refreshTokenExpiresAt.getTime() < Date.now())
      ) {
        throw new IntegrationError(
          `offline token for ${shop} expired and cannot be refreshed; the merchant must open the app`,
          'shopify',
          { code: 'reauthorize' },
        );
      }
      try {
        const { session } = await deps.api.auth.refreshToken({ shop, refreshToken: current.refreshToken });
        await txSessions.save(toStored(session, current.shopId));
        deps.log.info({ shop, expiresAt: session.expires }, 'offline token refreshed');
        return session.accessToken!;
      } catch (e) {
        throw new RetriableIntegrationError(`token refresh for ${shop} failed: ${(e as Error).message}`, 'shopify');
      }
    });
  }

  return {
    /** First authenticated request of an installed shop: trade the session token for an offline token. */
    async installFromSessionToken(
      shopDomain: string,
      sessionToken: string,
      opts: { force?: boolean } = {},
    ): Promise<{ shop: Shop; installed: boolean }> {
      const shops = createShopsRepo(deps.db);
      const existing = await shops.byDomain(shopDomain);
      const known = existing?.status === 'active' && (await sessions.load(offlineId(shopDomain)));
      if (known && !opts.force) return { shop: existing, installed: false };
      const { session } = await deps.api.auth.tokenExchange({
        shop: shopDomain,
        sessionToken,
        requestedTokenType: RequestedTokenType.OfflineAccessToken,
        expiring: true,
      });
      const shop = await shops.activate(shopDomain);
      await sessions.save(toStored(session, shop.id));
      cache.delete(shopDomain);
      deps.log.info({ shop: shopDomain }, 'shop installed: offline token stored');
      return { shop, installed: !known };
    },

    /** Stores a token obtained another way (OAuth code grant in development). */
    async saveSession(shopDomain: string, session: Session): Promise<Shop> {
      cache.delete(shopDomain);
      const shop = await createShopsRepo(deps.db).activate(shopDomain);
      await sessions.save(toStored(session, shop.id));
      return shop;
    },

    /** A usable offline access token, refreshed if it is about to expire. */
    async accessToken(shop: string): Promise<string> {
      const hit = cache.get(shop);
      if (hit && hit.until > Date.now()) return hit.token;
      const current = await sessions.load(offlineId(shop));
      if (!current)
        throw new IntegrationError(`shop ${shop} has no offline token`, 'shopify', { code: 'not_installed' });
      if (!current.expiresAt || current.expiresAt.getTime() - Date.now() > margin) {
        remember(shop, current.accessToken, current.expiresAt);
        return current.accessToken;
      }
      let p = inFlight.get(shop);
      if (!p) {
        p = refresh(shop).finally(() => inFlight.delete(shop));
        inFlight.set(shop, p);
      }
      return p;
    },

    /** Forces the next call to refresh (after Shopify answered 401 to a token we thought valid). */
    async invalidate(shop: string): Promise<void> {
      cache.delete(shop);
      const current = await sessions.load(offlineId(shop));
      if (current?.refreshToken) await sessions.save({ ...current, expiresAt: new Date(0) });
    },
  };
}

export type ShopTokens = ReturnType<typeof createShopTokens>;
