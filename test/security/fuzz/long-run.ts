/**
 * `npm run test:security`: the long fuzz (100,000 requests by default, FUZZ_REQUESTS to change).
 * Its last line is `{ "requests", "responses_5xx", "db_changed" }`; it exits 1 on any failure.
 */
import setupTemplate from '../../helpers/global-setup.js';
import { runFuzz, startFuzzWorld } from './run-fuzz.js';

process.env.LOG_LEVEL = 'silent';
await setupTemplate();
const w = await startFuzzWorld();
const report = await runFuzz(
  w,
  Number(process.env.FUZZ_REQUESTS ?? 100_000),
  Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000),
);
await w.close();
for (const f of report.failures) process.stderr.write(`${JSON.stringify(f)}\n`);
process.stdout.write(
  `${JSON.stringify({ requests: report.requests, responses_5xx: report.responses_5xx, db_changed: report.db_changed })}\n`,
);
process.exit(report.responses_5xx === 0 && !report.db_changed && report.failures.length === 0 ? 0 : 1);
