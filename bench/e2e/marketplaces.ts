import { sql } from 'drizzle-orm';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { Database } from '../../core/db/client.js';
import { note } from '../lib/args.js';
import { createAmazonSim, type AmazonSim } from '../../sim/amazon/index.js';
import { createMiraklSim, type MiraklSim } from '../../sim/mirakl/index.js';
import type { FlashShop } from './flash-shop.js';

export type MarketplaceKind = 'mirakl' | 'amazon';
/** the channel codes the accounts get, as `orders.channel` stores them */
export const CHANNEL_CODE: Record<MarketplaceKind, string> = { mirakl: 'fnac', amazon: 'amazon-fr' };

/**
 * How often the app reads each marketplace under the bench. A real Mirakl operator allows OR11
 * once a minute and the admin API polls at least a minute apart; at that pace a marketplace order
 * would take one to two minutes to reach the 3PL, longer than a short run. The bench polls every
 * 2 s so its marketplace orders go through within the run: their latency is the bench's pace.
 */
const BENCH_POLL_MS = 2000;
/** the accounts' own pace (pollEveryMinutes: 1), which an idle app runs at */
const OPERATOR_POLL_MS = 60_000;

export interface Marketplaces {
  mirakl: MiraklSim;
  amazon: AmazonSim;
  accountId: Record<MarketplaceKind, number>;
  /** Amazon's getOrder usage plan is 0.5/s and each order is one getOrder: stay under it */
  amazonMaxPerSecond: number;
  place(
    kind: MarketplaceKind,
    i: number,
    lines: { sku: string; quantity: number }[],
    zip: string,
    city: string,
  ): string;
  /** back to the accounts' own pace, so an idle window measures the app rather than the bench's polling */
  operatorPace(): Promise<void>;
  /** the marketplace shows the order shipped (with our carrier and tracking) */
  confirmed(kind: MarketplaceKind, orderId: string): boolean;
  stop(): Promise<void>;
}

/**
 * One Mirakl operator (Fnac Darty on sim/mirakl) and one Amazon seller (Amazon.fr on sim/amazon,
 * its published usage plans enforced), connected by the merchant through the admin API like the
 * Channels page does, selling every SKU of the flash shop.
 */
export async function connectMarketplaces(opts: {
  shop: FlashShop;
  database: Database;
  skus: string[];
  queuePrefix: string;
  redisUrl: string;
}): Promise<Marketplaces> {
  const mirakl = createMiraklSim({ apiKey: 'bench-fnac-key', shopName: 'Flash (Fnac Darty)' });
  const amazon = createAmazonSim({ storeName: 'Flash' });
  const [miraklUrl, amazonUrl] = await Promise.all([mirakl.start(0), amazon.start(0)]);
  for (const sku of opts.skus) {
    mirakl.state.setOffer(sku, 0);
    amazon.state.setListing(sku, 0);
  }
  const created = async (body: Record<string, unknown>) =>
    ((await opts.shop.admin('POST', '/channel-accounts', body)).account as { id: number }).id;
  const accountId = {
    mirakl: await created({
      kind: 'mirakl',
      name: 'Fnac Darty',
      code: CHANNEL_CODE.mirakl,
      baseUrl: miraklUrl,
      apiKey: 'bench-fnac-key',
      carriers: mirakl.state.carriers.map((c) => ({ code: c.code, label: c.label })),
      pollEveryMinutes: 1,
    }),
    amazon: await created({
      kind: 'amazon',
      name: 'Amazon.fr',
      code: CHANNEL_CODE.amazon,
      baseUrl: amazonUrl,
      lwaUrl: `${amazonUrl}/auth/o2/token`,
      sellerId: amazon.state.sellerId,
      marketplaceId: amazon.state.marketplaceId,
      clientId: amazon.credentials.clientId,
      clientSecret: amazon.credentials.clientSecret,
      refreshToken: amazon.credentials.refreshToken,
      queueUrl: amazon.queueUrl,
      pollEveryMinutes: 1,
    }),
  };
  // the bench's pace (see BENCH_POLL_MS); Amazon's queue read without a long-poll wait so a poll job stays short
  const pollEvery = async (ms: number) => {
    await opts.database.query(sql`
      update channel_accounts set settings = settings || jsonb_build_object('pollEveryMs', ${ms}::int)
        || case when kind = 'amazon' then '{"waitTimeSeconds": 0}'::jsonb else '{}'::jsonb end
      where id in (${accountId.mirakl}, ${accountId.amazon})`);
    // the app's own schedule task puts the poll schedules in place now rather than at its next minute
    const connection = new Redis(opts.redisUrl, { maxRetriesPerRequest: 1 });
    const maintenance = new Queue('maintenance', { connection, prefix: opts.queuePrefix });
    const job = await maintenance.add(
      'maintenance',
      { task: 'schedule-reconcile' },
      { jobId: `bench-channel-polls-${ms}-${Date.now()}` },
    );
    for (let i = 0; i < 600 && !(await job.isCompleted()); i++) await new Promise((r) => setTimeout(r, 50));
    const channels = new Queue('channels', { connection, prefix: opts.queuePrefix });
    const polls = (await channels.getJobSchedulers()).filter((s) => s.key.startsWith('chpoll-'));
    note(
      `marketplace polls every ${polls.map((s) => `${s.every ?? '?'} ms`).join(', ')} (schedule task done: ${await job.isCompleted()})`,
    );
    await channels.close();
    await maintenance.close();
    connection.disconnect();
  };
  await pollEvery(BENCH_POLL_MS);

  return {
    mirakl,
    amazon,
    accountId,
    amazonMaxPerSecond: 0.4,
    place(kind, i, lines, zip, city) {
      if (kind === 'mirakl')
        return mirakl.state.placeOrder({
          lines,
          address: {
            firstname: 'Client',
            lastname: `M${i}`,
            street_1: `${i} rue du Marché`,
            zip_code: zip,
            city,
            country_iso_code: 'FRA',
          },
        }).order_id;
      return amazon.state.placeOrder({
        lines,
        address: {
          name: `Client A${i}`,
          addressLine1: `${i} rue du Commerce`,
          postalCode: zip,
          city,
          countryCode: 'FR',
        },
      }).orderId;
    },
    operatorPace: () => pollEvery(OPERATOR_POLL_MS),
    confirmed(kind, orderId) {
      return kind === 'mirakl'
        ? mirakl.state.get(orderId).order_state === 'SHIPPED'
        : amazon.state.get(orderId).fulfillment?.fulfillmentStatus === 'SHIPPED';
    },
    async stop() {
      await Promise.all([mirakl.stop(), amazon.stop()]);
    },
  };
}
