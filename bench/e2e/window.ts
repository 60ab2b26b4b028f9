import { Redis } from 'ioredis';
import { note } from '../lib/args.js';
import { jobsAdded, redisPid, sqlStatements, sumJobs } from './counters.js';
import { sampleEvery, startCpuMeter, type CpuParts } from './cpu.js';
import { BENCH_APP_NAME, type Harness } from './harness.js';

export interface WindowCost {
  wallMs: number;
  cpuMs: CpuParts;
  sqlStatements: number;
  jobs: number;
  /** jobs added per queue, the queues that added none left out */
  jobsByQueue: Record<string, number>;
}

/**
 * What the app and its surroundings spend while `work` runs: CPU per part, SQL statements the app
 * sent, BullMQ jobs added. Read before and after, with Postgres backends sampled every 500 ms.
 */
export async function measureWindow(h: Harness, work: () => Promise<void>): Promise<WindowCost> {
  const redis = new Redis(h.redisUrl, { maxRetriesPerRequest: 1 });
  try {
    const procs = () => h.app.map((a) => ({ name: a.proc.name, pid: a.proc.pid!, countFile: a.countFile }));
    const [sql0, jobs0] = [await sqlStatements(procs()), await jobsAdded(redis, h.queuePrefix)];
    const meter = await startCpuMeter({
      database: h.database,
      dbName: h.dbName,
      benchAppName: BENCH_APP_NAME,
      appProcs: procs,
      redisPid: await redisPid(redis),
    });
    const stop = sampleEvery(meter, 500, (e) => note(`sampling Postgres backends failed this time: ${e.message}`));
    const started = Date.now();
    let cpuMs: CpuParts;
    try {
      await work();
    } finally {
      // stopped whatever happens, so no sampling timer outlives the window
      cpuMs = await stop();
    }
    const wallMs = Date.now() - started;
    const [sql1, jobs1] = [await sqlStatements(procs()), await jobsAdded(redis, h.queuePrefix)];
    const jobsByQueue = Object.fromEntries(
      Object.entries(jobs1)
        .map(([q, n]) => [q, n - (jobs0[q] ?? 0)] as const)
        .filter(([, n]) => n > 0),
    );
    return { wallMs, cpuMs, sqlStatements: sql1 - sql0, jobs: sumJobs(jobsByQueue), jobsByQueue };
  } finally {
    redis.disconnect();
  }
}
