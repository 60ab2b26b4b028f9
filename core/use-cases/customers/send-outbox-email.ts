import { createEmailOutboxRepo } from '../../db/email-outbox-repo.js';
import { createShopsRepo, type Shop } from '../../db/shops-repo.js';
import type { Db } from '../../db/client.js';
import { AppError } from '../../errors.js';
import type { Brand } from '../../integrations/email/email-data.js';
import { isEmailKind, pickEmailLanguage } from '../../integrations/email/kinds.js';
import { renderEmail, type EmailDataByKind } from '../../integrations/email/templates/index.js';
import type { EmailTransport } from '../../integrations/email/transport.js';
import type { Logger } from '../../logger.js';

export interface SendOutboxEmailDeps {
  db: Db;
  transport: EmailTransport;
  from: string;
  maxAttempts: number;
  log: Logger;
  now?: () => Date;
}

export type SendOutboxEmailResult =
  | { status: 'sent'; messageId: string; response: string }
  | { status: 'not_claimed' }
  | { status: 'parked'; error: string };

export const defaultBrandColor = '#1f5f8b';

/** The shop's name, logo and colour, as its settings give them. */
export function brandOf(shop: Shop): Brand {
  return {
    shopName: shop.name ?? shop.domain.replace(/\.myshopify\.com$/, ''),
    logoUrl: shop.settings.logoUrl ?? null,
    color: shop.settings.brandColor ?? defaultBrandColor,
    timezone: shop.timezone,
  };
}

/** Our Message-ID: stable per outbox row, so a resend after a lost answer is recognisably the same message. */
export function outboxMessageId(shopId: number, outboxId: number, from: string): string {
  const domain = /@([^>\s]+)/.exec(from)?.[1] ?? 'localhost';
  return `<outbox-${outboxId}.s${shopId}@${domain}>`;
}

/**
 * Sends one outbox message. Only the worker that claims the row sends it; the server's answer
 * and our Message-ID are recorded. A temporary failure goes back to pending and the job is
 * retried with backoff; a permanent refusal, or too many attempts, parks it for the merchant.
 */
export async function sendOutboxEmail(
  deps: SendOutboxEmailDeps,
  input: { shopId: number; outboxId: number },
): Promise<SendOutboxEmailResult> {
  const now = deps.now ?? (() => new Date());
  const outbox = createEmailOutboxRepo(deps.db);
  const row = await outbox.claim(input.shopId, input.outboxId, now());
  if (!row) return { status: 'not_claimed' };
  try {
    if (!isEmailKind(row.kind)) throw new AppError(`no template for e-mail kind ${row.kind}`, 'unknown_email_kind');
    if (!row.toAddress) throw new AppError('the message has no recipient', 'no_recipient');
    const shop = await createShopsRepo(deps.db).byId(input.shopId);
    if (!shop) throw new AppError(`shop ${input.shopId} is gone`, 'no_shop');
    const lang = pickEmailLanguage(row.locale, shop.settings.language);
    const rendered = await renderEmail(row.kind, row.data as EmailDataByKind[typeof row.kind], brandOf(shop), lang);
    const messageId = outboxMessageId(input.shopId, row.id, deps.from);
    const sent = await deps.transport.send({
      from: deps.from,
      to: row.toAddress,
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
      messageId,
      headers: { 'Auto-Submitted': 'auto-generated', 'X-Entity-Ref-ID': `outbox-${row.id}` },
    });
    const recorded = await outbox.markSent(input.shopId, row.id, {
      subject: rendered.subject,
      messageId: sent.messageId,
      smtpResponse: sent.response,
      at: now(),
    });
    if (!recorded) deps.log.warn({ outboxId: row.id }, 'e-mail sent but its row had changed state meanwhile');
    return { status: 'sent', messageId: sent.messageId, response: sent.response };
  } catch (err) {
    const retriable = err instanceof AppError ? err.retriable : true;
    const park = !retriable || row.attempts >= deps.maxAttempts;
    const message = (err as Error).message;
    await outbox.markFailed(input.shopId, row.id, { error: message, park, at: now() });
    if (park) {
      deps.log.warn(
        { outboxId: row.id, shopId: input.shopId, attempts: row.attempts, err: message },
        'e-mail parked; the merchant sees it in the outbox',
      );
      return { status: 'parked', error: message };
    }
    throw err;
  }
}
