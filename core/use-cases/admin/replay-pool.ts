import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ReplayOutput } from './replay-rules.js';
import type { ReplayTask } from './replay-rules-worker.js';

type Pending = { resolve(o: ReplayOutput): void; reject(e: Error): void; progress?(done: number): void };

/**
 * One long-lived worker thread for "try rules on past orders": the replay is seconds of
 * synchronous CPU at scale, and on the request thread it would stall every other request of the
 * process. Replays queue in the worker one after the other; a crashed worker fails its pending
 * replays and is started again on the next one. The thread is unref'd: it never keeps the process up.
 */
let worker: Worker | null = null;
let seq = 0;
const pending = new Map<number, Pending>();

function failAll(err: Error) {
  for (const p of pending.values()) p.reject(err);
  pending.clear();
  worker = null;
}

// The app runs TypeScript through tsx (npm start, the demo, the tests): the thread registers tsx's
// loader itself (the ESM build of its API: the CommonJS one cannot register from a worker), then
// imports the replay entry, whatever flags the parent process was started with.
const bootstrap = `const { workerData } = require('node:worker_threads');
import(workerData.tsx).then(({ register }) => { register(); return import(workerData.entry); });`;

function start(): Worker {
  const w = new Worker(bootstrap, {
    eval: true,
    execArgv: [],
    workerData: {
      tsx: pathToFileURL(
        createRequire(import.meta.url)
          .resolve('tsx/esm/api')
          .replace(/\.cjs$/, '.mjs'),
      ).href,
      entry: new URL('./replay-rules-worker.ts', import.meta.url).href,
    },
  });
  w.unref();
  w.on('message', (msg: { id: number; progress?: number; output?: ReplayOutput; error?: string }) => {
    const p = pending.get(msg.id);
    if (!p) return;
    if (msg.progress !== undefined) {
      p.progress?.(msg.progress);
      return;
    }
    pending.delete(msg.id);
    if (msg.error !== undefined) p.reject(new Error(`rule replay failed: ${msg.error}`));
    else p.resolve(msg.output!);
  });
  w.on('error', (err) => failAll(err));
  w.on('exit', (code) => {
    if (worker === w) failAll(new Error(`rule replay worker exited with code ${code}`));
  });
  return w;
}

/**
 * Runs the replay (and, on Postgres, its reads) off the calling thread and resolves with its
 * result; `onProgress` hears the share of the replay done (0 to 1) as it goes.
 */
export function runReplay(task: ReplayTask, onProgress?: (done: number) => void): Promise<ReplayOutput> {
  worker ??= start();
  const id = ++seq;
  const w = worker;
  return new Promise<ReplayOutput>((resolve, reject) => {
    pending.set(id, { resolve, reject, progress: onProgress });
    w.postMessage({ id, task });
  });
}

/** Stops the worker thread (app shutdown, tests); pending replays fail. */
export async function stopReplayWorker(): Promise<void> {
  const w = worker;
  worker = null;
  if (!w) return;
  failAll(new Error('rule replay worker stopped'));
  await w.terminate();
}
