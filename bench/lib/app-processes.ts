import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { join } from 'node:path';

/**
 * One of the app's processes, as production runs it (`server/main.ts` or `workers/main.ts`), its
 * output appended to `<logDir>/<name>.log`. Shared by the fault suite and the e2e benchmark.
 */
export interface AppProcess {
  readonly name: string;
  readonly running: boolean;
  /** the running process's id (null before start) */
  readonly pid: number | null;
  start(): Promise<void>;
  /** SIGKILL: no shutdown hook runs, in-flight jobs and transactions are cut */
  kill9(): Promise<void>;
  /** SIGTERM: the graceful shutdown */
  stop(): Promise<void>;
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((r) => child.once('exit', () => r()));

export function appProcess(opts: {
  name: string;
  /** an app entry point: `server/main.ts`, `workers/main.ts` (or the bench's all-in-one process) */
  entry: string;
  env: Record<string, string>;
  /** node flags before the entry, after `--import tsx` (e.g. another `--import` preload) */
  nodeArgs?: string[];
  logDir: string;
  /** resolves when the process can take work */
  ready: (child: ChildProcess) => Promise<void>;
}): AppProcess {
  let child: ChildProcess | null = null;
  let log: WriteStream | null = null;
  return {
    name: opts.name,
    get running() {
      return child !== null && child.exitCode === null && child.signalCode === null;
    },
    get pid() {
      return child?.pid ?? null;
    },
    async start() {
      log ??= createWriteStream(join(opts.logDir, `${opts.name}.log`), { flags: 'a' });
      child = spawn(process.execPath, ['--import', 'tsx', ...(opts.nodeArgs ?? []), opts.entry], {
        env: { ...process.env, ...opts.env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout!.pipe(log, { end: false });
      child.stderr!.pipe(log, { end: false });
      const c = child;
      await Promise.race([
        opts.ready(c),
        exited(c).then(() => {
          throw new Error(`${opts.name} exited during start-up (${c.exitCode ?? c.signalCode}); see its log`);
        }),
      ]);
    },
    async kill9() {
      if (!child) return;
      child.kill('SIGKILL');
      await exited(child);
    },
    async stop() {
      if (!child) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child?.kill('SIGKILL'), 15_000);
      await exited(child);
      clearTimeout(timer);
    },
  };
}

/** Waits until `url` answers 200. */
export async function httpReady(url: string, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > end) throw new Error(`${url} did not answer in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits until the worker process logs that its workers started. */
export function workersReady(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    const onData = (d: Buffer) => {
      if (d.toString().includes('workers started')) {
        child.stdout!.off('data', onData);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
  });
}
