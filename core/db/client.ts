import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql, type SQL } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { PgDialect, type PgDatabase, type PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from '../../drizzle/schema/index.js';

export type Schema = typeof schema;
/** The drizzle database, whichever driver is underneath. Repositories take this type. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle; it has the same query surface as Db. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export const migrationsFolder = fileURLToPath(new URL('../../drizzle/migrations', import.meta.url));

export interface Database {
  db: Db;
  driver: 'postgres' | 'pglite';
  /** Runs raw SQL and returns its rows, the same shape on both drivers. */
  query<T extends Record<string, unknown>>(q: SQL): Promise<T[]>;
  migrate(): Promise<void>;
  /** True when every migration in drizzle/migrations is recorded as applied. */
  migrationsApplied(): Promise<boolean>;
  ping(): Promise<void>;
  /** LISTEN on a Postgres channel (one shared connection); resolves to a function that stops listening. */
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface DbOptions {
  url?: string;
  pgliteDir: string;
  poolSize: number;
  /** postgres.js connect timeout, seconds */
  connectTimeout?: number;
  /** named prepared statements (default); false sends each statement unprepared */
  prepare?: boolean;
  /** called with each statement's text as it is sent (postgres.js only): tests count round trips with it */
  onStatement?: (text: string) => void;
}

type PostgresClient = import('postgres').Sql;

/**
 * Drizzle sends every statement through postgres.js `unsafe` unprepared, unless the query was
 * given a name: each then costs a parse and a plan on the server and an extra round of
 * describe. This client prepares each distinct statement once per connection and reuses it
 * (about a third of the CPU per statement, measured in issue #16), inside transactions too.
 */
function preparing<T extends PostgresClient>(client: T): T {
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === 'unsafe') return preparedUnsafe(target);
      if (prop === 'begin') return (...args: unknown[]) => pipelinedBegin(target, args);
      return Reflect.get(target, prop, receiver);
    },
  });
}

function preparedUnsafe(client: PostgresClient) {
  return (query: string, params?: unknown[], opts?: object) =>
    client.unsafe(query, params as never, { ...opts, prepare: true });
}

type Reserved = Awaited<ReturnType<PostgresClient['reserve']>>;
type TxBody = (tx: PostgresClient) => unknown;

/** A transaction's client answers to this with a function that sends a statement ahead (see `sendAhead`). */
const SEND_AHEAD = Symbol('sendAhead');

/** What one transaction shares with its savepoints: their names, and the statements sent ahead. */
interface TxState {
  next: number;
  /** each statement sent ahead (`begin` the first), settled to its error or null */
  ahead: Promise<unknown>[];
}

/**
 * Executes a statement now, its answer unread: its turn on the connection comes before any
 * statement made after it. The outcome is taken at once (its error, or null), so a failure is
 * never an unhandled rejection.
 */
function sendNow(conn: Reserved, text: string, params: unknown[] = []): Promise<unknown> {
  return preparedUnsafe(conn)(text, params)
    .execute()
    .then(
      () => null,
      (e: unknown) => e,
    );
}

/**
 * Sends a statement on the transaction's connection at once, without waiting for its answer:
 * it goes out with the transaction's next statement, one round trip less (#16). Postgres runs
 * them in order, so a lock sent ahead is held before the next statement starts; code between
 * the two runs before it is granted, so only a statement of the same transaction may rely on it.
 * A statement sent ahead that fails fails the transaction with its own error. False where
 * nothing was sent (PGlite, or not inside a transaction): the caller then runs the statement.
 */
export function sendAhead(tx: DbOrTx, text: string, params: unknown[]): boolean {
  const client = (tx as unknown as { session?: { client?: Record<symbol, unknown> } }).session?.client;
  const send = client?.[SEND_AHEAD] as ((text: string, params: unknown[]) => void) | undefined;
  if (!send) return false;
  send(text, params);
  return true;
}

/**
 * A statement sent ahead (`sendAhead`) where the connection allows it, else run at once: its
 * text and parameters come from the same dialect either driver uses.
 */
export async function runAhead(tx: DbOrTx, statement: SQL): Promise<void> {
  const query = aheadDialect.sqlToQuery(statement);
  if (!sendAhead(tx, query.sql, query.params)) await tx.execute(statement);
}

const aheadDialect = new PgDialect();

/** The first error of the statements sent ahead (`begin` included): the cause of whatever failed after them. */
async function aheadError(state: TxState): Promise<unknown> {
  for (const outcome of state.ahead) {
    const e = await outcome;
    if (e) return e;
  }
  return null;
}

/**
 * A transaction whose `begin` travels with its first statement. postgres.js's own `begin` waits
 * for the answer to `begin` before the body runs; here a reserved connection is sent `begin` and
 * the body's first statement in the same tick, which postgres.js writes as one packet: one round
 * trip less per transaction (a third of the jobs' round trips on the flash sale's hot path, #16).
 * `begin` cannot fail apart from its connection, which fails the first statement too; it is the
 * first statement sent ahead, its answer read with theirs. A statement that failed unawaited leaves the
 * transaction aborted, and Postgres answers its `commit` with ROLLBACK: that is an error here.
 */
