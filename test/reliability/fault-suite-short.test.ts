import { describe, expect, it } from 'vitest';
import { faults } from './faults/index.js';
import { formatTable, runFaultSuite } from './harness/suite.js';

/**
 * The short run of the fault suite inside `npm test`: the faults marked short, at the smallest
 * scale, on their own processes and private Postgres and Redis. `npm run test:reliability` runs
 * all twelve at full scale.
 */
describe('fault suite, short run', () => {
  it('passes every criterion', async () => {
    const report = await runFaultSuite(
      faults.filter((f) => f.short),
      { workers: 2, scale: 1, settleMs: 90_000 },
    );
    expect(report.passed, formatTable(report)).toBe(true);
    expect(report.faults.length).toBeGreaterThanOrEqual(5);
  }, 600_000);
});
