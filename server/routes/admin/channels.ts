import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  channelAccountResponse,
  channelIdParams,
  channelListResponse,
  connectionCheckResponse,
  createChannelAccountBody,
} from '../../../core/contracts/admin/channels.js';
import type { AppContext } from '../../../core/context.js';
import {
  createChannelAccount,
  listChannelAccounts,
  testChannelConnection,
} from '../../../core/use-cases/admin/channel-accounts.js';

/** Marketplace accounts: list with health, connect a Mirakl operator or an Amazon seller, test a connection. */
export async function channelRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = { db: ctx.db, channels: ctx.channels, queues: ctx.queues };

  r.get('/channel-accounts', { schema: { response: { 200: channelListResponse } } }, async (req) => ({
    accounts: await listChannelAccounts(deps, { shopId: req.shop.id }),
  }));

  r.post(
    '/channel-accounts',
    { schema: { body: createChannelAccountBody, response: { 201: channelAccountResponse } } },
    async (req, reply) =>
      reply
        .code(201)
        .send({ account: await createChannelAccount(deps, { shopId: req.shop.id, body: req.body, actor: 'admin' }) }),
  );

  r.post(
    '/channel-accounts/:id/test',
    { schema: { params: channelIdParams, response: { 200: connectionCheckResponse } } },
    async (req) => testChannelConnection(deps, { shopId: req.shop.id, accountId: req.params.id }),
  );
}
