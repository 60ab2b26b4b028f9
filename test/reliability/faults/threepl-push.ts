import { sql } from 'drizzle-orm';
import { SHOP } from '../../../bench/e2e/flash-shop.js';
import { freePort } from '../../../bench/lib/free-port.js';
import { createPushReceiver } from '../../../sim/3pl/index.js';
import { criterion, sleep, type Fault } from '../harness/fault.js';
import type { Stack } from '../harness/stack.js';

const SKU = 'PUSH-ONLY-01';
const address = {
  address1: '12 Boulevard de Paris',
  city: 'Marseille',
  zip: '13003',
  countryCode: 'FR',
  latitude: 43.31,
  longitude: 5.37,
};

/**
 * A 3PL reached by HTTP push, whose API answers 500, hangs past the app's timeout, or takes the
 * order and then hangs (the app never hears it succeeded). Its SKU is stocked nowhere else, so
 * every order of the batch goes through it.
 */
export const threePlFailing: Fault = {
  id: 'F6',
  title: '3PL returns 500s, times out, or times out after succeeding',
  short: false,
  async run(stack: Stack, scale) {
    const loc = stack.sim.control.createLocation(SHOP, { name: 'Marseille', address });
    stack.sim.control.addProducts(SHOP, [{ title: 'Push only', variants: [{ sku: SKU, price: 20 }] }]);
    stack.sim.control.setStock(SHOP, { sku: SKU, locationId: loc.id, onHand: 10_000 });
    // the product arrives by its products/create webhook: wait for the catalog to hold it
    for (let i = 0; ; i++) {
      const [r] = await stack.database.query<{ n: number }>(
        sql`select count(*)::int as n from skus where sku = ${SKU}`,
      );
      if (Number(r?.n) > 0) break;
      if (i > 120) throw new Error(`${SKU} never reached the catalog`);
      await sleep(500);
    }
    const port = await freePort();
    const saved = await stack.shop.admin('POST', '/warehouses', {
      name: 'Marseille (API)',
      code: 'MRS',
      address: { ...address },
      latitude: address.latitude,
      longitude: address.longitude,
      timezone: 'Europe/Paris',
      cutoffTime: '15:00',
      workingDays: [1, 2, 3, 4, 5, 6, 7],
      zones: [
        { code: 'FR', countries: ['FR'] },
        { code: 'BE', countries: ['BE'] },
      ],
      dailyCapacity: 5000,
      serviceLevels: [{ code: 'standard', name: 'Colissimo', transitDays: { FR: 2, BE: 3 } }],
      costs: { FR: 9, BE: 12 },
      dispatchStyle: 'http',
      pushUrl: `http://127.0.0.1:${port}`,
      location: { mode: 'existing', externalId: loc.gid },
    });
    const warehouseId = (saved.warehouse as { id: number }).id;
    const key = (await stack.shop.admin('POST', `/warehouses/${warehouseId}/keys`, { label: 'push 3pl' }))
      .key as string;
    await fetch(`${stack.appUrl}/feed/v1/inventory-snapshots`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        snapshotId: 'opening',
        takenAt: new Date().toISOString(),
        items: [{ sku: SKU, onHand: 10_000 }],
      }),
    });
    const rx = createPushReceiver({
      port,
      secret: saved.pushSecret as string,
      appUrl: stack.appUrl,
      apiKey: key,
      pollIntervalMs: 200,
      behaviour: { failRate: 0.25, timeoutRate: 0.1, succeedThenTimeoutRate: 0.15, hangMs: 15_000 },
    });
    stack.opening['MRS'] = { [SKU]: 10_000 };
    await rx.start();
    try {
      const gids: string[] = [];
      for (let i = 0; i < 10 * scale; i++) {
        gids.push(
          stack.sim.control.placeOrder(SHOP, {
            lines: [{ sku: SKU, quantity: 1 }],
            financialStatus: 'paid',
            shippingAddress: { firstName: 'Client', lastName: `P${i}`, ...address },
          }).gid,
        );
        await sleep(200);
      }
      // the 3PL recovers: what it refused or never answered must now arrive once
      await sleep(20_000);
      rx.setBehaviour({ failRate: 0, timeoutRate: 0, succeedThenTimeoutRate: 0 });
      for (let i = 0; i < 120; i++) {
        const [r] = await stack.database.query<{ n: number }>(sql`
          select count(*)::int as n from allocations a join orders o on o.id = a.order_id
          where o.external_id = any(${`{${gids.join(',')}}`}::text[]) and a.status in ('reserved', 'ready')`);
        if (Number(r?.n) === 0) break;
        await sleep(1000);
      }
      // a 3PL down for good: after its last try the allocation is a dispatch dead letter, and the
      // merchant's replay hands it over once the 3PL is back
      rx.setBehaviour({ failRate: 1 });
      const doomed = stack.sim.control.placeOrder(SHOP, {
        lines: [{ sku: SKU, quantity: 1 }],
        financialStatus: 'paid',
        shippingAddress: { firstName: 'Client', lastName: 'Dead letter', ...address },
      }).gid;
      gids.push(doomed);
      let parked: { id: number; attempts: number } | undefined;
      for (let i = 0; i < 300 && !parked; i++) {
        const list = (await stack.shop.admin('GET', '/dispatch-failures')).items as { id: number; attempts: number }[];
        const [own] = await stack.database.query<{ id: number }>(sql`
          select a.id from allocations a join orders o on o.id = a.order_id where o.external_id = ${doomed}`);
        // ids of bigint columns come back from raw SQL as strings
        parked = list.find((f) => f.id === Number(own?.id));
        if (!parked) await sleep(1000);
      }
      const [doomedRow] = await stack.database.query<Record<string, unknown>>(sql`
        select a.id, a.status, a.dispatch_attempts, a.dispatch_error from allocations a
        join orders o on o.id = a.order_id where o.external_id = ${doomed}`);
      rx.setBehaviour({ failRate: 0 });
      if (parked) await stack.shop.admin('POST', '/dispatch-failures/replay', { ids: [parked.id] });
      let replayed = false;
      for (let i = 0; i < 60 && parked && !replayed; i++) {
        replayed = rx.received().some((r) => r.order.allocationId === parked.id);
        if (!replayed) await sleep(1000);
      }
      const byAllocation = new Map<number, number>();
      for (const r of rx.received())
        byAllocation.set(r.order.allocationId, (byAllocation.get(r.order.allocationId) ?? 0) + 1);
      const twice = [...byAllocation.values()].filter((n) => n > 1).length;
      const s = rx.stats();
      return {
        gids,
        criteria: [
          criterion('the 3PL failed and hung', s.failures > 0, `${s.failures} failures of ${s.requests} requests`),
          criterion(
            'no duplicate order at the 3PL',
            twice === 0,
            `${byAllocation.size} orders taken, ${twice} twice, ${s.duplicates} repeats answered from the key`,
          ),
          criterion(
            'every order reached the 3PL',
            byAllocation.size === gids.length,
            `${byAllocation.size} of ${gids.length}`,
          ),
          criterion(
            'a dead letter after the last try, handed over by its replay',
            parked !== undefined && replayed,
            parked
              ? `parked after ${parked.attempts} tries, ${replayed ? 'replayed' : 'not replayed'}`
              : `never parked: ${JSON.stringify(doomedRow ?? null)}`,
          ),
        ],
      };
    } finally {
      await rx.stop();
    }
  },
};
