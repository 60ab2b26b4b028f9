import { recomputeReplenishment } from '../core/use-cases/recompute-replenishment.js';
import { kickChannelStock } from '../core/use-cases/kick-channel-stock.js';
import { syncInventory } from '../core/use-cases/sync-inventory.js';
import { runInTurn, type ProcessorDef } from './run-worker.js';

/** Longer than any one shop's sync; a process that dies holding it delays that shop this long at most. */
const SYNC_LEASE_MS = 5 * 60_000;
/**
 * Runs of one shop start at most this often, so a long burst of stock changes still goes out
 * in few calls (the budget: one call per 250 changed quantities) and reaches Shopify within
 * a few seconds.
 */
const SYNC_SPACING_MS = 2_000;
const BUSY_RETRY_MS = 1_000;

/**
 * Pushes sellable quantities to the channels; one run per shop at a time takes every waiting
 * change. Two runs side by side would each read the stock at their own moment and the older
 * reading could land last at Shopify, so a run that finds the shop's lease taken waits its turn
 * (the job goes back to delayed, its attempts untouched) and then takes what is left; runs
 * are also spaced, which coalesces a long burst further than the one-second job windows.
 */
export const inventorySyncProcessor: ProcessorDef<'inventory-sync'> = {
  concurrency: 4,
  async process(ctx, payload, job, token) {
    return runInTurn(
      ctx,
      job,
      token,
      {
        key: `${ctx.config.redis.prefix}:invsync:${payload.shopId}`,
        ttlMs: SYNC_LEASE_MS,
        spacingMs: SYNC_SPACING_MS,
        retryMs: BUSY_RETRY_MS,
      },
      async () => {
        // marketplaces first and on their own jobs: Shopify failing here must not hold their stock back
        const channels = await kickChannelStock(
          { db: ctx.db, queues: ctx.queues, log: ctx.log },
          { shopId: payload.shopId, changedAt: job.timestamp, full: payload.full },
        );
        const shopify = await syncInventory(
          { db: ctx.db, shopify: ctx.shopify, log: ctx.log },
          { shopId: payload.shopId, full: payload.full },
        );
        return { ...shopify, channelPushesQueued: channels.queued };
      },
    );
  },
};

/** Recomputes replenishment and alerts: for the SKUs that moved, or the whole shop at night. */
export const alertsProcessor: ProcessorDef<'alerts'> = {
  concurrency: 2,
  async process(ctx, payload) {
    return recomputeReplenishment(
      { database: ctx.database, log: ctx.log },
      { shopId: payload.shopId, full: payload.full },
    );
  },
};
