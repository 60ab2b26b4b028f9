import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

const br = promisify(brotliCompress);
const gz = promisify(gzip);
/** Below this a JSON answer goes as is: the headers would outweigh the saving. */
export const COMPRESS_MIN_BYTES = 1024;

/** The encoding to answer with, from the client's Accept-Encoding (brotli first, then gzip), if any. */
export function pickEncoding(accept: string | undefined): 'br' | 'gzip' | null {
  const offered = new Map<string, number>();
  for (const part of (accept ?? '').toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    offered.set(name, q ? Number(q.slice(2)) : 1);
  }
  const ok = (e: string) => (offered.get(e) ?? offered.get('*') ?? 0) > 0;
  return ok('br') ? 'br' : ok('gzip') ? 'gzip' : null;
}

/**
 * onSend hook compressing JSON answers of COMPRESS_MIN_BYTES or more for clients that accept it.
 * zlib's asynchronous functions run on libuv's thread pool, so compressing a large page does not
 * hold the event loop. Brotli at quality 4: near gzip's speed, a smaller answer.
 */
export async function compressJson(req: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
  if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
  if (
    reply.getHeader('content-encoding') ||
    !String(reply.getHeader('content-type') ?? '').includes('application/json')
  )
    return payload;
  if (Buffer.byteLength(payload) < COMPRESS_MIN_BYTES) return payload;
  void reply.header('vary', 'accept-encoding');
  const encoding = pickEncoding(req.headers['accept-encoding']);
  if (!encoding) return payload;
  const out =
    encoding === 'br'
      ? await br(payload, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: 4,
            [constants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(payload),
          },
        })
      : await gz(payload, { level: 6 });
  reply.removeHeader('content-length');
  void reply.header('content-encoding', encoding);
  return out;
}
