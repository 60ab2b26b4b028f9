import { parseArgs } from 'node:util';
import { createAmazonSim } from './server.js';

/**
 * `sim amazon --port <p> [--client-id I] [--client-secret S] [--refresh-token R] [--seller-id S]
 * [--marketplace-id M] [--free-calls]`: one seller's SP-API, its LWA token endpoint and its
 * ORDER_CHANGE SQS queue at one origin. Needs no environment; the defaults are the demo's
 * credentials. Amazon's published usage plans are enforced unless `--free-calls` is given.
 */
export async function runAmazon(args: string[]): Promise<{ url: string; stop: () => Promise<void> }> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', default: '0' },
      host: { type: 'string', default: '127.0.0.1' },
      'client-id': { type: 'string', default: 'amzn1.application-oa2-client.sim' },
      'client-secret': { type: 'string', default: 'amazon-demo-secret' },
      'refresh-token': { type: 'string', default: 'Atzr|amazon-demo-refresh' },
      'seller-id': { type: 'string', default: 'A2SIMSELLER01' },
      'marketplace-id': { type: 'string', default: 'A13V1IB3VIYZZH' },
      'store-name': { type: 'string', default: 'Boutique démo' },
      'free-calls': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const sim = createAmazonSim({
    clientId: values['client-id'],
    clientSecret: values['client-secret'],
    refreshToken: values['refresh-token'],
    sellerId: values['seller-id'],
    marketplaceId: values['marketplace-id'],
    storeName: values['store-name'],
    host: values.host,
    ...(values['free-calls'] ? { usagePlans: {} } : {}),
  });
  const url = await sim.start(Number(values.port));
  console.error(
    `[sim/amazon] SP-API and LWA (${url}/auth/o2/token) at ${url}; SQS queue ${sim.queueUrl}; control API at ${url}/_sim/health`,
  );
  return { url, stop: () => sim.stop() };
}
