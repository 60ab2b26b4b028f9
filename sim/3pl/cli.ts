import { parseArgs } from 'node:util';
import type { DelaySpec, RobotLog } from './options.js';
import { createPushReceiver } from './push-receiver.js';
import { createThreePlRobot } from './robot.js';

/** Same shape as `SimCommand` in sim/main.ts: parses its flags, starts, resolves to what the ready line shows. */
export type ThreePlCommand = (args: string[]) => Promise<{ url: string; stop: () => Promise<void> }>;

const usage =
  'sim 3pl --app-url <url> --api-key <key> [--ship-delay-ms N|MIN-MAX] [--poll-ms N] [--name S] [--seed S] [--reject-rate R] [--partial-rate R] ' +
  '[--time-scale K] [--on-hand track|<json>] [--snapshot-ms N] [--push-port N --push-secret S]';

function delay(text: string): DelaySpec {
  const m = /^(\d+)(?:-(\d+))?$/.exec(text.trim());
  if (!m) throw new Error(`--ship-delay-ms takes N or MIN-MAX, not "${text}"\nusage: ${usage}`);
  return m[2] === undefined ? Number(m[1]) : { min: Number(m[1]), max: Number(m[2]) };
}

function rate(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const x = Number(text);
  if (!Number.isFinite(x) || x < 0) throw new Error(`--${name} takes a non-negative number, not "${text}"`);
  return x;
}

function onHand(text: string | undefined): Record<string, number> | 'track' {
  if (!text || text === 'track') return 'track';
  const parsed: unknown = JSON.parse(text);
  if (!parsed || typeof parsed !== 'object' || Object.values(parsed).some((v) => typeof v !== 'number'))
    throw new Error('--on-hand takes "track" or a JSON object of SKU to units');
  return parsed as Record<string, number>;
}

/**
 * `sim 3pl`: a 3PL robot pulling from the app's feed (ready line: what it polls), or with
 * `--push-port` a warehouse taking the app's signed pushes (ready line: its base URL), shipping
 * through the feed when it has a key. The key may come from THREEPL_API_KEY, the push secret from
 * THREEPL_PUSH_SECRET. Carrier scans run 600 times faster than life unless --time-scale says otherwise.
 */
export const threePlCommand: ThreePlCommand = async (args) => {
  const { values: v } = parseArgs({
    args,
    options: {
      'app-url': { type: 'string' },
      'api-key': { type: 'string' },
      'ship-delay-ms': { type: 'string' },
      'poll-ms': { type: 'string' },
      name: { type: 'string' },
      seed: { type: 'string' },
      'reject-rate': { type: 'string' },
      'partial-rate': { type: 'string' },
      'time-scale': { type: 'string' },
      'on-hand': { type: 'string' },
      'snapshot-ms': { type: 'string' },
      'push-port': { type: 'string' },
      'push-secret': { type: 'string' },
    },
    strict: true,
  });
  const appUrl = v['app-url'];
  const apiKey = v['api-key'] ?? process.env.THREEPL_API_KEY;
  const name = v.name ?? '3pl-robot';
  const log: RobotLog = (message) => console.error(`[sim/3pl] ${message}`);
  const common = {
    ...(appUrl ? { appUrl } : {}),
    ...(apiKey ? { apiKey } : {}),
    name,
    seed: v.seed ?? name,
    log,
    shipDelayMs: delay(v['ship-delay-ms'] ?? '2000-8000'),
    partialShipRate: rate('partial-rate', v['partial-rate'], 0.05),
    trackingEventsSchedule: { timeScale: rate('time-scale', v['time-scale'], 1 / 600) },
  };
  const pollIntervalMs = rate('poll-ms', v['poll-ms'], 1000);

  if (v['push-port'] !== undefined) {
    const secret = v['push-secret'] ?? process.env.THREEPL_PUSH_SECRET;
    if (!secret)
      throw new Error(`--push-secret (or THREEPL_PUSH_SECRET) is required with --push-port\nusage: ${usage}`);
    const rx = createPushReceiver({ ...common, secret, port: rate('push-port', v['push-port'], 0), pollIntervalMs });
    const url = await rx.start();
    log(
      `${name}: taking signed pushes at ${url}/orders${appUrl && apiKey ? `, shipping through ${appUrl}/feed/v1` : ' (no feed key: nothing ships)'}`,
    );
    return { url, stop: () => rx.stop() };
  }

  if (!appUrl || !apiKey) throw new Error(`--app-url and --api-key (or THREEPL_API_KEY) are required\nusage: ${usage}`);
  const snapshotEveryMs = v['snapshot-ms'] === undefined ? null : rate('snapshot-ms', v['snapshot-ms'], 0);
  const robot = createThreePlRobot({
    ...common,
    appUrl,
    apiKey,
    pollIntervalMs,
    rejectRate: rate('reject-rate', v['reject-rate'], 0),
    inventory: { onHand: onHand(v['on-hand']), snapshotEveryMs },
  });
  await robot.start();
  return {
    url: `3pl robot "${name}" polling ${appUrl.replace(/\/+$/, '')}/feed/v1 every ${pollIntervalMs} ms`,
    stop: () => robot.stop(),
  };
};
