import type { WarehouseAdapter } from './warehouse.js';

/**
 * The default style: the 3PL pulls from /feed/v1. Dispatching means listing the allocation
 * as ready there; a cancellation is answered by the 3PL through the feed.
 */
export function createFeedWarehouse(): WarehouseAdapter {
  return {
    async dispatch() {
      return { kind: 'listed' };
    },
    async cancel() {
      return { confirmed: false };
    },
  };
}
