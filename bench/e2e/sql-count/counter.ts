/** The process-wide statement count, shared by the postgres wrapper and the preload through globalThis. */
const key = Symbol.for('lapp.bench.sqlStatements');
type Holder = { [key]?: number };

const byText = new Map<string, number>();

/** Counts one statement; with BENCH_SQL_TOP set, also by its text (the first 160 characters). */
export function countStatement(text?: string): void {
  const g = globalThis as Holder;
  g[key] = (g[key] ?? 0) + 1;
  if (text !== undefined && process.env.BENCH_SQL_TOP) {
    const k = text.replace(/\s+/g, ' ').slice(0, 160);
    byText.set(k, (byText.get(k) ?? 0) + 1);
  }
}

/** The most sent statements, when BENCH_SQL_TOP is set: where a job's statements go. */
export function topStatements(n = 60): [string, number][] {
  return [...byText].sort((a, b) => b[1] - a[1]).slice(0, n);
}

export function statementsSent(): number {
  return (globalThis as Holder)[key] ?? 0;
}
