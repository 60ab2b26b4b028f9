import { request as httpRequest, type Agent } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from 'request-filtering-agent';

/** Where pushes to a 3PL's own API may go. */
export interface PushNetPolicy {
  /** loopback, private, link-local and metadata addresses (tests and the demo only) */
  allowPrivateNetwork: boolean;
  requireHttps: boolean;
}

export type PushAnswer =
  | { kind: 'answer'; status: number; retryAfter: string | null; text: string }
  | { kind: 'blocked' | 'insecure' | 'redirect' | 'unreachable'; cause?: string };

const MAX_ANSWER_BYTES = 64 * 1024;

// one agent pair per policy, so connections are reused; the address check runs on every new connection
const agents = new Map<boolean, { http: Agent; https: Agent }>();
function agentsFor(allowPrivate: boolean) {
  let a = agents.get(allowPrivate);
  if (!a) {
    const opts = { keepAlive: true, allowPrivateIPAddress: allowPrivate, allowMetaIPAddress: allowPrivate };
    a = { http: new RequestFilteringHttpAgent(opts), https: new RequestFilteringHttpsAgent(opts) };
    agents.set(allowPrivate, a);
  }
  return a;
}

/**
 * POSTs JSON to a merchant-supplied URL. The host is resolved and checked by
 * request-filtering-agent when each connection is made (so a DNS answer that changes between
 * two requests is checked again), redirects are never followed, and the answer is capped.
 */
export function postJson(
  url: URL,
  headers: Record<string, string>,
  body: string,
  policy: PushNetPolicy,
  timeoutMs: number,
): Promise<PushAnswer> {
  if (url.protocol !== 'https:' && (policy.requireHttps || url.protocol !== 'http:'))
    return Promise.resolve({ kind: 'insecure' });
  const a = agentsFor(policy.allowPrivateNetwork);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const req = send(
      url,
      {
        method: 'POST',
        agent: url.protocol === 'https:' ? a.https : a.http,
        timeout: timeoutMs,
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      },
      (res) => {
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400) {
          res.resume();
          return resolve({ kind: 'redirect' });
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size <= MAX_ANSWER_BYTES) chunks.push(c);
        });
        res.on('end', () =>
          resolve({
            kind: 'answer',
            status,
            retryAfter: typeof res.headers['retry-after'] === 'string' ? res.headers['retry-after'] : null,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', (e) => resolve({ kind: 'unreachable', cause: e.message }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', (e) =>
      resolve(
        /is not allowed/.test(e.message)
          ? { kind: 'blocked', cause: e.message }
          : { kind: 'unreachable', cause: e.message },
      ),
    );
    req.end(body);
  });
}
