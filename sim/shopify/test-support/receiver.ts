import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the receiver got. */
export interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** Decides the answer to a request (default 200); may inspect the raw request. */
export type ReceiverHandler = (req: IncomingMessage, res: ServerResponse, body: string) => Promise<number> | number;

/** A local HTTP endpoint standing in for the app: records every request. */
export interface Receiver {
  url: string;
  received: Received[];
  setHandler(h: ReceiverHandler): void;
  /** Resolves once `count` requests match, without sleeping. */
  waitFor(match: (r: Received) => boolean, count?: number, timeoutMs?: number): Promise<Received[]>;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  let handler: ReceiverHandler = () => 200;
  let waiters: (() => void)[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ path: req.url ?? '/', headers: req.headers, body });
      void Promise.resolve(handler(req, res, body)).then((status) => {
        if (!res.headersSent) {
          res.statusCode = status;
          res.end();
        }
        const w = waiters;
        waiters = [];
        for (const f of w) f();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    received,
    setHandler: (h) => {
      handler = h;
    },
    waitFor(match, count = 1, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          const hits = received.filter(match);
          if (hits.length >= count) {
            clearTimeout(timer);
            resolve(hits);
            return true;
          }
          return false;
        };
        const timer = setTimeout(
          () =>
            reject(new Error(`receiver: expected ${count} matching requests, got ${received.filter(match).length}`)),
          timeoutMs,
        );
        const loop = (): void => {
          if (!check()) waiters.push(loop);
        };
        loop();
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
