import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { queueNames, type QueueName } from '../../core/queue/names.js';
import { appProcess, httpReady, workersReady, type AppProcess } from '../lib/app-processes.js';

/**
 * How the app runs under the benchmark. `single` (the default): server and every worker in one
 * process (bench/e2e/app-process.ts). Otherwise the production entry points, one server
 * (server/main.ts) and worker processes (workers/main.ts with WORKERS=...) per group, as many
 * of each as asked: `--layout split` is one of each group, `--layout ingest=2,route=1` names
 * counts (groups left out get one). One server only: the simulators and robots call one URL and
 * the bench puts no load balancer in front.
 */
export const GROUPS = {
  ingest: ['ingest'],
  route: ['route'],
  dispatch: ['dispatch', 'fulfill'],
} satisfies Record<string, QueueName[]>;
const grouped = new Set<string>(Object.values(GROUPS).flat());
/** every other queue: marketplaces, stock sync, maintenance, reconciliation, e-mail, returns */
const REST = queueNames.filter((q) => !grouped.has(q));

export type GroupName = keyof typeof GROUPS | 'rest';

/**
 * Postgres connections per process: under half the group's job concurrency (ingest 32, route 32,
 * dispatch 32 + fulfill 16), since a job spends part of its time off the database (a routing job
 * waits on Shopify while it hands a feed allocation over), and 8 for the server, whose requests
 * each hold one briefly. A process of each stays under 60 connections.
 */
const POOL: Record<GroupName | 'server', number> = { server: 8, ingest: 12, route: 12, dispatch: 12, rest: 8 };

export type Layout = { kind: 'single' } | { kind: 'split'; counts: Record<GroupName, number> };

export function parseLayout(arg: string | undefined): Layout {
  if (arg === undefined || arg === 'single') return { kind: 'single' };
  const counts: Record<GroupName, number> = { ingest: 1, route: 1, dispatch: 1, rest: 1 };
  if (arg === 'split' || arg === 'true') return { kind: 'split', counts };
  for (const part of arg.split(',')) {
    const [name, n] = part.split('=') as [string, string | undefined];
    if (!(name in counts) || !n || !/^[1-9]\d*$/.test(n))
      throw new Error(
        `--layout: "${part}" is not <group>=<count> with a group among ${Object.keys(counts).join(', ')}`,
      );
    counts[name as GroupName] = Number(n);
  }
  return { kind: 'split', counts };
}

export const describeLayout = (l: Layout) =>
  l.kind === 'single'
    ? 'single process'
    : `server=1,${Object.entries(l.counts)
        .map(([g, n]) => `${g}=${n}`)
        .join(',')}`;

/** The app's processes for `layout`, not started; `env` is what every one of them shares. */
export function layoutProcesses(
  layout: Layout,
  opts: { env: Record<string, string>; appUrl: string; logDir: string },
): AppProcess[] {
  // each process counts the SQL statements it sends (sql-count/register.ts) into its own file
  const make = (name: string, entry: string, env: Record<string, string>, ready: (c: ChildProcess) => Promise<void>) =>
    appProcess({
      name,
      entry,
      env: { ...opts.env, ...env, BENCH_SQL_COUNT_FILE: countFileOf(opts.logDir, name) },
      logDir: opts.logDir,
      // BENCH_CPU_PROF=1: each process leaves a V8 CPU profile (.cpuprofile) in the log folder at exit
      nodeArgs: [
        '--import',
        './bench/e2e/sql-count/register.ts',
        ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${opts.logDir}`] : []),
      ],
      ready,
    });
  const healthy = () => httpReady(`${opts.appUrl}/healthz`);
  // the app's own pool size (DB_POOL_SIZE, 10) unless BENCH_DB_POOL_SIZE says otherwise: a bigger pool
  // spreads the same statements over more connections, each preparing them again, with more writes
  if (layout.kind === 'single')
    return [
      make(
        'app',
        'bench/e2e/app-process.ts',
        process.env.BENCH_DB_POOL_SIZE ? { DB_POOL_SIZE: process.env.BENCH_DB_POOL_SIZE } : {},
        healthy,
      ),
    ];
  const procs = [make('server', 'server/main.ts', { DB_POOL_SIZE: String(POOL.server) }, healthy)];
  for (const [group, count] of Object.entries(layout.counts) as [GroupName, number][]) {
    const queues = group === 'rest' ? REST : GROUPS[group];
    for (let i = 1; i <= count; i++) {
      // info: the "workers started" line is how readiness is seen; workers log little else at info
      const env = { WORKERS: queues.join(','), DB_POOL_SIZE: String(POOL[group]), LOG_LEVEL: 'info' };
      procs.push(make(`${group}-${i}`, 'workers/main.ts', env, workersReady));
    }
  }
  return procs;
}

export const countFileOf = (logDir: string, name: string) => join(logDir, `${name}.sql-count.json`);
