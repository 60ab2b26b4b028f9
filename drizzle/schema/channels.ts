import { boolean, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { skus } from './catalog.js';
import { createdAt, id, ref, ts, updatedAt } from './columns.js';
import { shops } from './shops.js';

/** Marketplace families with an adapter; Shopify is the built-in channel and has no row here. */
export const channelKinds = ['mirakl', 'amazon'] as const;
export type ChannelKind = (typeof channelKinds)[number];

/** One carrier of a Mirakl operator's SH21 list. */
export interface OperatorCarrier {
  code: string;
  label: string;
}

/** What differs between accounts of one family; secrets are never here (see `credentialsEnc`). */
export type ChannelAccountSettings =
  | {
      kind: 'mirakl';
      carriers: OperatorCarrier[];
      pageSize: number;
      pollEveryMs: number;
      stockEveryMs?: number;
      shopId?: string | null;
    }
  | {
      kind: 'amazon';
      sellerId: string;
      marketplaceId: string;
      lwaUrl: string;
      queueUrl: string | null;
      pollEveryMs: number;
      /** least time between two searchOrders sweeps (default: the usage plan's one call per ~180 s) */
      sweepEveryMs?: number;
      pageSize?: number;
      /** SQS long-polling wait of a poll's first receive */
      waitTimeSeconds?: number;
      /** how long a received notification stays hidden: a poll that failed to read its order sees it again after this */
      visibilityTimeoutSeconds?: number;
      /** least time between two JSON_LISTINGS_FEED submissions (default: createFeed's one call per ~2 min) */
      feedEveryMs?: number;
      /** first wait before reading a submitted feed's status */
      feedPollMs?: number;
      /** how long a push waits for Amazon to process its feed */
      feedWaitMs?: number;
    };

/**
 * A merchant's account on a marketplace: an operator URL, credentials sealed with the token
 * cipher, the order cursor and the health the Channels page shows. `code` is what orders carry
 * in `orders.channel` and what routing rules name.
 */
export const channelAccounts = pgTable(
  'channel_accounts',
  {
    id: id(),
    shopId: ref('shop_id')
      .notNull()
      .references(() => shops.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: channelKinds }).notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    baseUrl: text('base_url').notNull(),
    credentialsEnc: text('credentials_enc').notNull(),
    settings: jsonb('settings').$type<ChannelAccountSettings>().notNull(),
    active: boolean('active').notNull().default(true),
    /** opaque to everything but the adapter: the high-water mark of the last complete order read */
    cursor: text('cursor'),
    lastSyncAt: ts('last_sync_at'),
    lastStockPushAt: ts('last_stock_push_at'),
    /** seconds between the oldest order change a poll picked up and the poll that got it */
    orderLagSeconds: integer('order_lag_seconds'),
    lastError: text('last_error'),
    lastErrorAt: ts('last_error_at'),
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('channel_accounts_shop_code_uq').on(t.shopId, t.code),
    index('channel_accounts_shop_idx').on(t.shopId),
  ],
);

/** The sellable quantity a channel account last accepted per SKU, so unchanged values are not sent again. */
export const channelStock = pgTable(
  'channel_stock',
  {
    shopId: ref('shop_id')
      .notNull()
      .references(() => shops.id, { onDelete: 'cascade' }),
    accountId: ref('account_id')
      .notNull()
      .references(() => channelAccounts.id, { onDelete: 'cascade' }),
    skuId: ref('sku_id')
      .notNull()
      .references(() => skus.id, { onDelete: 'cascade' }),
    quantity: integer('quantity').notNull(),
    pushedAt: ts('pushed_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.skuId] }), index('channel_stock_shop_idx').on(t.shopId)],
);

/**
 * The SKUs a channel account refused in its last quantity push, with the marketplace's reason
 * (an unknown SKU, a listing in another product type); a later accepted push of the SKU clears it.
 */
export const channelStockIssues = pgTable(
  'channel_stock_issues',
  {
    shopId: ref('shop_id')
      .notNull()
      .references(() => shops.id, { onDelete: 'cascade' }),
    accountId: ref('account_id')
      .notNull()
      .references(() => channelAccounts.id, { onDelete: 'cascade' }),
    skuId: ref('sku_id')
      .notNull()
      .references(() => skus.id, { onDelete: 'cascade' }),
    /** the quantity the refused push carried */
    quantity: integer('quantity').notNull(),
    message: text('message').notNull(),
    /** the marketplace's feed or submission id */
    reference: text('reference'),
    at: ts('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.skuId] }), index('channel_stock_issues_shop_idx').on(t.shopId)],
);
