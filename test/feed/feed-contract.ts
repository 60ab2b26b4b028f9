import type { FastifyInstance } from 'fastify';
import createClient from 'openapi-fetch';
import { afterAll, beforeAll, expect } from 'vitest';
import { buildApp } from '../../server/app.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';
import { createContractValidator } from './contract-validator.js';
import { seedFeedWarehouse } from './feed-setup.js';

/** What the tests need of a generated client, whatever the generated `paths` type says. */
type Init = {
  params?: { path?: Record<string, unknown>; query?: Record<string, unknown>; header?: Record<string, string> };
  body?: unknown;
  headers?: Record<string, string>;
  bodySerializer?: (b: unknown) => string;
};
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked at run time against the document; the typed use is compiled in its own test
type Answer = { data?: any; error?: any; response: Response };
export type LooseClient = Record<'GET' | 'POST' | 'PUT' | 'DELETE', (path: string, init?: Init) => Promise<Answer>>;

/** The app listening on a port, a feed warehouse with its key, and a client that checks every answer. */
export interface FeedContract {
  t: TestContext;
  app: FastifyInstance;
  doc: Record<string, unknown>;
  /** a client built by openapi-fetch, as a 3PL would build one; every answer goes through `validator` */
  api: LooseClient;
  validator: ReturnType<typeof createContractValidator>;
  seeded: Awaited<ReturnType<typeof seedFeedWarehouse>>;
  close(): Promise<void>;
}

/** Starts the app, reads the feed's document from it and seeds one feed warehouse with `stock` units of each SKU. */
export async function startFeedContract(stock?: number): Promise<FeedContract> {
  const t = await createTestContext();
  const app = await buildApp(t.ctx, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}/feed/v1`;
  const doc = (await (await fetch(`${baseUrl}/openapi.json`)).json()) as Record<string, unknown>;
  const seeded = await seedFeedWarehouse(t, stock);
  const validator = createContractValidator(doc);
  const client = createClient({ baseUrl, headers: { authorization: `Bearer ${seeded.key}` } });
  client.use(validator.middleware);
  return {
    t,
    app,
    doc,
    api: client as unknown as LooseClient,
    validator,
    seeded,
    async close() {
      await app.close();
      await t.close();
    },
  };
}

/** Registers the hooks of a feed contract file: the feed started before its tests (see startFeedContract) and closed after. */
export function useFeedContract(stock?: number): FeedContract {
  const feed = {} as FeedContract;
  beforeAll(async () => {
    Object.assign(feed, await startFeedContract(stock));
  }, 60_000);
  afterAll(async () => {
    await feed.close?.();
  });
  return feed;
}

/** Every answer the client saw matched the document, and answers with each of `statuses` were among them. */
export function expectAnswersMatchDocument(
  validator: FeedContract['validator'],
  opts: { atLeast: number; statuses: number[] },
): void {
  const checked = validator.checked();
  expect(checked.length).toBeGreaterThanOrEqual(opts.atLeast);
  expect(checked.filter((c) => c.problems.length > 0)).toEqual([]);
  const statuses = new Set(checked.map((c) => c.status));
  for (const s of opts.statuses) expect(statuses).toContain(s);
}
