// Test-only: the battery every Channel adapter runs against its simulator (style.md: one contract per interface).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IntegrationError, RateLimitedError, RetriableIntegrationError } from '../../core/errors.js';
import type { Channel, ChannelOrder } from '../../core/integrations/channels/channel.js';

/** What a marketplace simulator lets the contract do and see, besides the adapter under test. */
export interface ChannelContractHarness {
  channel: Channel;
  /** the same account with a wrong secret */
  badCredentials: Channel;
  /** orders per OR11 page (or equivalent) the adapter was configured with */
  pageSize: number;
  /** places an order on the marketplace for SKUs it sells; returns the order's external id */
  placeOrder(lines: { sku: string; quantity: number }[]): Promise<string>;
  /** the marketplace's view of an order */
  inspect(
    orderExternalId: string,
  ): Promise<{ shipped: boolean; carrierCode: string | null; trackingNumber: string | null }>;
  /** the quantity the marketplace now offers for a SKU */
  offeredQuantity(sku: string): Promise<number | null>;
  /** makes every call answer this status for a while (null: stop) */
  fault(f: { status: 429 | 500 | 503; forMs: number } | null): Promise<void>;
  close(): Promise<void>;
}

async function readAll(channel: Channel, since: Date): Promise<{ orders: ChannelOrder[]; pages: number }> {
  const orders: ChannelOrder[] = [];
  let cursor: string | null = null;
  let pages = 0;
  for (;;) {
    const page = await channel.listChangedOrders({ cursor, initialSince: since, now: new Date() });
    orders.push(...page.orders);
    cursor = page.nextCursor;
    pages++;
    if (!page.more) return { orders, pages };
    if (pages > 50) throw new Error('paging never ends');
  }
}

/** Runs the Channel contract against one adapter; `setup` starts its simulator and builds the adapter. */
export function runChannelContract(name: string, setup: () => Promise<ChannelContractHarness>): void {
  describe(`Channel contract: ${name}`, () => {
    let h: ChannelContractHarness;
    const since = new Date(Date.now() - 60_000);
    beforeAll(async () => {
      h = await setup();
    });
    afterAll(async () => {
      await h.close();
    });

    it('tests its connection, and says why when the credentials are wrong', async () => {
      expect(await h.channel.testConnection()).toMatchObject({ ok: true });
      const bad = await h.badCredentials.testConnection();
      expect(bad.ok).toBe(false);
    });

    it('reads every changed order once per version across pages, with SKUs and quantities', async () => {
      const ids: string[] = [];
      for (let i = 0; i < h.pageSize * 2 + 1; i++)
        ids.push(await h.placeOrder([{ sku: 'CONTRACT-A', quantity: 1 + (i % 3) }]));
      const { orders, pages } = await readAll(h.channel, since);
      expect(pages).toBeGreaterThanOrEqual(3);
      const seen = new Set(orders.map((o) => o.order.externalId));
      for (const id of ids) expect(seen.has(id)).toBe(true);
      const one = orders.find((o) => o.order.externalId === ids[1])!;
      expect(one.order.lines).toEqual([
        expect.objectContaining({ sku: 'CONTRACT-A', quantity: 2, currentQuantity: 2 }),
      ]);
      expect(one.order.channel).not.toBe('shopify');
      // overlapping pages may repeat an order, never as a different version
      const versions = new Map<string, Set<string>>();
      for (const o of orders)
        versions.set(o.order.externalId, (versions.get(o.order.externalId) ?? new Set()).add(o.versionKey));
      for (const v of versions.values()) expect(v.size).toBe(1);
    });

    it('accepts an order once; a second acceptance says it is no longer awaited', async () => {
      const id = await h.placeOrder([{ sku: 'CONTRACT-A', quantity: 1 }]);
      const [o] = await h.channel.getOrders([id]);
      if (!o!.awaitingAcceptance) return;
      expect(
        await h.channel.acceptOrder({
          orderExternalId: id,
          lines: o!.order.lines.map((l) => ({ lineExternalId: l.externalId, accepted: true })),
        }),
      ).toEqual({ ok: true });
      const [after] = await h.channel.getOrders([id]);
      expect(after!.awaitingAcceptance).toBe(false);
      expect(after!.order.updatedAt.getTime()).toBeGreaterThan(o!.order.updatedAt.getTime());
      expect(
        await h.channel.acceptOrder({
          orderExternalId: id,
          lines: o!.order.lines.map((l) => ({ lineExternalId: l.externalId, accepted: true })),
        }),
      ).toMatchObject({ ok: false, reason: 'not_awaiting_acceptance' });
    });

    it('confirms a shipment with the marketplace carrier code and tracking number, and a retry is harmless', async () => {
      const id = await h.placeOrder([{ sku: 'CONTRACT-A', quantity: 2 }]);
      const [o] = await h.channel.getOrders([id]);
      if (o!.awaitingAcceptance)
        await h.channel.acceptOrder({
          orderExternalId: id,
          lines: o!.order.lines.map((l) => ({ lineExternalId: l.externalId, accepted: true })),
        });
      const shipment = {
        orderExternalId: id,
        packageRef: '1',
        carrier: 'colissimo' as const,
        carrierName: 'Colissimo',
        trackingNumber: '6A12345678901',
        trackingUrl: null,
        shippedAt: new Date(),
        lines: o!.order.lines.map((l) => ({ lineExternalId: l.externalId, quantity: l.quantity })),
      };
      const res = await h.channel.confirmShipment(shipment);
      expect(res.ok).toBe(true);
      const seen = await h.inspect(id);
      expect(seen).toMatchObject({ shipped: true, trackingNumber: '6A12345678901' });
      expect(seen.carrierCode?.toLowerCase()).toContain('colissimo');
      expect((await h.channel.confirmShipment(shipment)).ok).toBe(true);
    });

    it('sets sellable quantities', async () => {
      const res = await h.channel.setSellableQuantities([
        { sku: 'CONTRACT-A', quantity: 7 },
        { sku: 'CONTRACT-B', quantity: 0 },
      ]);
      expect(res.rejected).toBe(0);
      expect(await h.offeredQuantity('CONTRACT-A')).toBe(7);
      expect(await h.offeredQuantity('CONTRACT-B')).toBe(0);
    });

    it('throws retriable faults for 5xx and a rate limit with the wait for 429', async () => {
      await h.fault({ status: 503, forMs: 60_000 });
      await expect(
        h.channel.listChangedOrders({ cursor: null, initialSince: since, now: new Date() }),
      ).rejects.toBeInstanceOf(RetriableIntegrationError);
      await h.fault({ status: 429, forMs: 60_000 });
      const err = await h.channel
        .listChangedOrders({ cursor: null, initialSince: since, now: new Date() })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RateLimitedError);
      expect((err as RateLimitedError).retryAfterMs).toBeGreaterThan(0);
      await h.fault(null);
      const fine = await h.channel.listChangedOrders({ cursor: null, initialSince: since, now: new Date() });
      expect(fine.orders.length).toBeGreaterThan(0);
      expect(err).toBeInstanceOf(IntegrationError);
    });

    it('reports the limits it keeps to', () => {
      expect(h.channel.limits().length).toBeGreaterThan(0);
    });
  });
}
