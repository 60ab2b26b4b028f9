import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocations, orders } from '../../drizzle/schema/index.js';
import { createShopsRepo } from '../../core/db/shops-repo.js';
import { routeOrder } from '../../core/use-cases/route-order.js';
import { startWorkers, type StartedWorkers } from '../../workers/registry.js';
import { receive, seedSku, seedWarehouse } from '../helpers/fixtures.js';
import { simShop, startSimApp, type SimApp } from '../helpers/sim-app.js';
import { waitFor } from '../helpers/wait.js';

const SHOP = 'express-checkout.myshopify.com';
const address = {
  firstName: 'Léa',
  lastName: 'Martin',
  address1: '3 rue Neuve',
  city: 'Lyon',
  zip: '69003',
  countryCode: 'FR',
};

/** Defect 7 of #15: the checkout's shipping rate and promised date reach routing. */
describe('an order placed at checkout with an express rate and a delivery date', () => {
  let s: SimApp;
  let workers: StartedWorkers;
  beforeAll(async () => {
    s = await startSimApp();
    workers = await startWorkers(s.t.ctx, ['ingest']);
  });
  afterAll(async () => {
    await workers.close();
    await s.close();
  });

  it('is stored with its rate and date, and routed to a warehouse that ships express', async () => {
    const token = await simShop(s.sim, SHOP, [{ sku: 'THÉIÈRE', price: 40 }]);
    expect(
      (await s.app.inject({ url: '/api/admin/shop', headers: { authorization: `Bearer ${token}` } })).statusCode,
    ).toBe(200);
    const loc = s.sim.control.createLocation(SHOP, {
      name: 'Lyon',
      address: { address1: '2 rue B', city: 'Lyon', zip: '69007', countryCode: 'FR', latitude: 45.73, longitude: 4.83 },
    });
    s.sim.control.setStock(SHOP, { sku: 'THÉIÈRE', locationId: loc.id, onHand: 10 });
    const db = s.t.ctx.db;
    const shopId = (await createShopsRepo(db).byDomain(SHOP))!.id;
    // cheaper and standard-only, against dearer with an express level
    const standard = await seedWarehouse(db, shopId, { name: 'Standard', costs: { FR: 4 } });
    const express = await seedWarehouse(db, shopId, {
      name: 'Express',
      costs: { FR: 9 },
      serviceLevels: [
        { code: 'standard', name: 'Standard', transitDays: { FR: 3 } },
        { code: 'exp', name: 'Express 24h', transitDays: { FR: 1 } },
      ],
    });
    const sku = await seedSku(db, shopId, 'THÉIÈRE');
    for (const w of [standard, express]) await receive(db, shopId, w.id, sku, 5);

    const deliverBy = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
    const placed = s.sim.control.placeOrder(SHOP, {
      lines: [{ sku: 'THÉIÈRE', quantity: 1 }],
      shippingAddress: address,
      financialStatus: 'paid',
      shippingLine: { title: 'Express 24h', code: 'EXPRESS_24', price: '12.90' },
      noteAttributes: [
        { name: 'Delivery date', value: deliverBy },
        { name: 'gift', value: 'yes' },
      ],
    });
    const order = await waitFor(
      'order ingested',
      async () =>
        (
          await db
            .select()
            .from(orders)
            .where(and(eq(orders.shopId, shopId), eq(orders.externalId, placed.gid)))
        )[0],
    );
    expect({ code: order.shippingRateCode, title: order.shippingRateTitle, deliverBy: order.deliverBy }).toEqual({
      code: 'EXPRESS_24',
      title: 'Express 24h',
      deliverBy,
    });

    const routed = await routeOrder(
      { db, queues: s.t.ctx.queues, log: s.t.ctx.log },
      { shopId, orderId: order.id, reason: 'test' },
    );
    expect(routed.status).toBe('routed');
    const [a] = await db.select().from(allocations).where(eq(allocations.orderId, order.id));
    // the rate's title names the express level: the standard-only warehouse cannot keep the promise
    expect({ warehouseId: a!.warehouseId, serviceLevel: a!.serviceLevel }).toEqual({
      warehouseId: express.id,
      serviceLevel: 'exp',
    });
    const trace = JSON.stringify(a!.trace);
    expect(trace).toContain('asked: exp');
    // the promised date is the deadline the plan is measured against
    expect(trace).toMatch(/"lateDays":0/);
  });
});
