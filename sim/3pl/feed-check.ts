import { z } from 'zod';
import type { FeedClient } from './feed-client.js';
import { feedOperations } from './feed-schemas.js';

const openApiSchema = z.object({ openapi: z.string(), paths: z.record(z.string(), z.record(z.string(), z.unknown())) });

/** The operations the feed's OpenAPI document lists, as `method /path`. */
export async function feedOperationsOf(client: FeedClient): Promise<Set<string>> {
  const out = await client.send({ method: 'GET', path: '/openapi.json' }, openApiSchema);
  if (!out.ok) throw new Error(`the feed's OpenAPI document is not available: ${out.status} ${out.code}`);
  return new Set(
    Object.entries(out.value.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m.toLowerCase()} ${path}`),
    ),
  );
}

/** Fails with the list of missing operations when the app's feed lacks one the robot uses. */
export async function checkFeed(client: FeedClient): Promise<void> {
  const published = await feedOperationsOf(client);
  const missing = feedOperations.filter((op) => !published.has(op));
  if (missing.length) throw new Error(`the app's feed lacks operations the robot uses: ${missing.join(', ')}`);
}
