import { describe, expect, it } from 'vitest';
import { cancelOrderAllocations } from '../../../core/use-cases/routing/cancel-order-allocations.js';
import { expectAnswersMatchDocument, useFeedContract } from '../feed-contract.js';

describe("the feed's allocations through a client generated from its OpenAPI document", () => {
  const feed = useFeedContract();
  /** One allocation's action, named as the document names it after /allocations/{id}/. */
  const act = (op: string, id: number, body?: object) =>
    feed.api.POST(`/allocations/{id}/${op}`, { params: { path: { id } }, ...(body ? { body } : {}) });

  it('leases, acknowledges, extends, releases and rejects under the lease contract; a live lease ships with its token', async () => {
    const { api, seeded } = feed;
    const a1 = await seeded.newAllocation([
      { sku: 'PULL-ROUGE-L', quantity: 2 },
      { sku: 'BONNET-GRIS', quantity: 1 },
    ]);
    const a2 = await seeded.newAllocation();
    const a3 = await seeded.newAllocation([{ sku: 'BONNET-GRIS', quantity: 1 }]);

    const listed = await api.GET('/allocations', { params: { query: { status: 'ready' } } });
    expect(listed.data.items.map((a: { id: number }) => a.id)).toEqual([
      a1.allocationId,
      a2.allocationId,
      a3.allocationId,
    ]);

    const lease = await api.POST('/allocations/lease', { params: { query: { limit: 10, leaseSeconds: 120 } } });
    expect(lease.data.items).toHaveLength(3);
    const leaseToken = lease.data.leaseToken as string;
    const l2 = lease.data.items.find((x: { id: number }) => x.id === a2.allocationId);

    expect((await act('acknowledge', a1.allocationId)).error.error.code).toBe('lease_required');
    expect((await act('acknowledge', a1.allocationId, { leaseToken: 'someone-else' })).error.error.code).toBe(
      'lease_mismatch',
    );
    expect((await act('acknowledge', a1.allocationId, { leaseToken })).data).toEqual({
      status: 'acknowledged',
      changed: true,
    });
    expect((await act('acknowledge', a1.allocationId, { leaseToken })).data).toEqual({
      status: 'acknowledged',
      changed: false,
    });
    const extended = await act('lease/extend', a2.allocationId, { leaseToken, leaseSeconds: 900 });
    expect(Date.parse(extended.data.leaseUntil) - Date.now()).toBeGreaterThan(800_000);
    expect((await act('lease/release', a2.allocationId, { leaseToken })).data).toMatchObject({
      status: 'ready',
      leaseUntil: null,
    });
    expect((await act('lease/release', a2.allocationId, { leaseToken })).error.error.code).toBe('not_leased');
    expect(
      (await act('reject', a3.allocationId, { reason: 'out_of_stock', message: 'BONNET-GRIS: 0' })).error.error.code,
    ).toBe('lease_required');
    expect(
      (await act('reject', a3.allocationId, { reason: 'out_of_stock', message: 'BONNET-GRIS: 0', leaseToken })).data,
    ).toEqual({ status: 'rejected', rerouting: true });

    // a released allocation is takeable again; shipping a live lease needs its token
    const again = await api.POST('/allocations/lease', { params: { query: { limit: 10 } } });
    expect(again.data.items.map((a: { id: number }) => a.id)).toEqual([a2.allocationId]);
    const ship2 = {
      lines: l2.lines.map((l: { lineId: number; quantity: number }) => ({ lineId: l.lineId, quantity: l.quantity })),
      carrier: 'DHL',
      trackingNumbers: ['JD014600006281230701'],
      shippedAt: '2026-12-03T09:00:00.5+01:00',
    };
    expect(
      (
        await api.POST('/allocations/{id}/shipments', {
          params: { path: { id: a2.allocationId }, header: { 'idempotency-key': 'PKG-a2-0001' } },
          body: ship2,
        })
      ).error.error.code,
    ).toBe('lease_required');
    expect(
      (
        await api.POST('/allocations/{id}/shipments', {
          params: { path: { id: a2.allocationId }, header: { 'idempotency-key': 'PKG-a2-0001' } },
          body: { ...ship2, leaseToken: again.data.leaseToken },
        })
      ).response.status,
    ).toBe(201);
  });

  it('shows a cancellation request through changedSince, and takes its answer once', async () => {
    const { api, seeded, t } = feed;
    const since = (await api.GET('/allocations', { params: { query: { status: 'ready' } } })).data.serverTime as string;
    // an allocation the 3PL took and has partly shipped
    const a1 = await seeded.newAllocation([
      { sku: 'PULL-ROUGE-L', quantity: 2 },
      { sku: 'BONNET-GRIS', quantity: 1 },
    ]);
    const lease = await api.POST('/allocations/lease', { params: { query: { limit: 10 } } });
    const l1 = lease.data.items.find((x: { id: number }) => x.id === a1.allocationId);
    await act('acknowledge', a1.allocationId, { leaseToken: lease.data.leaseToken });
    const partly = await api.POST('/allocations/{id}/shipments', {
      params: { path: { id: a1.allocationId }, header: { 'idempotency-key': 'PKG-a1-0001' } },
      body: {
        lines: [{ lineId: l1.lines[0].lineId, quantity: 2 }],
        carrier: 'colissimo',
        trackingNumbers: ['6A12345678901'],
        shippedAt: '2026-12-03t10:00:00z',
      },
    });
    expect(partly.data).toMatchObject({ allocationStatus: 'partially_shipped' });

    await t.ctx.db.transaction((tx) => cancelOrderAllocations(tx, seeded.shop.id, a1.orderId, 'merchant'));
    const changed = await api.GET('/allocations', { params: { query: { status: 'all', changedSince: since } } });
    expect(changed.data.items.find((a: { id: number }) => a.id === a1.allocationId)).toMatchObject({
      status: 'cancel_requested',
    });
    const cancelRequested = await api.GET('/allocations', { params: { query: { status: 'cancel_requested' } } });
    expect(cancelRequested.data.items.map((a: { id: number }) => a.id)).toEqual([a1.allocationId]);
    expect((await act('cancellation', a1.allocationId, { accept: false, reason: 'already left' })).data).toEqual({
      status: 'kept',
    });
    expect((await act('cancellation', a1.allocationId, { accept: true })).error.error.code).toBe('invalid_state');
    const nothingNew = await api.GET('/allocations', {
      params: { query: { status: 'all', changedSince: new Date(Date.now() + 60_000).toISOString() } },
    });
    expect(nothingNew.data.items).toEqual([]);
  });

  it('wakes a long poll within a second of a new allocation', async () => {
    const { api, seeded } = feed;
    // nothing takeable now: the lease holds until work arrives
    await api.POST('/allocations/lease', { params: { query: { limit: 100 } } });
    const started = Date.now();
    const waiting = api
      .POST('/allocations/lease', { params: { query: { limit: 10, wait: 20 } } })
      .then((r) => ({ r, at: Date.now() }));
    await new Promise((r) => setTimeout(r, 300));
    const { allocationId } = await seeded.newAllocation();
    const createdAt = Date.now();
    const { r, at } = await waiting;
    expect(r.data.items.map((a: { id: number }) => a.id)).toEqual([allocationId]);
    expect(at - createdAt).toBeLessThan(1000);
    expect(at - started).toBeGreaterThan(300);
    // and an empty wait times out with an empty answer
    const t0 = Date.now();
    const empty = await api.GET('/allocations', { params: { query: { status: 'takeable', wait: 1 } } });
    expect(empty.data.items).toEqual([]);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(950);
  }, 30_000);

  it('checked every answer against the document without a discrepancy', () => {
    expectAnswersMatchDocument(feed.validator, { atLeast: 25, statuses: [200, 201, 409] });
  });
});
