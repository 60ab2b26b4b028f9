import { loadConfigOrExit } from '../core/config.js';
import { createAppContext } from '../core/context.js';
import { onShutdown } from '../core/shutdown.js';
import { buildApp } from './app.js';

const config = loadConfigOrExit();
const ctx = await createAppContext(config, { name: 'server' });
const app = await buildApp(ctx);
await app.listen({ port: config.http.port, host: config.http.host });

onShutdown(ctx.log, async () => {
  // close() stops accepting, lets in-flight requests finish, then we release connections
  await app.close();
  await ctx.close();
});
