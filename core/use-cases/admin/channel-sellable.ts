import { createChannelAccountsRepo } from '../../db/channel-accounts-repo.js';
import type { Db } from '../../db/client.js';
import { createStockSettingsRepo } from '../../db/stock-settings-repo.js';
import { MARKETPLACE_DEFAULT_LAG_SECONDS } from '../push-channel-stock.js';
import { bufferUnits, SHOPIFY_DEFAULT_LAG_SECONDS } from '../sync-inventory.js';

/** What one channel may sell of a SKU now, and what it was last told. */
export interface ChannelSellable {
  channel: string;
  name: string;
  kind: 'shopify' | string;
  buffer: number;
  sellable: number;
  /** null for Shopify, whose levels the coalesced sync sets and the stock page shows per warehouse */
  lastPushed: number | null;
  lastPushedAt: Date | null;
}

/**
 * Sellable units of one SKU per channel, computed as the pushes compute them: free units across
 * the active warehouses minus that channel's buffer (fixed, percent, or measured lag × velocity).
 */
export async function channelSellableForSku(db: Db, shopId: number, skuId: number): Promise<ChannelSellable[]> {
  const repo = createChannelAccountsRepo(db);
  const { free, meanDaily } = await repo.freeStockOfSku(shopId, skuId);
  const { settings, measuredLag } = await createStockSettingsRepo(db).get(shopId);
  const accounts = await repo.listActive(shopId);
  const byAccount = await repo.pushedStockOfSku(shopId, skuId);
  const shopifyBuffer = bufferUnits(
    settings.buffers.shopify,
    free,
    meanDaily,
    measuredLag.shopify ?? SHOPIFY_DEFAULT_LAG_SECONDS,
  );
  return [
    {
      channel: 'shopify',
      name: 'Shopify',
      kind: 'shopify',
      buffer: shopifyBuffer,
      sellable: Math.max(0, free - shopifyBuffer),
      lastPushed: null,
      lastPushedAt: null,
    },
    ...accounts.map((a) => {
      const buffer = bufferUnits(
        settings.buffers[a.code] ?? settings.buffers[a.kind],
        free,
        meanDaily,
        measuredLag[a.code] ?? MARKETPLACE_DEFAULT_LAG_SECONDS,
      );
      const last = byAccount.get(a.id);
      return {
        channel: a.code,
        name: a.name,
        kind: a.kind,
        buffer,
        sellable: Math.max(0, free - buffer),
        lastPushed: last?.quantity ?? null,
        lastPushedAt: last?.pushedAt ?? null,
      };
    }),
  ];
}
