import { describe, expect, it } from 'vitest';
import { expectAnswersMatchDocument, useFeedContract } from '../feed-contract.js';

describe("the feed's shipments through a client generated from its OpenAPI document", () => {
  const feed = useFeedContract();

  it('ships with idempotency, reads the shipment back, corrects its tracking and takes its events', async () => {
    const { api, seeded } = feed;
    const a1 = await seeded.newAllocation([
      { sku: 'PULL-ROUGE-L', quantity: 2 },
      { sku: 'BONNET-GRIS', quantity: 1 },
    ]);
    const a2 = await seeded.newAllocation();
    const lease = await api.POST('/allocations/lease', { params: { query: { limit: 10, leaseSeconds: 120 } } });
    const leaseToken = lease.data.leaseToken as string;
    const [l1, l2] = [a1, a2].map((a) => lease.data.items.find((x: { id: number }) => x.id === a.allocationId));
    expect(
      (
        await api.POST('/allocations/{id}/acknowledge', {
          params: { path: { id: a1.allocationId } },
          body: { leaseToken },
        })
      ).data,
    ).toEqual({ status: 'acknowledged', changed: true });
    // another parcel, so that the shipment list has more than one page of one
    expect(
      (
        await api.POST('/allocations/{id}/shipments', {
          params: { path: { id: a2.allocationId }, header: { 'idempotency-key': 'PKG-a2-0001' } },
          body: {
            lines: l2.lines.map((l: { lineId: number; quantity: number }) => ({
              lineId: l.lineId,
              quantity: l.quantity,
            })),
            carrier: 'DHL',
            trackingNumbers: ['JD014600006281230701'],
            shippedAt: '2026-12-03T09:00:00.5+01:00',
            leaseToken,
          },
        })
      ).response.status,
    ).toBe(201);

    // shipping with idempotency: first answer, replay, key reused with another body, too much
    const ship1 = {
      lines: [{ lineId: l1.lines[0].lineId, quantity: 2 }],
      carrier: 'colissimo',
      trackingNumbers: ['6A12345678901'],
      shippedAt: '2026-12-03t10:00:00z',
    };
    const first = await api.POST('/allocations/{id}/shipments', {
      params: { path: { id: a1.allocationId }, header: { 'idempotency-key': 'PKG-a1-0001' } },
      body: ship1,
    });
    expect(first.response.status).toBe(201);
    expect(first.data).toMatchObject({ created: true, allocationStatus: 'partially_shipped', carrier: 'Colissimo' });
    const replay = await api.POST('/allocations/{id}/shipments', {
      params: { path: { id: a1.allocationId }, header: { 'idempotency-key': 'PKG-a1-0001' } },
      body: ship1,
    });
    expect([replay.response.status, replay.response.headers.get('idempotent-replayed'), replay.data]).toEqual([
      201,
      'true',
      first.data,
    ]);
    const reused = await api.POST('/allocations/{id}/shipments', {
      params: { path: { id: a1.allocationId }, header: { 'idempotency-key': 'PKG-a1-0001' } },
      body: { ...ship1, trackingNumbers: ['6A00000000000'] },
    });
    expect([reused.response.status, reused.error.error.code]).toEqual([422, 'idempotency_key_reused']);
    const tooMany = await api.POST('/allocations/{id}/shipments', {
      params: { path: { id: a1.allocationId }, header: { 'idempotency-key': 'PKG-a1-0002' } },
      body: { ...ship1, lines: [{ lineId: l1.lines[1].lineId, quantity: 5 }] },
    });
    expect([tooMany.response.status, tooMany.error.error.code]).toEqual([422, 'shipment_exceeds_allocation']);
    expect(tooMany.error.error.details[0]).toMatchObject({ message: expect.stringContaining('only 1 left') });

    // read back, correct tracking, report events (idempotent with a key)
    const shipmentId = first.data.shipmentId as number;
    const got = await api.GET('/shipments/{id}', { params: { path: { id: shipmentId } } });
    expect(got.data).toMatchObject({
      id: shipmentId,
      allocationId: a1.allocationId,
      idempotencyKey: 'PKG-a1-0001',
      status: 'shipped',
      lines: [{ sku: 'PULL-ROUGE-L', quantity: 2 }],
    });
    expect(got.data.shippedAt).toBe('2026-12-03T10:00:00.000Z');
    const fixed = await api.PUT('/shipments/{id}/tracking', {
      params: { path: { id: shipmentId } },
      body: { carrier: 'Colissimo', trackingNumbers: ['6A98765432109'] },
    });
    expect(fixed.data.changed).toBe(true);
    const event = { status: 'in_transit', occurredAt: '2026-12-03T18:00:00Z', location: 'Lyon' };
    const ev1 = await api.POST('/shipments/{id}/events', {
      params: { path: { id: shipmentId }, header: { 'idempotency-key': 'scan-00000001' } },
      body: event,
    });
    expect(ev1.data).toEqual({ created: true, status: 'in_transit' });
    const ev2 = await api.POST('/shipments/{id}/events', {
      params: { path: { id: shipmentId }, header: { 'idempotency-key': 'scan-00000001' } },
      body: event,
    });
    expect([ev2.response.headers.get('idempotent-replayed'), ev2.data]).toEqual(['true', ev1.data]);
    const listedShipments = await api.GET('/shipments', { params: { query: { allocationId: a1.allocationId } } });
    expect(
      listedShipments.data.items.map((s: { id: number; trackingNumbers: string[] }) => [s.id, s.trackingNumbers]),
    ).toEqual([[shipmentId, ['6A98765432109']]]);
    expect((await api.GET('/shipments', { params: { query: { limit: 1 } } })).data.nextCursor).not.toBeNull();

    // what left the warehouse left its stock: 50 counted, 2 + 2 shipped
    const stock = await api.GET('/stock', { params: { query: {} } });
    const pull = stock.data.items.find((s: { sku: string }) => s.sku === 'PULL-ROUGE-L');
    expect(pull).toMatchObject({ onHand: 46, available: pull.onHand - pull.reserved });
  });

  it('checked every answer against the document without a discrepancy', () => {
    expectAnswersMatchDocument(feed.validator, { atLeast: 14, statuses: [200, 201, 422] });
  });
});
