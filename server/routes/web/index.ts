import { stat, readFile } from 'node:fs/promises';
import { join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../../../core/context.js';
import { frameAncestors, renderIndex, shopFromQuery } from './index-html.js';

/** Where `npm run build:web` writes the admin app. */
export const DEFAULT_WEB_DIST = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

/** Paths that belong to the server, never to the single-page app: an unknown one is a JSON 404. */
const SERVER_PATHS = /^\/(?:api|feed|webhooks|shopify|auth|track|_demo)(?:\/|$)|^\/(?:healthz|readyz)$/;
const YEAR_MS = 365 * 86_400_000;

export interface WebRoutesOptions {
  ctx: AppContext;
  /** the built app; tests point it at a fixture */
  distDir?: string;
}

/**
 * Serves the built admin app: hashed assets with long caching, and index.html for every other
 * path a browser asks a document for (the app routes on the client), framed only by the shop's admin and Shopify admin.
 * Registered last, so every API route wins over the catch-all.
 */
export async function webRoutes(app: FastifyInstance, opts: WebRoutesOptions): Promise<void> {
  const root = normalize(opts.distDir ?? DEFAULT_WEB_DIST);
  const apiKey = opts.ctx.config.shopify.apiKey;
  await app.register(fastifyStatic, { root, serve: false });

  // re-read when a rebuild replaces the file, so a running server never serves stale asset names
  let cached: { mtimeMs: number; html: string } | null = null;
  const template = async (): Promise<string | null> => {
    const file = join(root, 'index.html');
    const s = await stat(file).catch(() => null);
    if (!s) return null;
    if (cached?.mtimeMs !== s.mtimeMs) cached = { mtimeMs: s.mtimeMs, html: await readFile(file, 'utf8') };
    return cached.html;
  };

  const sendAsset = async (reply: FastifyReply, path: string): Promise<boolean> => {
    let rel: string;
    try {
      rel = normalize(decodeURIComponent(path)).replace(/^[/\\]+/, '');
    } catch {
      return false;
    }
    if (rel.split(sep).includes('..')) return false;
    const s = await stat(join(root, rel)).catch(() => null);
    if (!s?.isFile()) return false;
    const hashed = rel.startsWith(`assets${sep}`);
    await reply.sendFile(rel, { maxAge: hashed ? YEAR_MS : 3_600_000, immutable: hashed });
    return true;
  };

  app.get('/*', async (req, reply) => {
    const path = req.url.split('?')[0] ?? '/';
    if (SERVER_PATHS.test(path)) return reply.callNotFound();
    if (/\.[a-z0-9]+$/i.test(path)) {
      if (await sendAsset(reply, path)) return reply;
      return reply.callNotFound();
    }
    // like a history-API fallback: only a document request gets the app; a JSON client gets the JSON 404
    if (!(req.headers.accept ?? '').includes('text/html')) return reply.callNotFound();
    const html = await template();
    if (html === null) {
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('The admin app is not built yet: run `npm run build:web`.');
    }
    const q = req.query as Record<string, unknown>;
    return reply
      .header('content-security-policy', frameAncestors(shopFromQuery(q.shop)))
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(renderIndex(html, { apiKey, embedded: q.embedded === '1' || typeof q.host === 'string' }));
  });
}
