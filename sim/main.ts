/**
 * Simulators of the outside world, one sub-command each:
 *   npm run sim -- shopify --port <p> [--app-url <url>] [--seed demo]
 *   npm run sim -- mirakl --port <p> [--api-key K] [--free-calls]
 *   npm run sim -- amazon --port <p> [--refresh-token R] [--free-calls]
 *   npm run sim -- 3pl --app-url <url> --api-key <key> [--ship-delay-ms N] [--poll-ms N]
 * Prints exactly one line "ready: <url>" on stdout once listening; logs go to stderr.
 */
import { threePlCommand } from './3pl/cli.js';
import { runAmazon } from './amazon/cli.js';
import { runMirakl } from './mirakl/cli.js';
import { runShopify } from './shopify/cli.js';

/** A simulator sub-command: parses its own flags, starts, resolves to the URL it listens on. */
export type SimCommand = (args: string[]) => Promise<{ url: string; stop: () => Promise<void> }>;

const commands: Record<string, SimCommand> = {
  shopify: runShopify,
  '3pl': threePlCommand,
  mirakl: runMirakl,
  amazon: runAmazon,
};

async function main(): Promise<void> {
  const [name, ...args] = process.argv.slice(2);
  const command = name ? commands[name] : undefined;
  if (!command) {
    console.error(`usage: npm run sim -- <${Object.keys(commands).join('|')}> [options]`);
    process.exit(2);
  }
  const { url, stop } = await command(args);
  process.stdout.write(`ready: ${url}\n`);
  const shutdown = (): void => {
    void stop().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
