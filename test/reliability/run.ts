/**
 * `npm run test:reliability [-- --short] [--only F1,F3] [--scale N] [--workers N]`: the fault
 * suite. Prints the pass criteria as a table, then one JSON line last:
 * `{ "faults": [ { "id", "passed", "lost", "duplicates", "oversold" } ], "passed" }`.
 */
import { faults } from './faults/index.js';
import { formatTable, runFaultSuite } from './harness/suite.js';

const args = process.argv.slice(2);
const value = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const only = value('only')?.split(',');
const short = args.includes('--short');
const chosen = faults.filter((f) => (only ? only.includes(f.id) : !short || f.short));
const report = await runFaultSuite(chosen, {
  workers: Number(value('workers') ?? 2),
  scale: Number(value('scale') ?? (short ? 1 : 3)),
  settleMs: 120_000,
  progress: (line) => process.stderr.write(`${line}\n`),
});
process.stdout.write(`${formatTable(report)}\n(process logs: ${report.logDir})\n`);
process.stdout.write(`${JSON.stringify({ faults: report.faults, passed: report.passed })}\n`);
process.exit(report.passed ? 0 : 1);
