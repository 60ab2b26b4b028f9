import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestEvent } from '../../core/use-cases/ingest-event.js';
import { signBody } from '../../core/integrations/shopify/hmac.js';
import { signedWebhook } from '../helpers/webhooks.js';
import { bearer, startSecurityWorld, type SecurityWorld } from './harness.js';

const NUL = 'a\u0000b';
const LONE = 'x\uD800y';

describe('strings Postgres cannot store are refused at the schema', () => {
  let w: SecurityWorld;
  beforeAll(async () => {
    w = await startSecurityWorld();
  });
  afterAll(async () => w.close());

  const inject = (method: 'POST' | 'PUT', url: string, headers: Record<string, string>, payload: unknown) =>
    w.app.inject({
      method,
      url,
      headers: { ...headers, 'content-type': 'application/json' },
      payload: JSON.stringify(payload),
    });

  it.each([NUL, LONE])('answers 400 on admin and feed string fields holding %j', async (bad) => {
    const { a } = w;
    const shipment = {
      lines: [{ lineId: a.lineId, quantity: 1 }],
      trackingNumbers: ['6A12345678901'],
      shippedAt: new Date().toISOString(),
    };
    const answers = await Promise.all([
      inject('POST', `/api/admin/orders/${a.orderId}/hold`, bearer(a.token), { reason: bad }),
      inject('POST', `/api/admin/warehouses/${a.warehouse.id}/keys`, bearer(a.token), { label: bad }),
      inject(
        'POST',
        `/feed/v1/allocations/${a.allocationId}/shipments`,
        { ...bearer(a.feedKey), 'idempotency-key': 'idem-0001' },
        { ...shipment, carrier: bad },
      ),
      inject('POST', '/feed/v1/inventory-snapshots', bearer(a.feedKey), {
        snapshotId: bad,
        takenAt: new Date().toISOString(),
        items: [{ sku: 'X', onHand: 1 }],
      }),
      inject('POST', '/feed/v1/inventory-snapshots', bearer(a.feedKey), {
        snapshotId: 's1',
        takenAt: new Date().toISOString(),
        items: [{ sku: bad, onHand: 1 }],
      }),
      inject('POST', `/feed/v1/allocations/${a.allocationId}/reject`, bearer(a.feedKey), {
        reason: 'other',
        message: bad,
      }),
    ]);
    for (const res of answers) {
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.code).toBe('invalid_request');
    }
  });

  it('stores a webhook whose body holds NUL bytes and parks it as a dead letter, with a 200', async () => {
    const body = Buffer.from('{"id": 1, "note": "a\u0000b"}', 'utf8');
    const req = signedWebhook('', { shop: 'sec-a.myshopify.com', eventId: 'nul-bytes' });
    const res = await w.app.inject({
      ...req,
      payload: body,
      headers: { ...req.headers, 'x-shopify-hmac-sha256': signBody(body, 'demo-api-secret') },
    });
    expect(res.statusCode).toBe(200);
    const [row] = await w.t.ctx.database.query<{ status: string; body: string }>(
      sql`select status, body from inbox_events where event_id = 'nul-bytes'`,
    );
    expect(row!.status).toBe('dead');
    expect(row!.body).not.toContain('\u0000');
  });

  it('dead-letters a customers/redact whose customer id holds an escaped NUL instead of leaving it pending', async () => {
    const payload = `{"shop_id": 1, "shop_domain": "sec-a.myshopify.com", "customer": {"id": "12\\u0000", "email": "x@example.com"}, "orders_to_redact": []}`;
    const res = await w.app.inject(
      signedWebhook(payload, {
        topic: 'customers/redact',
        shop: 'sec-a.myshopify.com',
        eventId: 'redact-nul',
        url: '/webhooks/compliance',
      }),
    );
    expect(res.statusCode).toBe(200);
    const [row] = await w.t.ctx.database.query<{ id: number }>(
      sql`select id from inbox_events where event_id = 'redact-nul'`,
    );
    const out = await ingestEvent(
      { db: w.t.ctx.db, queues: w.t.ctx.queues, log: w.t.ctx.log, feedAuth: w.t.ctx.feedAuth },
      { inboxId: Number(row!.id), finalAttempt: false },
    );
    expect(out.status).toBe('dead');
    const [after] = await w.t.ctx.database.query<{ status: string }>(
      sql`select status from inbox_events where event_id = 'redact-nul'`,
    );
    expect(after!.status).toBe('dead');
  });
});
