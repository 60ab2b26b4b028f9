import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { customerEmailDeps, type AppContext } from '../../../core/context.js';
import { idParams } from '../../../core/contracts/admin/common.js';
import {
  emailKindsResponse,
  emailListQuery,
  emailListResponse,
  emailPreviewParams,
  emailPreviewQuery,
  emailPreviewResponse,
  emailRetryResponse,
  mailboxResponse,
  mailboxUnavailableResponse,
} from '../../../core/contracts/admin/emails.js';
import {
  listEmailKinds,
  listEmails,
  previewEmail,
  readDemoMailbox,
  retryParkedEmails,
} from '../../../core/use-cases/customers/admin-emails.js';

/** The outbox as the merchant sees it (parked messages can be retried), template previews, and the demo's mailbox. */
export async function emailRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const customers = () => customerEmailDeps(ctx);

  r.get('/emails', { schema: { querystring: emailListQuery, response: { 200: emailListResponse } } }, async (req) =>
    listEmails({ db: ctx.db }, { shopId: req.shop.id, statuses: req.query.status, limit: req.query.limit }),
  );

  r.post('/emails/:id/retry', { schema: { params: idParams, response: { 200: emailRetryResponse } } }, async (req) =>
    retryParkedEmails({ db: ctx.db, customers: customers() }, { shopId: req.shop.id, ids: [req.params.id] }),
  );

  r.post('/emails/retry-parked', { schema: { response: { 200: emailRetryResponse } } }, async (req) =>
    retryParkedEmails({ db: ctx.db, customers: customers() }, { shopId: req.shop.id, ids: 'all' }),
  );

  r.get('/emails/kinds', { schema: { response: { 200: emailKindsResponse } } }, async () => listEmailKinds());

  r.get(
    '/emails/preview/:kind',
    { schema: { params: emailPreviewParams, querystring: emailPreviewQuery, response: { 200: emailPreviewResponse } } },
    async (req) =>
      previewEmail(
        { db: ctx.db, appUrl: ctx.config.http.appUrl },
        { shopId: req.shop.id, kind: req.params.kind, lang: req.query.lang },
      ),
  );

  // demo only: answers 404 unless DEMO_MAILBOX_URL points at the demo's SMTP sink
  r.get('/mailbox', { schema: { response: { 200: mailboxResponse, 404: mailboxUnavailableResponse } } }, async (req) =>
    readDemoMailbox({ db: ctx.db, mailboxUrl: ctx.config.email.demoMailboxUrl }, { shopId: req.shop.id }),
  );
}
