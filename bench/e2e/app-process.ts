/**
 * The app (server and every worker) in one process for the e2e benchmark's default layout,
 * configured from the environment like server/main.ts and workers/main.ts: the simulators,
 * robots and load generator live in the parent process.
 */
import { loadConfigOrExit } from '../../core/config.js';
import { createAppContext } from '../../core/context.js';
import { buildApp } from '../../server/app.js';
import { startWorkers } from '../../workers/registry.js';

const config = loadConfigOrExit();
const ctx = await createAppContext(config, { name: 'bench-app' });
const app = await buildApp(ctx, { logger: false });
await app.listen({ port: config.http.port, host: config.http.host });
const workers = await startWorkers(ctx);
const stop = async () => {
  await app.close();
  await workers.close();
  await ctx.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
