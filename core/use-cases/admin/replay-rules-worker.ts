/**
 * Worker-thread entry of the rule replay: receives { id, input } and answers { id, output } or
 * { id, error }. Loaded by replay-pool.ts; nothing here touches the database or the network.
 */
import { parentPort } from 'node:worker_threads';
import { replayRules, type ReplayInput } from './replay-rules.js';

if (!parentPort) throw new Error('replay-rules-worker runs only as a worker thread');
const port = parentPort;
port.on('message', (msg: { id: number; input: ReplayInput }) => {
  try {
    port.postMessage({ id: msg.id, output: replayRules(msg.input) });
  } catch (e) {
    port.postMessage({ id: msg.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});
