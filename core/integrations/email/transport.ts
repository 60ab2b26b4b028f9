import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import { IntegrationError, RetriableIntegrationError } from '../../errors.js';

/** One message as the transport sends it: both parts always, and our own stable Message-ID. */
export interface OutgoingEmail {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  messageId: string;
  headers?: Record<string, string>;
}

export interface SentEmail {
  /** the Message-ID header the message carries */
  messageId: string;
  /** the server's answer when it took the message ("250 2.0.0 Ok: queued as …") */
  response: string;
}

/** Sends through SMTP (`SMTP_URL`); `configured` is false when no server is set. */
export interface EmailTransport {
  configured: boolean;
  send(message: OutgoingEmail): Promise<SentEmail>;
  close(): void;
}

/**
 * nodemailer over one pooled SMTP connection. A 4xx answer or a network fault is retriable; a
 * 5xx answer is the server refusing this message for good.
 */
export function createEmailTransport(smtpUrl: string | undefined): EmailTransport {
  if (!smtpUrl) {
    return {
      configured: false,
      send: async () => {
        throw new IntegrationError('no SMTP server is configured (SMTP_URL)', 'email');
      },
      close: () => undefined,
    };
  }
  const transporter = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  } as SMTPTransport.Options);
  return {
    configured: true,
    async send(m) {
      try {
        const info = await transporter.sendMail({
          from: m.from,
          to: m.to,
          subject: m.subject,
          html: m.html,
          text: m.text,
          messageId: m.messageId,
          headers: m.headers,
        });
        return { messageId: info.messageId, response: info.response };
      } catch (err) {
        const code = (err as { responseCode?: number }).responseCode;
        const message = `SMTP: ${(err as Error).message}`;
        if (code !== undefined && code >= 500) throw new IntegrationError(message, 'email');
        throw new RetriableIntegrationError(message, 'email');
      }
    },
    close: () => transporter.close(),
  };
}
