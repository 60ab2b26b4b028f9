import { and, eq } from 'drizzle-orm';
import { sessions } from '../../drizzle/schema/index.js';
import type { TokenCipher } from '../crypto/token-cipher.js';
import type { DbOrTx } from './client.js';

/** A Shopify access token with its refresh data, in plaintext only in memory. */
export interface StoredSession {
  id: string;
  shopId: number;
  isOnline: boolean;
  scope: string | null;
  accessToken: string;
  expiresAt: Date | null;
  refreshToken: string | null;
  refreshTokenExpiresAt: Date | null;
  userId: string | null;
}

/** Sessions are sealed with AES-256-GCM on the way in and opened on the way out. */
export function createSessionsRepo(db: DbOrTx, cipher: TokenCipher) {
  return {
    async save(s: StoredSession): Promise<void> {
      const row = {
        id: s.id,
        shopId: s.shopId,
        isOnline: s.isOnline,
        scope: s.scope,
        accessTokenEnc: cipher.encrypt(s.accessToken),
        expiresAt: s.expiresAt,
        refreshTokenEnc: s.refreshToken ? cipher.encrypt(s.refreshToken) : null,
        refreshTokenExpiresAt: s.refreshTokenExpiresAt,
        userId: s.userId,
      };
      await db
        .insert(sessions)
        .values(row)
        .onConflictDoUpdate({ target: sessions.id, set: { ...row, updatedAt: new Date() } });
    },

    async load(id: string): Promise<StoredSession | undefined> {
      const [row] = await db.select().from(sessions).where(eq(sessions.id, id));
      if (!row) return undefined;
      const s: StoredSession = {
        id: row.id,
        shopId: row.shopId,
        isOnline: row.isOnline,
        scope: row.scope,
        accessToken: cipher.decrypt(row.accessTokenEnc),
        expiresAt: row.expiresAt,
        refreshToken: row.refreshTokenEnc ? cipher.decrypt(row.refreshTokenEnc) : null,
        refreshTokenExpiresAt: row.refreshTokenExpiresAt,
        userId: row.userId,
      };
      // key rotation: re-seal with the current key the first time an old one is read
      if (cipher.needsReseal(row.accessTokenEnc) || (row.refreshTokenEnc && cipher.needsReseal(row.refreshTokenEnc)))
        await this.save(s);
      return s;
    },

    async deleteForShop(shopId: number): Promise<void> {
      await db.delete(sessions).where(eq(sessions.shopId, shopId));
    },

    async hasOffline(shopId: number): Promise<boolean> {
      const rows = await db
        .select({ id: sessions.id })
        .from(sessions)
        .where(and(eq(sessions.shopId, shopId), eq(sessions.isOnline, false)));
      return rows.length > 0;
    },
  };
}
export type SessionsRepo = ReturnType<typeof createSessionsRepo>;
