import { pino, type DestinationStream, type Logger } from 'pino';
import { safeErrorSerializer } from './error-summary.js';

export type { Logger };

/** Session tokens ride in `?id_token=` on the first load of the embedded app. */
export function redactUrl(url: string): string {
  return url.replace(/([?&](?:id_token|session|hmac|code|token)=)[^&#]*/gi, '$1[redacted]');
}

interface LoggedRequest {
  id?: string;
  method?: string;
  url?: string;
  hostname?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

/** One pino logger for the process; secrets, SQL parameters and session tokens never reach the output. */
export function createLogger(level: string, name: string, destination: 1 | 2 | DestinationStream = 1): Logger {
  return pino(
    {
      name,
      level,
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers["x-shopify-access-token"]',
          '*.accessToken',
          '*.access_token',
          '*.secret',
        ],
        censor: '[redacted]',
      },
      serializers: {
        err: safeErrorSerializer,
        error: safeErrorSerializer,
        req: (req: LoggedRequest) => ({
          id: req.id,
          method: req.method,
          url: req.url ? redactUrl(req.url) : undefined,
          hostname: req.hostname,
          remoteAddress: req.ip,
          remotePort: req.socket?.remotePort,
        }),
      },
    },
    typeof destination === 'number' ? pino.destination({ fd: destination, sync: false }) : destination,
  );
}
