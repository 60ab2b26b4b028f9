import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { createAmazonSim } from '../../sim/amazon/index.js';
import { createRedisCallGate } from '../../core/integrations/channels/call-gate.js';
import { createMemoryTokenCache } from '../../core/integrations/channels/amazon/amazon-client.js';
import { createAmazonChannel } from '../../core/integrations/channels/amazon/amazon-channel.js';
import { runChannelContract } from './channel-contract.js';

runChannelContract('Amazon SP-API', async () => {
  const sim = createAmazonSim({ clientSecret: 'contract-secret', refreshToken: 'Atzr|contract' });
  const url = await sim.start(0);
  for (const sku of ['CONTRACT-A', 'CONTRACT-B']) sim.state.setListing(sku, 1);
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { lazyConnect: false });
  const gate = createRedisCallGate(redis, `{amazon-contract-${randomBytes(4).toString('hex')}}`);
  const settings = {
    kind: 'amazon' as const,
    sellerId: sim.state.sellerId,
    marketplaceId: sim.state.marketplaceId,
    lwaUrl: `${url}/auth/o2/token`,
    queueUrl: sim.queueUrl,
    pollEveryMs: 0,
    sweepEveryMs: 0,
    pageSize: 4,
    waitTimeSeconds: 0,
  };
  const account = {
    id: 1,
    code: 'amazon-fr',
    baseUrl: url,
    clientId: sim.credentials.clientId,
    clientSecret: 'contract-secret',
    refreshToken: 'Atzr|contract',
    settings,
  };
  const channel = createAmazonChannel(account, { gate, tokens: createMemoryTokenCache() });
  const badCredentials = createAmazonChannel(
    { ...account, id: 2, refreshToken: 'Atzr|revoked' },
    { gate, tokens: createMemoryTokenCache() },
  );
  return {
    channel,
    badCredentials,
    pageSize: settings.pageSize,
    async placeOrder(lines) {
      return sim.state.placeOrder({ lines }).orderId;
    },
    async inspect(id) {
      const o = sim.state.get(id);
      const p = sim.state.packagesOf(id).at(-1);
      return {
        shipped: o.fulfillment?.fulfillmentStatus === 'SHIPPED',
        carrierCode: p?.carrierCode ?? null,
        trackingNumber: p?.trackingNumber ?? null,
      };
    },
    async offeredQuantity(sku) {
      return sim.state.listings().find((l) => l.sku === sku)?.quantity ?? null;
    },
    async fault(f) {
      sim.setFault(f);
    },
    async close() {
      await sim.stop();
      redis.disconnect();
    },
  };
});
