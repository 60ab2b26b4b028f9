/**
 * `npm run bench -- <workload> [--json] [--seconds N] ...`: each workload lives in
 * bench/<workload>/cli.ts and prints its JSON result as the last line of stdout.
 */
const [workload, ...args] = process.argv.slice(2);
const known = ['intake', 'routing', 'e2e', 'replenishment', 'admin'];
if (!workload || !known.includes(workload)) {
  console.error(`usage: npm run bench -- <${known.join('|')}> [--json] [--seconds N]`);
  process.exit(2);
}
const mod = (await import(`./${workload}/cli.js`)) as { main(args: string[]): Promise<void> };
await mod.main(args);
process.exit(0);
