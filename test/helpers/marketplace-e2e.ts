import { and, eq } from 'drizzle-orm';
import { allocations, orders } from '../../drizzle/schema/index.js';
import { createThreePlRobot } from '../../sim/3pl/index.js';
import type { RealApp } from './real-app.js';
import { waitFor } from './wait.js';

/** What a marketplace end-to-end test has once its `beforeAll` ran. */
export interface MarketplaceRun {
  r: RealApp;
  shopId: number;
  accountId: number;
  /** the 3PL's feed key */
  key: string;
}

/**
 * What the marketplace end-to-end tests do alike, whatever the marketplace: poll its account, find
 * its orders (stored under the account's code as channel) and their allocations, and ship them
 * through the 3PL robot. `run` is read at each call, since the tests set it up in `beforeAll`.
 */
export function marketplaceSteps(run: () => MarketplaceRun, channel: string) {
  let polls = 0;
  const db = () => run().r.t.ctx.db;
  const allocationsOf = (orderId: number) => db().select().from(allocations).where(eq(allocations.orderId, orderId));
  const ourOrder = (externalId: string) =>
    db()
      .select()
      .from(orders)
      .where(and(eq(orders.shopId, run().shopId), eq(orders.channel, channel), eq(orders.externalId, externalId)));

  return {
    ourOrder,
    allocationsOf,
    /** Asks the channels worker to poll the account now. */
    poll: () =>
      run().r.t.ctx.queues.add(
        'channels',
        { shopId: run().shopId, accountId: run().accountId, task: 'poll' },
        { jobId: `test-${channel}-poll-${++polls}` },
      ),
    /** Our order for the marketplace's `externalId`, once the poll stored it. */
    storedOrder: async (externalId: string) =>
      (
        await waitFor('order stored', async () => ((await ourOrder(externalId)).length ? ourOrder(externalId) : null))
      )[0]!,
    /** The order's allocations once they are all waiting for the 3PL. */
    readyAllocations: (orderId: number) =>
      waitFor('allocation ready for the 3PL', async () => {
        const rows = await allocationsOf(orderId);
        return rows.length && rows.every((a) => a.status === 'ready') ? rows : null;
      }),
    /** Waits until one of the order's allocations waits for the 3PL. */
    allocated: (orderId: number) =>
      waitFor('allocated', async () => (await allocationsOf(orderId)).some((a) => a.status === 'ready')),
    /** Waits until the marketplace's cancellation reached the order and withdrew all its allocations. */
    cancelled: async (externalId: string, orderId: number) => {
      await waitFor('order cancelled', async () => (await ourOrder(externalId))[0]!.status === 'cancelled');
      await waitFor('allocation withdrawn', async () =>
        (await allocationsOf(orderId)).every((a) => a.status === 'cancelled'),
      );
    },
    /** The order's allocations that still stand. */
    liveAllocations: async (orderId: number) =>
      (await allocationsOf(orderId)).filter((a) => !['cancelled', 'rejected'].includes(a.status)),
    /** A 3PL robot on the feed, ticked until it shipped a parcel; its first parcel. */
    shipWithRobot: async (seed: string) => {
      const robot = createThreePlRobot({
        appUrl: run().r.url,
        apiKey: run().key,
        seed,
        shipDelayMs: 0,
        carriers: { colissimo: 1 },
        retry: { baseMs: 5, maxMs: 20 },
      });
      await waitFor('robot shipped', async () => {
        await robot.tick();
        return robot.stats().shippedParcels >= 1;
      });
      return robot.state().jobs[0]!.parcels[0]!;
    },
  };
}
