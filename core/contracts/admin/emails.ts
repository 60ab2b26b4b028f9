import { z } from 'zod';
import { errorResponse } from './common.js';

const emailStatus = z.enum(['pending', 'sending', 'sent', 'parked', 'delegated', 'skipped']);

/** GET /emails */
export const emailListQuery = z.object({
  status: z
    .string()
    .max(100)
    .optional()
    .transform((s, c) => {
      if (!s) return undefined;
      const parts = s.split(',');
      const parsed = z.array(emailStatus).safeParse(parts);
      if (!parsed.success) {
        c.addIssue({ code: 'custom', message: `unknown status in ${s}` });
        return z.NEVER;
      }
      return parsed.data;
    }),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});

export const emailItem = z.object({
  id: z.number(),
  orderId: z.number().nullable(),
  shipmentId: z.number().nullable(),
  kind: z.string(),
  sender: z.enum(['app', 'shopify']),
  status: emailStatus,
  toAddress: z.string().nullable(),
  locale: z.string(),
  subject: z.string().nullable(),
  attempts: z.number(),
  lastError: z.string().nullable(),
  messageId: z.string().nullable(),
  sentAt: z.date().nullable(),
  createdAt: z.date(),
});
export const emailListResponse = z.object({ items: z.array(emailItem), counts: z.record(z.string(), z.number()) });

export const emailRetryResponse = z.object({ retried: z.array(z.number()) });

/** GET /emails/preview/:kind */
export const emailPreviewParams = z.object({ kind: z.string().max(40) });
export const emailPreviewQuery = z.object({ lang: z.enum(['en', 'fr']).optional() });
export const emailPreviewResponse = z.object({
  kind: z.string(),
  lang: z.enum(['en', 'fr']),
  subject: z.string(),
  html: z.string(),
  text: z.string(),
});
export const emailKindsResponse = z.object({
  kinds: z.array(z.object({ kind: z.string(), audience: z.enum(['customer', 'merchant']) })),
});

/** GET /mailbox (demo only) */
export const mailboxItem = z.object({
  id: z.number(),
  receivedAt: z.string(),
  messageId: z.string().nullable(),
  from: z.string(),
  to: z.array(z.string()),
  subject: z.string(),
  html: z.string().nullable(),
  text: z.string().nullable(),
  kind: z.string().nullable(),
  orderId: z.number().nullable(),
});
export const mailboxResponse = z.object({ messages: z.array(mailboxItem) });
/** 404 outside the demo: no mailbox reader is configured (DEMO_MAILBOX_URL). */
export const mailboxUnavailableResponse = errorResponse.describe('No demo mailbox: DEMO_MAILBOX_URL is not configured');

export type EmailListResponse = z.infer<typeof emailListResponse>;
export type EmailItem = z.infer<typeof emailItem>;
export type EmailPreviewResponse = z.infer<typeof emailPreviewResponse>;
export type EmailKindsResponse = z.infer<typeof emailKindsResponse>;
export type MailboxResponse = z.infer<typeof mailboxResponse>;
export type MailboxItem = z.infer<typeof mailboxItem>;
