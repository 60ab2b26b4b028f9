import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { createMiraklSim } from '../../sim/mirakl/index.js';
import { createRedisCallGate } from '../../core/integrations/channels/call-gate.js';
import { runChannelContract } from './channel-contract.js';
import { createMiraklChannel } from '../../core/integrations/channels/mirakl/mirakl-channel.js';

runChannelContract('Mirakl', async () => {
  const sim = createMiraklSim({ apiKey: 'shop-key-1', updateOverlapMs: 2_000 });
  const url = await sim.start(0);
  for (const sku of ['CONTRACT-A', 'CONTRACT-B']) sim.state.setOffer(sku, 1);
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { lazyConnect: false });
  const gate = createRedisCallGate(redis, `{mirakl-contract-${randomBytes(4).toString('hex')}}`);
  const settings = {
    kind: 'mirakl' as const,
    carriers: sim.state.carriers.map((c) => ({ code: c.code, label: c.label })),
    pageSize: 4,
    pollEveryMs: 0,
    stockEveryMs: 0,
  };
  const channel = createMiraklChannel({ id: 1, code: 'fnac', baseUrl: url, apiKey: 'shop-key-1', settings }, { gate });
  const badCredentials = createMiraklChannel(
    { id: 2, code: 'fnac', baseUrl: url, apiKey: 'wrong', settings },
    { gate },
  );
  return {
    channel,
    badCredentials,
    pageSize: settings.pageSize,
    async placeOrder(lines) {
      return sim.state.placeOrder({ lines }).order_id;
    },
    async inspect(id) {
      const o = sim.state.get(id);
      return {
        shipped: o.order_state === 'SHIPPED',
        carrierCode: o.shipping_carrier_code,
        trackingNumber: o.shipping_tracking,
      };
    },
    async offeredQuantity(sku) {
      return sim.state.offers().find((o) => o.sku === sku)?.quantity ?? null;
    },
    async fault(f) {
      sim.setFault(f ? { ...f, retryAfterSeconds: 2 } : null);
    },
    async close() {
      await sim.stop();
      redis.disconnect();
    },
  };
});
