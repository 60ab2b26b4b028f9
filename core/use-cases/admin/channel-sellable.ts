import { createChannelAccountsRepo, type ChannelAccountRow } from '../../db/channel-accounts-repo.js';
import type { Db } from '../../db/client.js';
import { createStockSettingsRepo, type StockSettings } from '../../db/stock-settings-repo.js';
import { marketplaceBuffer } from '../push-channel-stock.js';
import { bufferUnits, SHOPIFY_DEFAULT_LAG_SECONDS } from '../sync-inventory.js';

/** A channel the shop sells on: Shopify, then each active marketplace account. */
export interface SellingChannel {
  channel: string;
  name: string;
  kind: 'shopify' | string;
}

/** What one channel may sell of a SKU now. */
export interface ChannelFigure {
  channel: string;
  buffer: number;
  sellable: number;
}

/** What one channel may sell of a SKU now, and what it was last told. */
export interface ChannelSellable extends SellingChannel, ChannelFigure {
  /** null for Shopify, whose levels the coalesced sync sets and the stock page shows per warehouse */
  lastPushed: number | null;
  lastPushedAt: Date | null;
}

type FreeStock = { free: number; meanDaily: number; shopifyFree: number[] };

/**
 * Each channel's figure for one SKU, as the pushes compute it. Shopify is pushed per linked
 * location, each location's free units minus the buffer (sync-inventory); a marketplace gets the
 * free units of every active warehouse minus its buffer (push-channel-stock).
 */
function figures(
  settings: StockSettings,
  measuredLag: Record<string, number>,
  accounts: ChannelAccountRow[],
  s: FreeStock,
): ChannelFigure[] {
  const shopifyLag = measuredLag.shopify ?? SHOPIFY_DEFAULT_LAG_SECONDS;
  const perLocation = s.shopifyFree.map((free) => {
    const buffer = bufferUnits(settings.buffers.shopify, free, s.meanDaily, shopifyLag);
    return { buffer, sellable: Math.max(0, free - buffer) };
  });
  return [
    {
      channel: 'shopify',
      buffer: perLocation.reduce((n, l) => n + l.buffer, 0),
      sellable: perLocation.reduce((n, l) => n + l.sellable, 0),
    },
    ...accounts.map((a) => {
      const { buffer: rule, lag } = marketplaceBuffer(settings, measuredLag, a);
      const buffer = bufferUnits(rule, s.free, s.meanDaily, lag);
      return { channel: a.code, buffer, sellable: Math.max(0, s.free - buffer) };
    }),
  ];
}

const sellingChannels = (accounts: ChannelAccountRow[]): SellingChannel[] => [
  { channel: 'shopify', name: 'Shopify', kind: 'shopify' },
  ...accounts.map((a) => ({ channel: a.code, name: a.name, kind: a.kind })),
];

async function load(db: Db, shopId: number, skuIds: number[]) {
  const repo = createChannelAccountsRepo(db);
  const [stock, { settings, measuredLag }, accounts] = await Promise.all([
    repo.freeStockBySku(shopId, skuIds),
    createStockSettingsRepo(db).get(shopId),
    repo.listActive(shopId),
  ]);
  return {
    accounts,
    channels: sellingChannels(accounts),
    bySku: new Map(stock.map((s) => [s.skuId, figures(settings, measuredLag, accounts, s)])),
  };
}

/**
 * Sellable units of a page of SKUs on every channel, in one read of their stock: the channels,
 * and per SKU the figures in the same order.
 */
export async function channelSellableForSkus(
  db: Db,
  shopId: number,
  skuIds: number[],
): Promise<{ channels: SellingChannel[]; bySku: Map<number, ChannelFigure[]> }> {
  const { channels, bySku } = await load(db, shopId, skuIds);
  return { channels, bySku };
}

/**
 * Sellable units of one SKU per channel, computed as the pushes compute them: free units minus
 * that channel's buffer (fixed, percent, or measured lag × velocity), with what each
 * marketplace was last told.
 */
export async function channelSellableForSku(db: Db, shopId: number, skuId: number): Promise<ChannelSellable[]> {
  const { accounts, channels, bySku } = await load(db, shopId, [skuId]);
  const byAccount = await createChannelAccountsRepo(db).pushedStockOfSku(shopId, skuId);
  const figs = bySku.get(skuId) ?? [];
  return channels.map((c, i) => {
    // channels are Shopify, then the accounts in order
    const last = i === 0 ? undefined : byAccount.get(accounts[i - 1]!.id);
    return {
      ...c,
      buffer: figs[i]?.buffer ?? 0,
      sellable: figs[i]?.sellable ?? 0,
      lastPushed: last?.quantity ?? null,
      lastPushedAt: last?.pushedAt ?? null,
    };
  });
}
