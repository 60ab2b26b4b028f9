import type { IncomingMessage, ServerResponse } from 'node:http';

/** Largest request body the simulator reads. */
export const BODY_LIMIT = 10 * 1024 * 1024;

export class BodyTooLarge extends Error {}

export async function readBody(req: IncomingMessage, limit = BODY_LIMIT): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > limit) throw new BodyTooLarge(`body larger than ${limit} bytes`);
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

/** JSON or form-encoded body as a plain object; null when it is neither. */
export function parseBody(req: IncomingMessage, raw: Buffer): { [k: string]: unknown } | null {
  const type = String(req.headers['content-type'] ?? '');
  const text = raw.toString('utf8');
  if (type.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(text));
  if (text.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as { [k: string]: unknown }) : null;
  } catch {
    return null;
  }
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

export function sendText(
  res: ServerResponse,
  status: number,
  body: string,
  type: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': type, 'content-length': String(Buffer.byteLength(body)), ...headers });
  res.end(body);
}

/** The shop a request is addressed to: a *.myshopify.com Host, X-Forwarded-Host, or X-Shopify-Shop-Domain. */
export function requestShop(req: IncomingMessage): string | null {
  const candidates = [req.headers['x-shopify-shop-domain'], req.headers['x-forwarded-host'], req.headers.host];
  for (const c of candidates) {
    const v = Array.isArray(c) ? c[0] : c;
    if (!v) continue;
    const host = v.split(',')[0]?.trim().toLowerCase().replace(/:\d+$/, '') ?? '';
    if (host.endsWith('.myshopify.com')) return host;
  }
  return null;
}
