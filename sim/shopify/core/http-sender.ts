import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import { sharedDeadlines } from './deadlines.js';

/** One request: the body is sent as is, with its length. */
export interface HttpRequestInit {
  method: string;
  headers: Record<string, string>;
  body?: string;
  /** The whole exchange, body included; past it the request is cut with a {@link RequestTimeoutError}. */
  timeoutMs: number;
}

/** An answer. `bodyError` says the body was cut short (connection lost or deadline passed) after the status came. */
export interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  bodyError: Error | null;
}

/** The deadline of a request passed; named and worded as fetch's timeout abort. */
export class RequestTimeoutError extends Error {
  constructor() {
    super('The operation was aborted due to timeout');
    this.name = 'TimeoutError';
  }
}

/**
 * Requests over node:http(s) with keep-alive agents, for the simulators' hot senders (webhooks,
 * 3PL feed calls). Built-in fetch cost them a Request, a stream pipeline and an AbortSignal per
 * call, a large share of the simulator's CPU under load; these senders need none of it: no
 * redirects are followed (a 3xx is an answer), nothing is decompressed (no accept-encoding is sent).
 */
export function createHttpSender() {
  const agents = {
    'http:': new http.Agent({ keepAlive: true }),
    'https:': new https.Agent({ keepAlive: true }),
  };

  function send(url: string, init: HttpRequestInit): Promise<HttpAnswer> {
    return new Promise<HttpAnswer>((resolve, reject) => {
      const u = new URL(url);
      if (u.protocol !== 'http:' && u.protocol !== 'https:')
        throw new TypeError(`${url}: only http and https are supported`);
      const headers =
        init.body === undefined
          ? init.headers
          : { ...init.headers, 'content-length': String(Buffer.byteLength(init.body, 'utf8')) };
      const req = (u.protocol === 'https:' ? https : http).request({
        agent: agents[u.protocol],
        hostname: u.hostname.startsWith('[') ? u.hostname.slice(1, -1) : u.hostname,
        port: u.port || undefined,
        path: `${u.pathname}${u.search}`,
        method: init.method,
        headers,
      });
      let settled = false;
      let answer: Omit<HttpAnswer, 'body' | 'bodyError'> | null = null;
      let body = '';
      const deadline = sharedDeadlines.start(init.timeoutMs, () => req.destroy(new RequestTimeoutError()));
      const fail = (e: Error): void => {
        if (settled) return;
        settled = true;
        deadline.done();
        if (answer) resolve({ ...answer, body, bodyError: e });
        else reject(e);
      };
      req.on('error', fail);
      req.on('close', () => fail(new Error('socket hang up')));
      req.on('response', (res) => {
        answer = { status: res.statusCode ?? 0, headers: res.headers };
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () => {
          if (settled || !answer) return;
          settled = true;
          deadline.done();
          resolve({ ...answer, body, bodyError: null });
        });
        res.on('error', fail);
        res.on('close', () => fail(new Error('aborted')));
      });
      req.end(init.body);
    });
  }

  return {
    send,
    /** Closes the connections kept alive between requests; requests in flight finish. */
    closeIdle(): void {
      for (const agent of Object.values(agents))
        for (const sockets of Object.values(agent.freeSockets)) for (const s of sockets ?? []) s.destroy();
    },
  };
}

/** A sender; see {@link createHttpSender}. */
export type HttpSender = ReturnType<typeof createHttpSender>;
