/**
 * Worker-thread entry of the rule replay. A task either carries the replay's data (read by the
 * caller: the embedded PGlite database lives in the main thread) or names a Postgres database, in
 * which case the reads happen here too, on the worker's own connection: thousands of rows parsed
 * and copied off the thread that answers HTTP requests. Answers { id, progress } now and then, then { id, output } or { id, error }.
 */
import { parentPort } from 'node:worker_threads';
import { createDatabase, type Database } from '../../db/client.js';
import { loadReplayInput, type ReplayRequest } from './replay-input.js';
import { replayRules, type ReplayInput } from './replay-rules.js';

export type ReplayTask = { data: ReplayInput } | { databaseUrl: string; request: ReplayRequest };

if (!parentPort) throw new Error('replay-rules-worker runs only as a worker thread');
const port = parentPort;
const databases = new Map<string, Promise<Database>>();
const databaseFor = (url: string) => {
  let d = databases.get(url);
  if (!d) databases.set(url, (d = createDatabase({ url, pgliteDir: '', poolSize: 1 })));
  return d;
};

port.on('message', (msg: { id: number; task: ReplayTask }) => {
  void (async () => {
    try {
      const { task } = msg;
      const input =
        'data' in task ? task.data : await loadReplayInput((await databaseFor(task.databaseUrl)).db, task.request);
      const output = replayRules(input, (done) => port.postMessage({ id: msg.id, progress: done }));
      port.postMessage({ id: msg.id, output });
    } catch (e) {
      port.postMessage({ id: msg.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    }
  })();
});
