import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpSender } from './http-sender.js';

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

describe('http sender', () => {
  let handler: Handler = (_req, res) => res.end();
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => handler(req, res, body));
  });
  let url = '';
  const sender = createHttpSender();

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    sender.closeIdle();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends headers and a body with its length, and reads the answer over one kept connection', async () => {
    const seen: { headers: IncomingMessage['headers']; body: string; port: number | undefined }[] = [];
    handler = (req, res, body) => {
      seen.push({ headers: req.headers, body, port: req.socket.remotePort });
      res.writeHead(201, { 'retry-after': '3' }).end('héllo');
    };
    const body = JSON.stringify({ name: 'café' });
    const first = await sender.send(`${url}/a?x=1`, {
      method: 'POST',
      headers: { 'x-one': '1' },
      body,
      timeoutMs: 1000,
    });
    const second = await sender.send(`${url}/b`, { method: 'GET', headers: {}, timeoutMs: 1000 });
    expect(first).toEqual({
      status: 201,
      headers: expect.objectContaining({ 'retry-after': '3' }),
      body: 'héllo',
      bodyError: null,
    });
    expect(second.status).toBe(201);
    expect(seen[0]!.headers['x-one']).toBe('1');
    expect(seen[0]!.headers['content-length']).toBe(String(Buffer.byteLength(body)));
    expect(seen[0]!.body).toBe(body);
    expect(seen[1]!.port).toBe(seen[0]!.port);
  });

  it('answers a redirect as it is, without following it', async () => {
    handler = (_req, res) => res.writeHead(302, { location: '/elsewhere' }).end();
    const res = await sender.send(`${url}/r`, { method: 'POST', headers: {}, body: '{}', timeoutMs: 1000 });
    expect(res.status).toBe(302);
  });

  it('cuts a request past its deadline with a TimeoutError', async () => {
    handler = () => undefined;
    const started = Date.now();
    const err = await sender.send(`${url}/slow`, { method: 'GET', headers: {}, timeoutMs: 100 }).catch((e: Error) => e);
    expect(err).toMatchObject({ name: 'TimeoutError' });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('keeps the status of an answer whose body is cut short', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('partial');
      setTimeout(() => res.socket?.destroy(), 20);
    };
    const res = await sender.send(`${url}/cut`, { method: 'GET', headers: {}, timeoutMs: 1000 });
    expect(res.status).toBe(200);
    expect(res.bodyError).toBeInstanceOf(Error);
  });

  it('rejects with the code of a refused connection', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const err = await sender
      .send(`http://127.0.0.1:${port}/`, { method: 'GET', headers: {}, timeoutMs: 1000 })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'ECONNREFUSED' });
  });
});
