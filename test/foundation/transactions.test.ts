import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, sendAhead, type Database } from '../../core/db/client.js';
import { lockKeysAhead } from '../../core/db/locks.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db.js';

// The postgres.js client sends a transaction's `begin` with its first statement (core/db/client.ts):
// these are the guarantees of a transaction that must survive that, on the real database.
describe('transactions on postgres.js', () => {
  let t: TestDatabase;
  let database: Database;
  const rows = async (tag: string) =>
    (await database.query<{ v: string }>(sql`select v from tx_probe where tag = ${tag} order by v`)).map((r) => r.v);

  beforeAll(async () => {
    t = await createTestDatabase();
    // two connections, so transactions queue for one and plain statements share the rest
    database = await createDatabase({ url: t.url, pgliteDir: '', poolSize: 2 });
    await database.query(sql`create table tx_probe (tag text not null, v text not null)`);
  });
  afterAll(async () => {
    await database.close();
    await t.drop();
  });

  it('commits what the body wrote, on one connection, and answers what the body answered', async () => {
    const answer = await database.db.transaction(async (tx) => {
      const [a] = (await tx.execute(
        sql`insert into tx_probe values ('commit', 'a') returning pg_backend_pid() as pid`,
      )) as unknown as { pid: number }[];
      const [b] = (await tx.execute(
        sql`select pg_backend_pid() as pid, txid_current_if_assigned() is not null as in_tx`,
      )) as unknown as { pid: number; in_tx: boolean }[];
      expect(b!.pid).toBe(a!.pid);
      expect(b!.in_tx).toBe(true);
      return 'done';
    });
    expect(answer).toBe('done');
    expect(await rows('commit')).toEqual(['a']);
  });

  it('rolls back everything when the body throws, and rethrows the same error', async () => {
    const boom = new Error('body failed');
    await expect(
      database.db.transaction(async (tx) => {
        await tx.execute(sql`insert into tx_probe values ('thrown', 'a')`);
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(await rows('thrown')).toEqual([]);
  });

  it('keeps the Postgres error of a failed statement, with nothing written', async () => {
    const err = await database.db
      .transaction(async (tx) => {
        await tx.execute(sql`insert into tx_probe values ('failed', 'a')`);
        await tx.execute(sql`select 1 / 0`);
      })
      .catch((e: unknown) => e);
    expect((err as { cause?: unknown }).cause).toMatchObject({ code: '22012' });
    expect(await rows('failed')).toEqual([]);
  });

  it('refuses to report a commit that Postgres answered with a rollback', async () => {
    // the body saw its statement fail and went on: the transaction is aborted all the same
    const err = await database.db
      .transaction(async (tx) => {
        await tx.execute(sql`insert into tx_probe values ('aborted', 'a')`);
        const failed = await tx.execute(sql`select 1 / 0`).then(
          () => null,
          (e: unknown) => e,
        );
        expect((failed as { cause?: unknown }).cause).toMatchObject({ code: '22012' });
      })
      .catch((e: unknown) => e);
    expect(String(err)).toMatch(/ROLLBACK/);
    expect(await rows('aborted')).toEqual([]);
  });

  it('undoes a nested transaction alone when it throws', async () => {
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`insert into tx_probe values ('nested', 'outer')`);
      await expect(
        tx.transaction(async (inner) => {
          await inner.execute(sql`insert into tx_probe values ('nested', 'inner')`);
          throw new Error('inner failed');
        }),
      ).rejects.toThrow('inner failed');
      await tx.transaction(async (inner) => {
        await inner.execute(sql`insert into tx_probe values ('nested', 'kept')`);
      });
    });
    expect(await rows('nested')).toEqual(['kept', 'outer']);
  });

  it('runs many transactions at once on a small pool, each whole or not at all', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) =>
        database.db.transaction(async (tx) => {
          await tx.execute(sql`insert into tx_probe values ('many', ${`${i}-1`})`);
          await tx.execute(sql`insert into tx_probe values ('many', ${`${i}-2`})`);
          if (i % 4 === 0) throw new Error(`refused ${i}`);
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(10);
    const written = await rows('many');
    expect(written).toHaveLength(60);
    for (let i = 0; i < 40; i++) {
      const mine = written.filter((v) => v.startsWith(`${i}-`));
      expect(mine).toHaveLength(i % 4 === 0 ? 0 : 2);
    }
    // the pool is whole afterwards: plain statements still run
    expect(await database.query(sql`select 1 as one`)).toEqual([{ one: 1 }]);
  });

  it('holds a lock sent ahead before the next statement starts, so that statement sees what its holder committed', async () => {
    // a second client holds the key: one of this pool's two connections cannot wait on the other
    const holder = await createDatabase({ url: t.url, pgliteDir: '', poolSize: 1 });
    try {
      let held!: () => void;
      const holding = new Promise<void>((r) => (held = r));
      const first = holder.db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended('probe-key', 0))`);
        held();
        await tx.execute(sql`select pg_sleep(0.2)`);
        await tx.execute(sql`insert into tx_probe values ('ahead', 'first')`);
      });
      await holding;
      await database.db.transaction(async (tx) => {
        await lockKeysAhead(tx, ['probe-key']);
        // its snapshot is taken once the lock is granted, after the holder's commit
        await tx.execute(sql`
          insert into tx_probe select 'ahead', 'second'
          where exists (select 1 from tx_probe where tag = 'ahead' and v = 'first')`);
      });
      await first;
      expect(await rows('ahead')).toEqual(['first', 'second']);
    } finally {
      await holder.close();
    }
  });

  it("fails the transaction with the error of a statement sent ahead, not with the next statement's", async () => {
    const err = await database.db
      .transaction(async (tx) => {
        expect(sendAhead(tx, 'select 1 / 0', [])).toBe(true);
        await tx.execute(sql`insert into tx_probe values ('ahead-failed', 'a')`);
      })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: '22012' });
    expect(await rows('ahead-failed')).toEqual([]);
    // nor when nothing follows it: the commit is refused
    const alone = await database.db
      .transaction(async (tx) => void sendAhead(tx, 'select 1 / 0', []))
      .catch((e: unknown) => e);
    expect(alone).toMatchObject({ code: '22012' });
  });

  it('commits a statement sent ahead as the last of the transaction', async () => {
    const answer = await database.db.transaction(async (tx) => {
      await tx.execute(sql`insert into tx_probe values ('ahead-last', 'a')`);
      expect(sendAhead(tx, `insert into tx_probe values ('ahead-last', $1)`, ['b'])).toBe(true);
      return 'sent';
    });
    expect(answer).toBe('sent');
    expect(await rows('ahead-last')).toEqual(['a', 'b']);
  });

  it('sends nothing ahead outside a transaction or inside a savepoint: the caller runs the statement', async () => {
    expect(sendAhead(database.db, 'select 1', [])).toBe(false);
    await database.db.transaction(async (tx) => {
      await tx.transaction(async (inner) => {
        expect(sendAhead(inner, 'select 1', [])).toBe(false);
      });
    });
  });
});
