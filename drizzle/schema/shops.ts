import { boolean, index, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, ref, ts, updatedAt } from './columns.js';

/** Per-shop policy the merchant sets in Settings. */
export interface ShopSettings {
  routeUnpaidOrders: boolean;
  notifyCustomerFrom: 'shopify' | 'app';
  language: 'en' | 'fr';
  /** customer e-mails and the tracking page: the shop's logo (https URL) and brand colour (#rrggbb) */
  logoUrl?: string | null;
  brandColor?: string | null;
}

export const shops = pgTable(
  'shops',
  {
    id: id(),
    domain: text('domain').notNull(),
    name: text('name'),
    email: text('email'),
    currency: text('currency').notNull().default('EUR'),
    locale: text('locale').notNull().default('en'),
    timezone: text('timezone').notNull().default('UTC'),
    status: text('status', { enum: ['active', 'uninstalled'] })
      .notNull()
      .default('active'),
    settings: jsonb('settings')
      .$type<ShopSettings>()
      .notNull()
      .default({ routeUnpaidOrders: false, notifyCustomerFrom: 'shopify', language: 'en' }),
    installedAt: ts('installed_at').notNull().defaultNow(),
    uninstalledAt: ts('uninstalled_at'),
    redactedAt: ts('redacted_at'),
    /** reconciliation lists orders updated after this instant */
    reconcileCursor: ts('reconcile_cursor'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('shops_domain_uq').on(t.domain)],
);

/** Shopify access tokens; the token columns hold AES-256-GCM ciphertext, never plaintext. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    shopId: ref('shop_id')
      .notNull()
      .references(() => shops.id, { onDelete: 'cascade' }),
    isOnline: boolean('is_online').notNull().default(false),
    scope: text('scope'),
    accessTokenEnc: text('access_token_enc').notNull(),
    expiresAt: ts('expires_at'),
    refreshTokenEnc: text('refresh_token_enc'),
    refreshTokenExpiresAt: ts('refresh_token_expires_at'),
    userId: text('user_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('sessions_shop_idx').on(t.shopId)],
);
