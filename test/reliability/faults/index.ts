import type { Fault } from '../harness/fault.js';
import { serverKilled, workerKilled } from './process-kills.js';
import { postgresRestarted, redisFlushed, redisFull } from './service-outages.js';

/** F1–F12 of docs/performance-reliability.md, in the order they run. */
export const faults: Fault[] = [workerKilled, serverKilled, redisFlushed, redisFull, postgresRestarted];
