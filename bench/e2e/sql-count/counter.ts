/** The process-wide statement count, shared by the postgres wrapper and the preload through globalThis. */
const key = Symbol.for('lapp.bench.sqlStatements');
type Holder = { [key]?: number };

const byText = new Map<string, number>();
/** Full texts seen under each 160-character prefix: more than one is a statement whose text follows its rows. */
const fullTexts = new Map<string, Set<string>>();

const byTransaction = new Map<string, number>();
const openTransactions = new Map<unknown, string[]>();

/**
 * Counts one statement; with BENCH_SQL_TOP set, also by its text (the first 160 characters),
 * and each transaction by the statements it sent on its connection (the first 40 characters of each).
 */
export function countStatement(text?: string, connection?: unknown): void {
  const g = globalThis as Holder;
  g[key] = (g[key] ?? 0) + 1;
  if (text !== undefined && process.env.BENCH_SQL_TOP) {
    const k = text.replace(/\s+/g, ' ').slice(0, 160);
    byText.set(k, (byText.get(k) ?? 0) + 1);
    const texts = fullTexts.get(k) ?? new Set<string>();
    fullTexts.set(k, texts.add(text));
    countTransaction(k.trim(), connection);
  }
}

function countTransaction(statement: string, connection: unknown): void {
  if (connection === undefined) return;
  if (statement.startsWith('begin')) return void openTransactions.set(connection, []);
  const open = openTransactions.get(connection);
  if (!open) return;
  if (statement === 'commit' || statement === 'rollback') {
    openTransactions.delete(connection);
    const k = [...open, statement].join(' | ');
    byTransaction.set(k, (byTransaction.get(k) ?? 0) + 1);
  } else open.push(statement.slice(0, 40));
}

/** The most frequent transactions, when BENCH_SQL_TOP is set: which code paths pay a begin and a commit. */
export function topTransactions(n = 30): [string, number][] {
  return [...byTransaction].sort((a, b) => b[1] - a[1]).slice(0, n);
}

/** The most sent statements, when BENCH_SQL_TOP is set: where a job's statements go. */
export function topStatements(n = 60): [string, number][] {
  return [...byText].sort((a, b) => b[1] - a[1]).slice(0, n);
}

/**
 * Statements sent under more than one text, when BENCH_SQL_TOP is set: Postgres parses and plans
 * each text afresh on every connection, so a text that changes with its row count is planned over
 * and over.
 */
export function variableTexts(n = 30): [string, number][] {
  return [...fullTexts]
    .map(([k, texts]): [string, number] => [k, texts.size])
    .filter(([, size]) => size > 1)
    .sort((a, b) => b[1] - a[1])
    .slice(0, n);
}

export function statementsSent(): number {
  return (globalThis as Holder)[key] ?? 0;
}
