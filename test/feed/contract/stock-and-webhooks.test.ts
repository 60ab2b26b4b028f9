import { describe, expect, it } from 'vitest';
import { expectAnswersMatchDocument, useFeedContract } from '../feed-contract.js';

describe("the feed's stock counts and webhook subscription through a client generated from its OpenAPI document", () => {
  // what a warehouse holds once two parcels of two left a count of 50 (shipments.test.ts ships them)
  const feed = useFeedContract(46);

  it('reads what the app believes, then takes a count; a repeated count corrects nothing', async () => {
    const { api } = feed;
    const stock = await api.GET('/stock', { params: { query: {} } });
    const pull = stock.data.items.find((s: { sku: string }) => s.sku === 'PULL-ROUGE-L');
    expect(pull).toMatchObject({ onHand: 46, available: pull.onHand - pull.reserved });
    const count = {
      snapshotId: 'count-0001',
      takenAt: '2026-12-03T06:00:00+01:00',
      items: [
        { sku: 'PULL-ROUGE-L', onHand: 44 },
        { sku: 'NOPE', onHand: 1 },
      ],
    };
    const snap = await api.POST('/inventory-snapshots', { body: count });
    expect(snap.data).toMatchObject({
      items: 2,
      corrections: [{ sku: 'PULL-ROUGE-L', before: 46, after: 44, delta: -2 }],
      unknownSkus: ['NOPE'],
    });
    const snapAgain = await api.POST('/inventory-snapshots', { body: count });
    expect([snapAgain.response.headers.get('idempotent-replayed'), snapAgain.data.corrections]).toEqual(['true', []]);
    expect(
      (await api.POST('/inventory-snapshots', { body: { ...count, items: [{ sku: 'PULL-ROUGE-L', onHand: 1 }] } }))
        .error.error.code,
    ).toBe('idempotency_key_reused');
    expect((await api.GET('/stock', { params: { query: { sku: 'PULL-ROUGE-L' } } })).data.items).toMatchObject([
      { sku: 'PULL-ROUGE-L', onHand: 44 },
    ]);
  });

  it('subscribes to webhooks, shows the secret once, and unsubscribes', async () => {
    const { api } = feed;
    expect((await api.GET('/webhook-subscription')).error.error.code).toBe('not_found');
    const sub = await api.PUT('/webhook-subscription', { body: { url: 'https://wms.example.com/hook' } });
    expect(sub.data).toMatchObject({
      url: 'https://wms.example.com/hook',
      events: ['allocation.ready', 'allocation.cancel_requested'],
      secret: expect.stringMatching(/^whsec_/),
    });
    expect((await api.GET('/webhook-subscription')).data.secret).toBeUndefined();
    expect((await api.DELETE('/webhook-subscription')).response.status).toBe(204);
  });

  it('checked every answer against the document without a discrepancy', () => {
    expectAnswersMatchDocument(feed.validator, { atLeast: 9, statuses: [200, 204, 404, 422] });
  });
});
