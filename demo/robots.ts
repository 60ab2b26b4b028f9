import { createThreePlRobot } from '../sim/3pl/index.js';
import type { DemoActivityOptions } from './activity.js';

/**
 * One 3PL robot per warehouse, each with its own feed key, using only the public feed. Times are
 * compressed so a person watching the demo sees orders ship within a minute and arrive in a few.
 */
export async function startDemoRobots(opts: DemoActivityOptions): Promise<{ stop(): Promise<void> }[]> {
  const robots = opts.warehouses.map((w, i) =>
    createThreePlRobot({
      appUrl: opts.appUrl,
      apiKey: w.apiKey,
      name: w.name,
      seed: 100 + i,
      pollIntervalMs: 3000,
      shipDelayMs: { min: 10_000, max: 45_000 },
      partialShipRate: 0.05,
      rejectRate: 0.01,
      // an hour of carrier time per second of demo time
      trackingEventsSchedule: { timeScale: 1 / 3600 },
      inventory: { onHand: 'track', snapshotEveryMs: null },
      // returned parcels are opened a couple of minutes after approval; about one unit in six arrives damaged
      returns: { receiveAfterMs: 120_000, damagedRate: 0.15, refurbishRate: 0.05 },
      log: (message, data) => opts.log.debug({ robot: w.name, ...data }, message),
    }),
  );
  for (const r of robots) await r.start();
  return robots;
}
