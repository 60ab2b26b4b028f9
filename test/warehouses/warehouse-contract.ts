import { describe, expect, it } from 'vitest';
import { AppError, IntegrationError, RateLimitedError, RetriableIntegrationError } from '../../core/errors.js';
import type { DispatchOrder, WarehouseAdapter } from '../../core/integrations/warehouses/warehouse.js';

/** A way the 3PL side can fail, and the branch of the error tree it must map to. */
export type WarehouseFault = 'unreachable' | 'timeout' | 'server_error' | 'rate_limited' | 'refused';

const expectedError: Record<WarehouseFault, { type: typeof IntegrationError; retriable: boolean }> = {
  unreachable: { type: RetriableIntegrationError, retriable: true },
  timeout: { type: RetriableIntegrationError, retriable: true },
  server_error: { type: RetriableIntegrationError, retriable: true },
  rate_limited: { type: RateLimitedError, retriable: true },
  refused: { type: IntegrationError, retriable: false },
};

/** What one adapter style brings to the battery: adapters wired to a simulated 3PL. */
export interface WarehouseContractHarness {
  /** An adapter talking to a healthy 3PL. */
  adapter(): Promise<WarehouseAdapter>;
  /**
   * How many orders the 3PL holds for this allocation, as the 3PL itself sees it; undefined
   * when the style keeps nothing on the 3PL side at dispatch (the feed: the 3PL pulls later).
   */
  held?(allocationId: number): Promise<number>;
  /** An adapter whose 3PL fails this way; styles that make no call at dispatch declare none. */
  faulty: Partial<Record<WarehouseFault, () => Promise<WarehouseAdapter>>>;
  close(): Promise<void>;
}

let nextAllocation = 9_000;
export function contractOrder(overrides: Partial<DispatchOrder> = {}): DispatchOrder {
  const allocationId = nextAllocation++;
  return {
    allocationId,
    idempotencyKey: `contract-${allocationId}-${process.pid}`,
    orderName: `#C${allocationId}`,
    channel: 'shopify',
    promisedShipBy: null,
    serviceLevel: 'standard',
    shipTo: { name: 'Camille Martin', address1: '3 rue des Lilas', city: 'Lyon', zip: '69003', countryCode: 'FR' },
    email: 'camille@example.fr',
    lines: [{ lineId: 1, sku: 'TEE-M', title: 'T-shirt M', quantity: 2 }],
    ...overrides,
  };
}

/**
 * The battery every `WarehouseAdapter` runs (feed, http push, and each named 3PL as it comes):
 * dispatch, cancel, idempotency per key, and faults mapped onto the retriable / non-retriable
 * error tree that the dispatch worker and its backoff rely on.
 */
export function describeWarehouseContract(style: string, makeHarness: () => Promise<WarehouseContractHarness>) {
  describe(`WarehouseAdapter contract: ${style}`, () => {
    const withHarness = async (fn: (h: WarehouseContractHarness) => Promise<void>) => {
      const h = await makeHarness();
      try {
        await fn(h);
      } finally {
        await h.close();
      }
    };

    it('dispatches an order and says how the 3PL took it', () =>
      withHarness(async (h) => {
        const order = contractOrder();
        const outcome = await (await h.adapter()).dispatch(order);
        expect(['listed', 'accepted']).toContain(outcome.kind);
        if (h.held) expect(await h.held(order.allocationId)).toBe(1);
      }));

    it('is idempotent per key: the same order dispatched twice is held once, with the same outcome', () =>
      withHarness(async (h) => {
        const adapter = await h.adapter();
        const order = contractOrder();
        const first = await adapter.dispatch(order);
        const again = await adapter.dispatch(order);
        expect(again).toEqual(first);
        if (h.held) expect(await h.held(order.allocationId)).toBe(1);
      }));

    it('cancels a dispatched order, and a repeated cancel gives the same answer', () =>
      withHarness(async (h) => {
        const adapter = await h.adapter();
        const order = contractOrder();
        await adapter.dispatch(order);
        const first = await adapter.cancel(order);
        expect(typeof first.confirmed).toBe('boolean');
        expect(await adapter.cancel(order)).toEqual(first);
      }));

    describe('faults map onto the error tree', () => {
      for (const fault of Object.keys(expectedError) as WarehouseFault[]) {
        it(`${fault}: ${expectedError[fault].retriable ? 'retriable' : 'never retried'}`, async (ctx) => {
          const h = await makeHarness();
          try {
            const faulty = h.faulty[fault];
            // this style makes no call that can fail this way at dispatch
            if (!faulty) return ctx.skip();
            const err = await (await faulty()).dispatch(contractOrder()).then(
              () => null,
              (e: unknown) => e,
            );
            expect(err).toBeInstanceOf(expectedError[fault].type);
            expect((err as AppError).retriable).toBe(expectedError[fault].retriable);
            if (fault === 'rate_limited') expect((err as RateLimitedError).retryAfterMs).toBeGreaterThanOrEqual(0);
            if (fault !== 'rate_limited') expect(err).not.toBeInstanceOf(RateLimitedError);
          } finally {
            await h.close();
          }
        });
      }
    });
  });
}
