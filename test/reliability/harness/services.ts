import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from '../../../bench/lib/free-port.js';

/**
 * Private Redis and Postgres servers for the fault suite. The faults flush Redis, fill it and
 * restart Postgres; doing that to the machine's shared servers would break every other test
 * running beside the suite, so each run gets its own, started from the machine's binaries.
 */

export interface PrivateRedis {
  url: string;
  client: Redis;
  /** FLUSHALL: Redis restarted empty, as after a failover to an empty replica */
  flushAll(): Promise<void>;
  /** caps memory under noeviction (0 lifts the cap): writes then fail with OOM */
  setMaxMemory(bytes: number): Promise<void>;
  stop(): Promise<void>;
}

const waitForExit = (child: ChildProcess) =>
  child.exitCode !== null ? Promise.resolve() : new Promise<void>((r) => child.once('exit', () => r()));

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  child.once('error', () => {});
  const url = `redis://127.0.0.1:${port}`;
  const client = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: true });
  for (let i = 0; ; i++) {
    try {
      await client.connect();
      break;
    } catch (e) {
      if (i > 50) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  await client.config('SET', 'maxmemory-policy', 'noeviction');
  return {
    url,
    client,
    flushAll: async () => void (await client.flushall()),
    setMaxMemory: async (bytes) => void (await client.config('SET', 'maxmemory', String(bytes))),
    async stop() {
      client.disconnect();
      child.kill('SIGKILL');
      await waitForExit(child);
    },
  };
}

export interface PrivatePostgres {
  /** a URL for database `name` on this server */
  url(name: string): string;
  /** stops the server (fast shutdown: every connection is cut), waits `downMs`, starts it again */
  restart(downMs: number): Promise<void>;
  stop(): Promise<void>;
}

const pgBin = (name: string) => {
  const found = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  const dir = found.status === 0 ? found.stdout.trim() : '/usr/lib/postgresql/15/bin';
  return join(dir, name);
};

/** Postgres refuses to run as root: as root, the cluster belongs to the `postgres` user. */
function asOwner(cmd: string, args: string[]) {
  const root = process.getuid?.() === 0;
  const r = spawnSync(root ? 'runuser' : cmd, root ? ['-u', 'postgres', '--', cmd, ...args] : args, {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr || r.stdout}`);
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'lapp-fault-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const port = await freePort();
  asOwner(pgBin('initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300`;
  const ctl = (...args: string[]) => asOwner(pgBin('pg_ctl'), ['-D', data, '-w', ...args]);
  ctl('-o', opts, '-l', join(dir, 'log'), 'start');
  return {
    url: (name) => `postgres://postgres@127.0.0.1:${port}/${name}`,
    async restart(downMs) {
      ctl('-m', 'fast', 'stop');
      await new Promise((r) => setTimeout(r, downMs));
      ctl('-o', opts, '-l', join(dir, 'log'), 'start');
    },
    async stop() {
      try {
        ctl('-m', 'immediate', 'stop');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
