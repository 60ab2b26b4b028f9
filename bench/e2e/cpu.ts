import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import type { Database } from '../../core/db/client.js';

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ): 100 on every Linux build this runs on. */
const TICKS_PER_S = 100;

/** utime + stime of a process in ms, null when it has exited (or /proc hides it). */
export function processCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command name may hold spaces and parentheses: the fields start after its last ')'
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_S;
  } catch {
    return null;
  }
}

/** This process's own CPU in ms (the simulators, robots and load generator live here). */
export const selfCpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

export interface CpuParts {
  app: number;
  /** the app's CPU per process name */
  appByProcess: Record<string, number>;
  postgres: number;
  redis: number;
  simulators: number;
}

export interface CpuMeter {
  /** samples the bench database's backends now (call it every few hundred ms during a window) */
  sample(): Promise<void>;
  /** CPU ms used by each part since the meter was started */
  stop(): Promise<CpuParts>;
}

/**
 * CPU of every part over one window, from /proc/<pid>/stat. The app is the sum of its processes;
 * the simulators are this process; Redis is the machine's redis-server (shared with whatever
 * else uses it on this machine, so an upper bound). Postgres is approximated by the backends
 * serving the bench database: pg_stat_activity is sampled through the window since backends
 * come and go, each backend counts from its reading at the start (or from zero when it started
 * inside the window) to its last reading; the bench's own connections (application_name
 * `benchAppName`) and the server's background processes (WAL writer, checkpointer) are left out.
 */
export async function startCpuMeter(opts: {
  database: Database;
  dbName: string;
  benchAppName: string;
  appProcs: () => { name: string; pid: number }[];
  redisPid: number | null;
}): Promise<CpuMeter> {
  const startedAt = Date.now();
  const backends = new Map<number, { first: number; last: number }>();
  const appStart = new Map(opts.appProcs().map((p) => [p.pid, processCpuMs(p.pid) ?? 0]));
  const redisStart = opts.redisPid ? (processCpuMs(opts.redisPid) ?? 0) : 0;
  const selfStart = selfCpuMs();
  const sample = async (first: boolean) => {
    const rows = await opts.database.query<{ pid: number; started: string }>(sql`
      select pid, backend_start as started from pg_stat_activity
      where datname = ${opts.dbName} and application_name <> ${opts.benchAppName}`);
    for (const r of rows) {
      const ms = processCpuMs(Number(r.pid));
      if (ms === null) continue;
      const seen = backends.get(Number(r.pid));
      if (seen) seen.last = ms;
      else {
        const bornInside = !first && new Date(r.started).getTime() >= startedAt;
        backends.set(Number(r.pid), { first: bornInside ? 0 : ms, last: ms });
      }
    }
  };
  await sample(true);
  return {
    sample: () => sample(false),
    async stop() {
      await sample(false);
      const appByProcess: Record<string, number> = {};
      for (const p of opts.appProcs()) {
        const now = processCpuMs(p.pid);
        // a process that died inside the window takes its CPU with it: not counted
        appByProcess[p.name] = now === null ? 0 : now - (appStart.get(p.pid) ?? 0);
      }
      const app = Object.values(appByProcess).reduce((s, v) => s + v, 0);
      let postgres = 0;
      for (const b of backends.values()) postgres += b.last - b.first;
      const redis = opts.redisPid ? (processCpuMs(opts.redisPid) ?? redisStart) - redisStart : 0;
      return { app, appByProcess, postgres, redis, simulators: selfCpuMs() - selfStart };
    },
  };
}

/** Samples `meter` every `everyMs` until the returned function is called, which stops the meter. */
export function sampleEvery(meter: CpuMeter, everyMs: number, onError: (e: Error) => void): () => Promise<CpuParts> {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    meter
      .sample()
      .catch(onError)
      .finally(() => (running = false));
  }, everyMs);
  return () => {
    clearInterval(timer);
    return meter.stop();
  };
}
