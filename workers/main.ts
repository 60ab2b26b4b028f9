import { loadConfigOrExit } from '../core/config.js';
import { createAppContext } from '../core/context.js';
import { onShutdown } from '../core/shutdown.js';
import { startWorkers } from './registry.js';

const config = loadConfigOrExit();
const ctx = await createAppContext(config, { name: 'workers' });
const started = await startWorkers(ctx, config.workers.only);
ctx.log.info({ queues: started.names }, 'workers started');

onShutdown(ctx.log, async () => {
  // Worker.close() waits for in-flight jobs before resolving
  await started.close();
  await ctx.close();
});
