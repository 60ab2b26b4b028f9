import { runRoutingBench } from './run-routing-bench.js';

function flag(args: string[], name: string): string | undefined {
  const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  const a = args[i]!;
  return a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[i + 1];
}

/**
 * `npm run bench -- routing [--orders N] [--seed S] [--json]`: routes the generated orders with
 * our engine and with the Shopify reference; a summary goes to stderr and the JSON result is the
 * last line of stdout.
 */
export async function main(args: string[]): Promise<void> {
  const ordersArg = flag(args, 'orders');
  const orders = ordersArg === undefined ? 10_000 : Number(ordersArg);
  if (!Number.isInteger(orders) || orders <= 0) throw new Error('--orders must be a positive integer');
  const seedArg = flag(args, 'seed');
  const seed = seedArg === undefined ? 42 : /^\d+$/.test(seedArg) ? Number(seedArg) : seedArg;
  process.stderr.write(`[bench] routing: ${orders} orders, seed ${seed}\n`);
  const result = runRoutingBench({ orders, seed });
  const line = (name: string, f: typeof result.ours): string =>
    `[bench] ${name.padEnd(9)} split_rate ${f.split_rate}  cost ${f.cost}  promise_met ${f.promise_met}  km ${f.km}  backorder_rate ${f.backorder_rate}\n`;
  process.stderr.write(line('ours', result.ours) + line('reference', result.reference));
  process.stderr.write(
    `[bench] cost_ratio ${result.cost_ratio}  split_ratio ${result.split_ratio}  target_met ${result.target_met}\n`,
  );
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
