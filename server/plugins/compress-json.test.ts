import Fastify from 'fastify';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compressJson, pickEncoding } from './compress-json.js';

describe('JSON answers compressed for clients that accept it', () => {
  const app = Fastify();
  const big = {
    items: Array.from({ length: 300 }, (_, i) => ({
      id: i,
      sku: `SKU-${i}`,
      title: 'Article',
      levels: [{ warehouse: 'Lyon', onHand: i }],
    })),
  };
  beforeAll(async () => {
    app.addHook('onSend', compressJson);
    app.get('/big', async () => big);
    app.get('/small', async () => ({ ok: true }));
    app.get('/csv', async (_req, reply) => reply.type('text/csv').send('a,b\n'.repeat(1000)));
    await app.ready();
  });
  afterAll(async () => app.close());

  it('answers brotli or gzip by Accept-Encoding, decoding to the same JSON', async () => {
    const plain = await app.inject('/big');
    expect(plain.headers['content-encoding']).toBeUndefined();
    for (const [accept, encoding, decode] of [
      ['gzip, deflate, br, zstd', 'br', brotliDecompressSync],
      ['gzip', 'gzip', gunzipSync],
    ] as const) {
      const res = await app.inject({ url: '/big', headers: { 'accept-encoding': accept } });
      expect(res.headers['content-encoding']).toBe(encoding);
      expect(res.headers.vary).toContain('accept-encoding');
      expect(Number(res.headers['content-length'])).toBe(res.rawPayload.length);
      expect(res.rawPayload.length).toBeLessThan(plain.rawPayload.length / 4);
      expect(JSON.parse(decode(res.rawPayload).toString())).toEqual(big);
    }
  });

  it('leaves small answers, other types and refused encodings as they are', async () => {
    expect(
      (await app.inject({ url: '/small', headers: { 'accept-encoding': 'gzip' } })).headers['content-encoding'],
    ).toBeUndefined();
    expect(
      (await app.inject({ url: '/csv', headers: { 'accept-encoding': 'gzip' } })).headers['content-encoding'],
    ).toBeUndefined();
    expect(
      (await app.inject({ url: '/big', headers: { 'accept-encoding': 'br;q=0, gzip;q=0' } })).headers[
        'content-encoding'
      ],
    ).toBeUndefined();
    expect(pickEncoding('*')).toBe('br');
    expect(pickEncoding('identity')).toBeNull();
    expect(pickEncoding(undefined)).toBeNull();
  });
});
