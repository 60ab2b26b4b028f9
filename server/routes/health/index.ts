import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../core/context.js';

type PartState = 'ok' | 'fail';

async function check(fn: () => Promise<unknown>, timeoutMs = 2000): Promise<PartState> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
    });
    const result = await Promise.race([fn(), timeout]);
    return result === false ? 'fail' : 'ok';
  } catch {
    return 'fail';
  } finally {
    clearTimeout(timer);
  }
}

/** /healthz says the process is alive; /readyz says it can do its job (Postgres, migrations, Redis). */
export async function healthRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (_req, reply) => {
    const [postgres, redis] = await Promise.all([check(() => ctx.database.ping()), check(() => ctx.redis.ping())]);
    const migrations: PartState = postgres === 'ok' ? await check(() => ctx.database.migrationsApplied()) : 'fail';
    const parts = { postgres, migrations, redis };
    const ready = Object.values(parts).every((p) => p === 'ok');
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ok' : 'fail', parts, driver: ctx.database.driver });
  });
}
