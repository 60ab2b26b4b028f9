import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createDatabase } from './client.js';
import { createInboxRepo } from './inbox-repo.js';

describe('embedded PGlite', () => {
  it('runs the same migrations and a repository round trip', async () => {
    const database = await createDatabase({ pgliteDir: 'memory://', poolSize: 1 });
    try {
      expect(database.driver).toBe('pglite');
      expect(await database.migrationsApplied()).toBe(false);
      await database.migrate();
      expect(await database.migrationsApplied()).toBe(true);
      const repo = createInboxRepo(database.db);
      const event = {
        source: 'shopify',
        eventId: 'e-1',
        shopDomain: 'a.myshopify.com',
        topic: 'orders/create',
        body: '{"id":1}',
      };
      const [first] = await repo.insertMany([event]);
      const [again] = await repo.insertMany([event]);
      expect(first).toMatchObject({ inserted: true });
      expect(again).toEqual({ id: first!.id, inserted: false });
      expect(await repo.get(first!.id)).toMatchObject({ topic: 'orders/create', status: 'pending', body: '{"id":1}' });
      // PGlite loads its bundled pg_trgm, so the order-name search has its trigram index here too
      const idx = await database.query<{ n: number }>(
        sql`select count(*)::int as n from pg_indexes where indexname = 'orders_name_trgm_idx'`,
      );
      expect(Number(idx[0]!.n)).toBe(1);
    } finally {
      await database.close();
    }
  });
});
