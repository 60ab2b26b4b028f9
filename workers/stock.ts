import { recomputeReplenishment } from '../core/use-cases/recompute-replenishment.js';
import { kickChannelStock } from '../core/use-cases/kick-channel-stock.js';
import { syncInventory } from '../core/use-cases/sync-inventory.js';
import type { ProcessorDef } from './run-worker.js';

/** Pushes sellable quantities to the channels; one run per shop at a time takes every waiting change. */
export const inventorySyncProcessor: ProcessorDef<'inventory-sync'> = {
  concurrency: 4,
  async process(ctx, payload, job) {
    // marketplaces first and on their own jobs: Shopify failing here must not hold their stock back
    const channels = await kickChannelStock({ db: ctx.db, queues: ctx.queues, log: ctx.log }, { shopId: payload.shopId, changedAt: job.timestamp, full: payload.full });
    const shopify = await syncInventory({ db: ctx.db, shopify: ctx.shopify, log: ctx.log }, { shopId: payload.shopId, full: payload.full });
    return { ...shopify, channelPushesQueued: channels.queued };
  },
};

/** Recomputes replenishment and alerts: for the SKUs that moved, or the whole shop at night. */
export const alertsProcessor: ProcessorDef<'alerts'> = {
  concurrency: 2,
  async process(ctx, payload) {
    return recomputeReplenishment({ database: ctx.database, log: ctx.log }, { shopId: payload.shopId, full: payload.full });
  },
};