async function pipelinedBegin(client: PostgresClient, args: unknown[]): Promise<unknown> {
  const body = args.pop() as TxBody;
  const mode = typeof args[0] === 'string' ? args[0].replace(/[^a-z ]/gi, '') : '';
  const conn = await client.reserve();
  try {
    const state: TxState = { next: 0, ahead: [sendNow(conn, `begin ${mode}`)] };
    let result: unknown;
    try {
      result = await body(transactionClient(conn, state));
    } catch (e) {
      // a statement that failed ahead aborted the transaction: the ones after it only say so
      const cause = (await aheadError(state)) ?? e;
      await undo(conn, 'rollback', cause);
      throw cause;
    }
    // sent before the answers to `begin` and to the statements sent ahead are read, so the last of
    // those travels with it; Postgres answers ROLLBACK when any of them failed
    const committing = conn
      .unsafe('commit')
      .execute()
      .then(
        (done) => ({ done }),
        (error: unknown) => ({ error }),
      );
    const cause = await aheadError(state);
    const outcome = await committing;
    if (cause) throw cause;
    if ('error' in outcome) throw outcome.error;
    if (outcome.done.command !== 'COMMIT')
      throw new Error(`transaction ended with ${outcome.done.command}: a statement in it failed`);
    return result;
  } finally {
    conn.release();
  }
}

/** The body's view of a reserved connection: prepared statements and drizzle's nested transactions. */
function transactionClient(conn: Reserved, state: TxState, savepoint = false): PostgresClient {
  return new Proxy(conn, {
    get(target, prop, receiver) {
      if (prop === 'unsafe') return preparedUnsafe(target);
      // not in a savepoint: its rollback would recover from a failure the transaction still reports
      if (prop === SEND_AHEAD && !savepoint)
        return (text: string, params: unknown[]) => void state.ahead.push(sendNow(target, text, params));
      if (prop === 'savepoint')
        return async (body: TxBody) => {
          const name = `s${state.next++}`;
          await target.unsafe(`savepoint ${name}`);
          try {
            const result = await body(transactionClient(target, state, true));
            await target.unsafe(`release savepoint ${name}`);
            return result;
          } catch (e) {
            await undo(target, `rollback to savepoint ${name}`, e);
            throw e;
          }
        };
      return Reflect.get(target, prop, receiver);
    },
  }) as unknown as PostgresClient;
}

/** Rolls back after `cause`; a rollback that fails too (the connection is gone) reports both. */
async function undo(conn: Reserved, statement: string, cause: unknown): Promise<void> {
  try {
    await conn.unsafe(statement);
  } catch (e) {
    throw new AggregateError([cause, e], `${statement} failed after the transaction failed`, { cause: e });
  }
}

/** postgres.js when a URL is given, embedded PGlite otherwise; both run the same migrations. */
export async function createDatabase(opts: DbOptions): Promise<Database> {
  return opts.url ? createPostgresDatabase(opts.url, opts) : createPgliteDatabase(opts.pgliteDir);
}

async function createPostgresDatabase(url: string, opts: DbOptions): Promise<Database> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const { migrate } = await import('drizzle-orm/postgres-js/migrator');
  const client = postgres(url, {
    max: opts.poolSize,
    connect_timeout: opts.connectTimeout ?? 5,
    onnotice: () => {},
    ...(opts.onStatement ? { debug: (_conn: number, text: string) => opts.onStatement!(text) } : {}),
  });
  const db = drizzle({ client: opts.prepare === false ? client : preparing(client), schema }) as unknown as Db;
  const query = async <T extends Record<string, unknown>>(q: SQL) => (await db.execute(q)) as unknown as T[];
  return {
    db,
    driver: 'postgres',
    query,
    migrate: () => migrate(db as never, { migrationsFolder }),
    migrationsApplied: () => checkMigrations(query),
    ping: async () => void (await client`select 1`),
    listen: async (channel, onMessage) => {
      const sub = await client.listen(channel, onMessage);
      return () => sub.unlisten();
    },
    close: () => client.end({ timeout: 5 }),
  };
}

async function createPgliteDatabase(dir: string): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  if (dir !== 'memory://') mkdirSync(dir, { recursive: true });
  // pg_trgm ships with PGlite: the order-name search index of migration 20261203163343_admin_scale
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const client = await PGlite.create(dir, { extensions: { pg_trgm } });
  const db = drizzle({ client, schema }) as unknown as Db;
  const query = async <T extends Record<string, unknown>>(q: SQL) =>
    ((await db.execute(q)) as unknown as { rows: T[] }).rows;
  return {
    db,
    driver: 'pglite',
    query,
    migrate: () => migrate(db as never, { migrationsFolder }),
    migrationsApplied: () => checkMigrations(query),
    ping: async () => void (await client.query('select 1')),
    listen: async (channel, onMessage) => {
      const stop = await client.listen(channel, onMessage);
      return () => stop();
    },
    close: () => client.close(),
  };
}

async function checkMigrations(query: Database['query']): Promise<boolean> {
  const expected = readMigrationFiles({ migrationsFolder });
  const last = expected.at(-1);
  if (!last) return true;
  try {
    const rows = await query<{ n: number | string }>(
      sql`select count(*)::int as n from drizzle.__drizzle_migrations where created_at >= ${last.folderMillis}`,
    );
    return Number(rows[0]?.n ?? 0) > 0;
  } catch {
    return false;
  }
}
