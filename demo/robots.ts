import type { DemoActivityOptions } from './activity.js';

/** One 3PL robot per warehouse, each with its own feed key; started when sim/3pl is present. */
export async function startDemoRobots(opts: DemoActivityOptions): Promise<{ stop(): Promise<void> | void }[]> {
  void opts;
  return [];
}
