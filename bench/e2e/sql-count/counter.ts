/** The process-wide statement count, shared by the postgres wrapper and the preload through globalThis. */
const key = Symbol.for('lapp.bench.sqlStatements');
type Holder = { [key]?: number };

export function countStatement(): void {
  const g = globalThis as Holder;
  g[key] = (g[key] ?? 0) + 1;
}

export function statementsSent(): number {
  return (globalThis as Holder)[key] ?? 0;
}
