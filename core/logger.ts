import { pino, type Logger } from 'pino';

export type { Logger };

/** One pino logger for the process; secrets never reach the output. */
export function createLogger(level: string, name: string, destination: 1 | 2 = 1): Logger {
  return pino({
    name,
    level,
    redact: {
      paths: ['req.headers.authorization', 'req.headers["x-shopify-access-token"]', '*.accessToken', '*.access_token', '*.secret'],
      censor: '[redacted]',
    },
  }, pino.destination({ fd: destination, sync: false }));
}
