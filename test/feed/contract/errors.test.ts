import { describe, expect, it } from 'vitest';
import { buildApp } from '../../../server/app.js';
import { createTestContext } from '../../helpers/test-context.js';
import { createContractValidator } from '../contract-validator.js';
import { expectAnswersMatchDocument, useFeedContract } from '../feed-contract.js';
import { seedFeedWarehouse } from '../feed-setup.js';

describe("the feed's errors, through a client generated from its OpenAPI document", () => {
  const feed = useFeedContract();

  it('answers errors in the documented shape and codes, never a framework code', async () => {
    const { api, validator } = feed;
    const unknownField = await api.POST('/allocations/{id}/reject', {
      params: { path: { id: 1 } },
      body: { reason: 'other', colour: 'red' },
    });
    expect(unknownField.response.status).toBe(400);
    expect(JSON.stringify(unknownField.error.error.details)).toContain('colour');
    const badTime = await api.POST('/inventory-snapshots', {
      body: { snapshotId: 'x', takenAt: '03/12/2026', items: [{ sku: 'A', onHand: 1 }] },
    });
    expect(badTime.error.error.details).toEqual([expect.objectContaining({ path: 'body.takenAt' })]);
    const nul = await api.POST('/allocations/{id}/reject', {
      params: { path: { id: 1 } },
      body: { reason: 'other', message: 'a\u0000b' },
    });
    expect(nul.response.status).toBe(400);
    const badJson = await api.POST('/inventory-snapshots', {
      body: '{"snapshotId":',
      bodySerializer: (b) => String(b),
    });
    expect([badJson.response.status, badJson.error.error.code]).toEqual([400, 'invalid_request']);
    const textBody = await api.POST('/inventory-snapshots', {
      body: 'hello',
      bodySerializer: (b) => String(b),
      headers: { 'content-type': 'application/xml' },
    });
    expect([textBody.response.status, textBody.error.error.code]).toEqual([415, 'unsupported_media_type']);
    const missing = await api.GET('/allocations/{id}', { params: { path: { id: 999999 } } });
    expect([missing.response.status, missing.error.error.code]).toEqual([404, 'not_found']);
    const badQuery = await api.GET('/allocations', { params: { query: { status: 'whatever', wait: 99 } } });
    expect(badQuery.error.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'querystring.status',
      'querystring.wait',
    ]);
    const noKey = await api.GET('/allocations', {
      headers: { authorization: 'Bearer lk_000000000000_notarealkeynotarealkeyxx' },
    });
    expect([noKey.response.status, noKey.error.error.code]).toEqual([401, 'invalid_key']);
    const noIdem = await api.POST('/allocations/{id}/shipments', {
      params: { path: { id: 1 } },
      body: { lines: [{ lineId: 1, quantity: 1 }], trackingNumbers: ['ABC123'], shippedAt: '2026-12-03T10:00:00Z' },
    });
    expect([noIdem.response.status, noIdem.error.error.details[0].path]).toEqual([400, 'headers.idempotency-key']);
    for (const c of validator.checked()) expect(JSON.stringify(c)).not.toMatch(/fst_err/i);
  });

  it('checked every answer against the document without a discrepancy', () => {
    expectAnswersMatchDocument(feed.validator, { atLeast: 9, statuses: [400, 401, 404, 415] });
  });

  it('the validator itself flags an undocumented status, a body off its schema and a missing header', async () => {
    const v = createContractValidator(feed.doc);
    const headers = {
      'x-ratelimit-limit': '10',
      'x-ratelimit-remaining': '9',
      'x-ratelimit-reset': '60',
      'x-request-id': 'r1',
    };
    expect((await v.check('GET', '/allocations/{id}', new Response('{}', { status: 418, headers }))).problems).toEqual([
      expect.stringContaining('418 is not documented'),
    ]);
    expect(
      (await v.check('GET', '/allocations/{id}', new Response('{"id":0}', { status: 200, headers }))).problems,
    ).toEqual([expect.stringContaining('body:')]);
    const { 'x-request-id': _dropped, ...noId } = headers;
    expect(
      (
        await v.check(
          'GET',
          '/allocations/{id}',
          new Response('{"error":{"code":"not_found","message":"x"}}', { status: 404, headers: noId }),
        )
      ).problems,
    ).toEqual(['header x-request-id is missing']);
    expect(
      (
        await v.check(
          'GET',
          '/allocations/{id}',
          new Response('{"error":{"code":"fst_err_x","message":"x"}}', { status: 404, headers }),
        )
      ).problems,
    ).toEqual([expect.stringContaining('body:')]);
  });
});

describe("the feed's rate limit, as documented", () => {
  it('answers 429 with Retry-After and the rate-limit headers', async () => {
    const t = await createTestContext({ FEED_RATE_LIMIT_PER_MINUTE: '2' });
    const app = await buildApp(t.ctx, { logger: false });
    try {
      const { key } = await seedFeedWarehouse(t);
      const doc = (await app.inject('/feed/v1/openapi.json')).json();
      const validator = createContractValidator(doc);
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await app.inject({ url: '/feed/v1/allocations', headers: { authorization: `Bearer ${key}` } });
        statuses.push(res.statusCode);
        const checked = await validator.check(
          'GET',
          '/allocations',
          new Response(res.body, { status: res.statusCode, headers: res.headers as Record<string, string> }),
        );
        expect(checked.problems).toEqual([]);
        if (res.statusCode === 429) expect(res.json().error.code).toBe('rate_limited');
      }
      expect(statuses).toEqual([200, 200, 429]);
    } finally {
      await app.close();
      await t.close();
    }
  });
});
