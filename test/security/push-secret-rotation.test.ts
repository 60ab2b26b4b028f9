import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWarehousesRepo } from '../../core/db/warehouses-repo.js';
import { warehouseAdapter } from '../../core/integrations/warehouses/index.js';
import { bearer, startSecurityWorld, type SecurityWorld } from './harness.js';

describe('rotating a push warehouse signing secret', () => {
  let w: SecurityWorld;
  let receiver: Server;
  let url: string;
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  beforeAll(async () => {
    w = await startSecurityWorld();
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res
          .writeHead(201, { 'content-type': 'application/json' })
          .end(JSON.stringify({ reference: `R-${received.length}` }));
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    await new Promise((r) => receiver.close(r));
    await w.close();
  });

  const push = async (warehouseId: number, now: Date) => {
    const row = (await createWarehousesRepo(w.t.ctx.db).get(w.a.shop.id, warehouseId))!;
    const adapter = warehouseAdapter(row, w.t.ctx.cipher, { allowPrivateNetwork: true, requireHttps: false }, now);
    await adapter.dispatch({ idempotencyKey: `k-${received.length}`, orderName: '#1001' } as unknown as Parameters<
      typeof adapter.dispatch
    >[0]);
    const last = received.at(-1)!;
    return {
      body: last.body,
      headers: {
        'webhook-id': String(last.headers['webhook-id']),
        'webhook-timestamp': String(last.headers['webhook-timestamp']),
        'webhook-signature': String(last.headers['webhook-signature']),
      },
    };
  };
  const verifies = (secret: string, m: { body: string; headers: Record<string, string> }) => {
    try {
      new Webhook(secret).verify(m.body, m.headers);
      return true;
    } catch {
      return false;
    }
  };

  it('signs with the new and the replaced secret during the overlap, then with the new one only', async () => {
    const repo = createWarehousesRepo(w.t.ctx.db);
    const oldSecret = 'whsec_' + Buffer.from('an old secret of 24 bytes!').toString('base64');
    await repo.update(w.a.shop.id, w.a.other.id, {
      dispatchStyle: 'http',
      pushUrl: url,
      pushSecretEnc: w.t.ctx.cipher.encrypt(oldSecret),
    });

    const res = await w.app.inject({
      method: 'POST',
      url: `/api/admin/warehouses/${w.a.other.id}/push-secret`,
      headers: bearer(w.a.token),
      payload: { overlapHours: 24 },
    });
    expect(res.statusCode).toBe(201);
    const { pushSecret, previousValidUntil, warehouse } = res.json();
    expect(pushSecret).toMatch(/^whsec_/);
    expect(pushSecret).not.toBe(oldSecret);
    const until = new Date(previousValidUntil).getTime();
    expect(until - Date.now()).toBeGreaterThan(23.9 * 3_600_000);
    expect(warehouse.pushSecretPreviousValidUntil).toBe(previousValidUntil);

    const during = await push(w.a.other.id, new Date());
    expect(during.headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(verifies(pushSecret, during)).toBe(true);
    expect(verifies(oldSecret, during)).toBe(true);

    const after = await push(w.a.other.id, new Date(until + 1000));
    expect(verifies(pushSecret, after)).toBe(true);
    expect(verifies(oldSecret, after)).toBe(false);

    // after a leak: no overlap, the replaced secret stops at once
    const now = await w.app.inject({
      method: 'POST',
      url: `/api/admin/warehouses/${w.a.other.id}/push-secret`,
      headers: bearer(w.a.token),
      payload: { overlapHours: 0 },
    });
    expect(now.statusCode).toBe(201);
    expect(now.json().previousValidUntil).toBeNull();
    const cut = await push(w.a.other.id, new Date());
    expect(verifies(now.json().pushSecret, cut)).toBe(true);
    expect(verifies(pushSecret, cut)).toBe(false);
  });

  it('refuses a warehouse of another shop, one without pushes, and a window past a week', async () => {
    expect(
      (
        await w.app.inject({
          method: 'POST',
          url: `/api/admin/warehouses/${w.b.other.id}/push-secret`,
          headers: bearer(w.a.token),
          payload: {},
        })
      ).statusCode,
    ).toBe(404);
    const feed = await w.app.inject({
      method: 'POST',
      url: `/api/admin/warehouses/${w.a.warehouse.id}/push-secret`,
      headers: bearer(w.a.token),
      payload: {},
    });
    expect(feed.statusCode).toBe(409);
    expect(feed.json().error.code).toBe('no_push_secret');
    expect(
      (
        await w.app.inject({
          method: 'POST',
          url: `/api/admin/warehouses/${w.a.other.id}/push-secret`,
          headers: bearer(w.a.token),
          payload: { overlapHours: 500 },
        })
      ).statusCode,
    ).toBe(400);
  });
});
