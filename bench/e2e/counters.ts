import { existsSync, readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { queueNames } from '../../core/queue/names.js';

/**
 * SQL statements sent by the app processes so far. Each process runs with the
 * sql-count/register.ts preload: a SIGUSR2 makes it write `{ seq, statements }` to its file,
 * and this waits until every file shows the answer to this very signal.
 */
export async function sqlStatements(procs: { pid: number; countFile: string }[], timeoutMs = 5000): Promise<number> {
  const read = (f: string): { seq: number; statements: number } | null =>
    existsSync(f) ? (JSON.parse(readFileSync(f, 'utf8')) as { seq: number; statements: number }) : null;
  const before = procs.map((p) => read(p.countFile)?.seq ?? 0);
  for (const p of procs) process.kill(p.pid, 'SIGUSR2');
  const until = Date.now() + timeoutMs;
  for (;;) {
    const now = procs.map((p) => read(p.countFile));
    if (now.every((n, i) => n !== null && n.seq > before[i]!)) return now.reduce((s, n) => s + n!.statements, 0);
    if (Date.now() > until) throw new Error('an app process did not write its SQL statement count within 5 s');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * BullMQ jobs added so far on every queue under `prefix`: the per-queue id counter
 * (`<prefix>:<queue>:id`), which each add increments, a duplicate job id included (an add that
 * found its job already there still cost the producer a round trip and a script).
 */
export async function jobsAdded(redis: Redis, prefix: string): Promise<Record<string, number>> {
  const values = await redis.mget(...queueNames.map((q) => `${prefix}:${q}:id`));
  return Object.fromEntries(queueNames.map((q, i) => [q, Number(values[i] ?? 0)]));
}

export const sumJobs = (byQueue: Record<string, number>) => Object.values(byQueue).reduce((s, n) => s + n, 0);

/** The machine's redis-server pid, from INFO (null if Redis does not say). */
export async function redisPid(redis: Redis): Promise<number | null> {
  const m = /process_id:(\d+)/.exec(await redis.info('server'));
  return m ? Number(m[1]) : null;
}

/**
 * Jobs of the app still to run within `horizonMs` (waiting, active, prioritized, or delayed until
 * then) on every queue but `skip`: trailing work of a run (a stock push spaced out, a sync that
 * waited for its lease), which an idle window should not count as the cost of being idle.
 */
export async function pendingWork(
  redis: Redis,
  prefix: string,
  horizonMs: number,
  skip: readonly string[] = [],
): Promise<number> {
  const until = (Date.now() + horizonMs) * 0x1000;
  let n = 0;
  for (const q of queueNames.filter((name) => !skip.includes(name))) {
    const key = `${prefix}:${q}`;
    const [wait, active, prioritized, due] = await Promise.all([
      redis.llen(`${key}:wait`),
      redis.llen(`${key}:active`),
      redis.zcard(`${key}:prioritized`),
      redis.zcount(`${key}:delayed`, 0, until),
    ]);
    n += wait + active + prioritized + due;
  }
  return n;
}
