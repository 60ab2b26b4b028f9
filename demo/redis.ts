import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Redis } from 'ioredis';

async function answers(url: string): Promise<boolean> {
  const r = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 1000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  r.on('error', () => {});
  try {
    await r.connect();
    return (await r.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    r.disconnect();
  }
}

export interface DemoRedis {
  url: string;
  child?: ChildProcess;
  stop(): Promise<void>;
}

/**
 * The demo needs a Redis: use the one at `url`, else start `redis-server` as a child with
 * append-only persistence under `.data/redis`, else explain how to provide one.
 */
export async function ensureRedis(url: string, dataDir = '.data/redis'): Promise<DemoRedis> {
  if (await answers(url)) return { url, stop: async () => {} };
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).stdout.trim();
  if (!found) {
    throw new Error(
      `no Redis answers at ${url} and redis-server is not installed: install redis-server (apt-get install -y redis-server) or set REDIS_URL`,
    );
  }
  const { hostname, port } = new URL(url);
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const child = spawn(
    found,
    [
      '--port',
      port || '6379',
      '--bind',
      hostname === 'localhost' ? '127.0.0.1' : hostname,
      '--dir',
      dir,
      '--appendonly',
      'yes',
      '--save',
      '',
      '--maxmemory-policy',
      'noeviction',
    ],
    { stdio: 'ignore' },
  );
  for (let i = 0; i < 50; i++) {
    if (await answers(url)) break;
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    child,
    stop: () =>
      new Promise<void>((res) => {
        if (child.exitCode !== null) return res();
        child.once('exit', () => res());
        child.kill('SIGTERM');
      }),
  };
}
