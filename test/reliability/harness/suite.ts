import { globalVerdict, settle, type Criterion } from './checks.js';
import type { Fault } from './fault.js';
import { startStack } from './stack.js';

export interface FaultOutcome {
  id: string;
  passed: boolean;
  lost: number;
  duplicates: number;
  oversold: number;
}

export interface SuiteReport {
  faults: FaultOutcome[];
  passed: boolean;
  /** per fault, every criterion checked (its own, then the global ones) */
  table: { id: string; title: string; criteria: Criterion[] }[];
  logDir: string;
}

/**
 * Runs the faults one after the other on one stack: each injects its fault into its own burst
 * of orders, then the batch must settle and pass the global criteria plus the fault's own.
 */
export async function runFaultSuite(
  faults: Fault[],
  opts: { workers: number; scale: number; settleMs: number; progress?: (line: string) => void },
): Promise<SuiteReport> {
  const stack = await startStack({ workers: opts.workers, hotStockPerLocation: 20 * opts.scale });
  const report: SuiteReport = { faults: [], passed: true, table: [], logDir: stack.logDir };
  try {
    for (const fault of faults) {
      const started = Date.now();
      let criteria: Criterion[];
      let outcome: FaultOutcome;
      try {
        const run = await fault.run(stack, opts.scale);
        const stranded = await settle(stack, run.gids, opts.settleMs);
        const verdict = await globalVerdict(stack, run.gids, stranded);
        criteria = [...run.criteria, ...verdict.criteria];
        outcome = {
          id: fault.id,
          passed: criteria.every((c) => c.passed),
          lost: verdict.lost,
          duplicates: verdict.duplicates,
          oversold: verdict.oversold,
        };
      } catch (e) {
        criteria = [{ name: 'the fault ran to its end', passed: false, detail: (e as Error).message }];
        outcome = { id: fault.id, passed: false, lost: 0, duplicates: 0, oversold: 0 };
      }
      report.faults.push(outcome);
      report.table.push({ id: fault.id, title: fault.title, criteria });
      report.passed &&= outcome.passed;
      opts.progress?.(
        `${fault.id} ${outcome.passed ? 'passed' : 'FAILED'} in ${Math.round((Date.now() - started) / 100) / 10} s`,
      );
    }
  } finally {
    await stack.close();
  }
  return report;
}

/** The pass criteria as a table, one row per criterion. */
export function formatTable(report: SuiteReport): string {
  const rows = report.table.flatMap((f) =>
    f.criteria.map((c) => [f.id, f.title, c.name, c.passed ? 'pass' : 'FAIL', c.detail]),
  );
  const head = ['fault', 'injected', 'criterion', 'result', 'seen'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join(' | ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)].join('\n');
}
