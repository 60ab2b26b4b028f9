import { parseArgs } from 'node:util';
import { createMiraklSim, publishedMinIntervals } from './server.js';

/**
 * `sim mirakl --port <p> [--api-key K] [--shop-name N] [--debit-delay-ms N] [--free-calls]`:
 * one Mirakl operator's seller API. Needs no environment; the default key is `mirakl-demo-key`.
 * The operator's published call frequencies are enforced unless `--free-calls` is given.
 */
export async function runMirakl(args: string[]): Promise<{ url: string; stop: () => Promise<void> }> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', default: '0' },
      host: { type: 'string', default: '127.0.0.1' },
      'api-key': { type: 'string', default: 'mirakl-demo-key' },
      'shop-name': { type: 'string', default: 'Boutique démo' },
      'debit-delay-ms': { type: 'string', default: '0' },
      'free-calls': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const sim = createMiraklSim({
    apiKey: values['api-key'],
    shopName: values['shop-name'],
    host: values.host,
    debitDelayMs: Number(values['debit-delay-ms']),
    minIntervalMs: values['free-calls'] ? {} : publishedMinIntervals,
  });
  const url = await sim.start(Number(values.port));
  console.error(
    `[sim/mirakl] seller API at ${url}/api (Authorization: ${values['api-key']}); control API at ${url}/_sim/health`,
  );
  return { url, stop: () => sim.stop() };
}
