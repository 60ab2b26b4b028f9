import { createFeedWarehouse } from '../../core/integrations/warehouses/feed-warehouse.js';
import { createHttpWarehouse } from '../../core/integrations/warehouses/http-warehouse.js';
import { createPushReceiver } from '../../sim/3pl/push-receiver.js';
import { startFlakyProxy } from '../../sim/3pl/test-support/flaky-proxy.js';
import { describeWarehouseContract } from './warehouse-contract.js';

const secret = 'whsec_contract_secret';

// the feed style: listing happens in our database and the 3PL pulls it later, so no call fails here
describeWarehouseContract('feed', async () => ({
  adapter: async () => createFeedWarehouse(),
  faulty: {},
  close: async () => undefined,
}));

// the http style, against the 3PL push receiver of sim/3pl (and a proxy in front of it for 429s)
describeWarehouseContract('http push', async () => {
  const rx = createPushReceiver({ secret, toleranceSeconds: 300 });
  const url = await rx.start();
  const closers: (() => Promise<void>)[] = [];
  const http = (base: string, opts: { secret?: string; timeoutMs?: number } = {}) =>
    // the receiver listens on loopback over plain http: the policy a local simulator needs (never production's)
    createHttpWarehouse({
      warehouseId: 1,
      url: base,
      secret: opts.secret ?? secret,
      timeoutMs: opts.timeoutMs ?? 5000,
      net: { allowPrivateNetwork: true, requireHttps: false },
    });
  return {
    adapter: async () => http(url),
    held: async (allocationId) => rx.received().filter((r) => r.order.allocationId === allocationId).length,
    faulty: {
      // nothing listens on port 1
      unreachable: async () => http('http://127.0.0.1:1'),
      timeout: async () => {
        rx.setBehaviour({ timeoutRate: 1, hangMs: 2000 });
        return http(url, { timeoutMs: 300 });
      },
      server_error: async () => {
        rx.setBehaviour({ failRate: 1 });
        return http(url);
      },
      rate_limited: async () => {
        const proxy = await startFlakyProxy(url, () => 'rate-limit');
        closers.push(proxy.close);
        return http(proxy.url);
      },
      // a 3PL that does not know our secret turns every push away
      refused: async () => http(url, { secret: 'not-the-secret' }),
    },
    close: async () => {
      for (const c of closers) await c();
      await rx.stop();
    },
  };
});
