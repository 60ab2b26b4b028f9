// Test-only: a proxy between the robot and the app that loses answers on purpose.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the proxy does with one request. */
export type ProxyFault = 'pass' | 'fail-before' | 'fail-after' | 'drop-after' | 'rate-limit';

/** A request as the proxy saw it, with what it did. */
export interface ProxiedRequest {
  method: string;
  path: string;
  idempotencyKey: string | null;
  fault: ProxyFault;
}

const readBody = (req: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

/**
 * `fail-before`: 503 without reaching the app; `fail-after`: the app handles it, the robot gets
 * a 502; `drop-after`: the app handles it, the connection is cut; `rate-limit`: 429.
 * `beforeForward` runs just before a request reaches the app (to race another client in).
 */
export async function startFlakyProxy(
  target: string,
  decide: (method: string, path: string) => ProxyFault,
  beforeForward?: (method: string, path: string) => Promise<void>,
) {
  const log: ProxiedRequest[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const body = await readBody(req);
      const path = req.url ?? '/';
      const fault = decide(req.method ?? 'GET', path);
      const key = req.headers['idempotency-key'];
      log.push({ method: req.method ?? 'GET', path, idempotencyKey: typeof key === 'string' ? key : null, fault });
      if (fault === 'fail-before')
        return void res
          .writeHead(503, { 'content-type': 'application/json' })
          .end('{"error":{"code":"unavailable","message":"proxy"}}');
      if (fault === 'rate-limit')
        return void res
          .writeHead(429, { 'content-type': 'application/json', 'retry-after': '0' })
          .end('{"error":{"code":"rate_limited","message":"proxy"}}');
      await beforeForward?.(req.method ?? 'GET', path);
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers))
        if (typeof v === 'string' && k !== 'host' && k !== 'content-length' && k !== 'connection') headers[k] = v;
      const upstream = await fetch(`${target}${path}`, {
        method: req.method,
        headers,
        body: body.length ? body.toString('utf8') : undefined,
      });
      const text = await upstream.text();
      if (fault === 'fail-after') return void res.writeHead(502, { 'content-type': 'text/plain' }).end('bad gateway');
      if (fault === 'drop-after') return void req.socket.destroy();
      res
        .writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' })
        .end(text);
    })().catch(() => req.socket.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
