import { systemClock } from '../shopify/core/clock.js';
import { createPrng } from '../shopify/core/prng.js';
import { defaultCarrierMix } from './carriers.js';
import { createFeedClient } from './feed-client.js';
import { defaultRetry, defaultTrackingSchedule, type ShippingOptions } from './options.js';
import { createShipper } from './shipper.js';
import { createStats } from './stats.js';
import { createStockBook } from './stock-book.js';

/**
 * What every warehouse mode shares: the feed client, the stock book, the counters and the
 * shipping floor, built from the options with their defaults.
 */
export function createShippingFloor(opts: ShippingOptions, onHand: Record<string, number> | 'track', seed: number) {
  const clock = opts.clock ?? systemClock;
  const name = opts.name ?? '3pl-robot';
  const log = opts.log ?? (() => {});
  const concurrency = Math.max(1, opts.concurrency ?? 8);
  const stats = createStats();
  const retry = { ...defaultRetry, ...opts.retry };
  const client = createFeedClient({
    appUrl: opts.appUrl,
    apiKey: opts.apiKey,
    retry,
    random: createPrng(seed ^ 0x7e7),
    hooks: {
      onRetry: (req, reason, waitMs) => {
        stats.counters.retries++;
        log(`${name}: ${reason}; retrying in ${waitMs} ms`, { path: req.path });
      },
    },
  });
  const book = createStockBook(onHand);
  const shipper = createShipper({
    client,
    book,
    stats,
    clock,
    concurrency,
    log,
    packing: {
      carriers: opts.carriers ?? defaultCarrierMix,
      partialShipRate: opts.partialShipRate ?? 0,
      unitsPerCarton: opts.unitsPerCarton ?? 10,
      includeTrackingUrl: opts.includeTrackingUrl ?? true,
    },
    schedule: { ...defaultTrackingSchedule, ...opts.trackingEventsSchedule },
    shipDelayMs: opts.shipDelayMs ?? { min: 1_000, max: 5_000 },
  });
  return { clock, name, log, concurrency, stats, client, book, shipper, retryTimeoutMs: retry.timeoutMs };
}

/** The shared parts of a warehouse; see {@link createShippingFloor}. */
export type ShippingFloor = ReturnType<typeof createShippingFloor>;
