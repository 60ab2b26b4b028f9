import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One message as the sink received and parsed it. */
export interface SinkMessage {
  id: number;
  receivedAt: string;
  messageId: string | null;
  from: string;
  to: string[];
  subject: string;
  html: string | null;
  text: string | null;
  headers: Record<string, string>;
}

export interface SmtpSink {
  /** smtp://127.0.0.1:<port> */
  url: string;
  messages(): SinkMessage[];
  /** answers the next `count` messages with a temporary refusal (421/451), as a busy server does */
  refuseNext(count: number, code?: number): void;
  /** answers every message with this code until called with null */
  refuseAll(code: number | null): void;
  /** how many messages were refused so far */
  refused(): number;
  /** serves GET /messages (JSON) for a mailbox page; returns its origin */
  serveHttp(port?: number): Promise<string>;
  clear(): void;
  stop(): Promise<void>;
}

/**
 * An SMTP server that keeps what it receives, parsed with mailparser: the outside world's mail
 * server, for tests and the demo. It can refuse for a while, like a real one under load.
 */
export async function startSmtpSink(opts: { port?: number; host?: string } = {}): Promise<SmtpSink> {
  const received: SinkMessage[] = [];
  let refuseCount = 0;
  let refuseCode = 451;
  let refuseAlways: number | null = null;
  let refusedTotal = 0;
  let http: HttpServer | null = null;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('error', (err) => callback(err));
      stream.on('end', () => {
        if (refuseAlways !== null || refuseCount > 0) {
          const code = refuseAlways ?? refuseCode;
          if (refuseAlways === null) refuseCount--;
          refusedTotal++;
          callback(Object.assign(new Error('Try again later'), { responseCode: code }));
          return;
        }
        simpleParser(Buffer.concat(chunks)).then(
          (mail) => {
            const id = received.length + 1;
            const headers: Record<string, string> = {};
            for (const [k, v] of mail.headers) headers[k] = typeof v === 'string' ? v : JSON.stringify(v);
            received.push({
              id,
              receivedAt: new Date().toISOString(),
              messageId: mail.messageId ?? null,
              from: mail.from?.text ?? '',
              to: session.envelope.rcptTo.map((r) => r.address),
              subject: mail.subject ?? '',
              html: typeof mail.html === 'string' ? mail.html : null,
              text: mail.text ?? null,
              headers,
            });
            callback(null, `Ok: queued as sink-${id}`);
          },
          (err: Error) => callback(err),
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  server.on('error', (err) => console.error(`smtp sink: ${err.message}`));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages: () => [...received],
    refuseNext(count, code = 451) {
      refuseCount = count;
      refuseCode = code;
    },
    refuseAll(code) {
      refuseAlways = code;
    },
    refused: () => refusedTotal,
    async serveHttp(httpPort = 0) {
      http = createHttpServer((req, res) => {
        if (req.method === 'GET' && req.url?.startsWith('/messages')) {
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ messages: received }));
        } else {
          res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
        }
      });
      await new Promise<void>((resolve) => http!.listen(httpPort, '127.0.0.1', () => resolve()));
      return `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    },
    clear: () => {
      received.length = 0;
    },
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (http) await new Promise<void>((resolve) => http!.close(() => resolve()));
    },
  };
}
