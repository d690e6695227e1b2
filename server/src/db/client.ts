import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { Logger } from 'pino';
import { answersWithin } from '../http/answers.js';
import type { PoolCounts } from '../metrics/metrics.js';
import * as schema from './schema.js';

/** One drizzle type for both drivers: the rest of the server never knows which one it has. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Database = {
  db: Db;
  ready(): Promise<boolean>;
  /** This process's connections (`desk_db_pool`): pg's pool counts; PGlite is one connection. */
  pool(): PoolCounts;
  close(): Promise<void>;
  driver: 'pglite' | 'postgres';
  /** PGlite only: a tarball of the data directory, for `openPgliteFromDump` (tests clone one migrated database). */
  dump?: () => Promise<Blob | File>;
};

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/**
 * Bounds on every Postgres call, so a database that is down or stuck fails a request with a coded
 * 503 (http/errors.ts) instead of hanging it (docs/operations.md, "Database down").
 */
export const DATABASE_LIMITS = {
  /** Opening a connection (a host that drops packets would otherwise wait for the kernel's TCP timeout). */
  connectTimeoutMs: 5_000,
  /** Postgres cancels a statement running longer than this (SQLSTATE 57014). */
  statementTimeoutMs: 10_000,
  /** The client gives up on an answer that has not come (the network, not the database, is stuck). */
  queryTimeoutMs: 15_000,
  /** A transaction left open by a stalled request does not hold its locks for ever. */
  idleInTransactionTimeoutMs: 30_000,
};
export type DatabaseLimits = typeof DATABASE_LIMITS;

/** `/api/ready` answers within this, whatever the database does. */
export const READY_TIMEOUT_MS = 2_000;

type OpenOptions = {
  databaseUrl: string | null;
  dataDir: string | 'memory://';
  /** Where a pooled connection's own failure is reported (the database stopped under an idle connection). */
  logger?: Pick<Logger, 'warn'>;
  /** Tests shorten the bounds to see a stuck database answered quickly. */
  limits?: Partial<DatabaseLimits>;
};

/** Postgres when DATABASE_URL is set, else PGlite in `dataDir` (or in memory for `memory://`). Migrates on open. */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) {
    const { Pool } = await import('pg');
    const { drizzle } = await import('drizzle-orm/node-postgres');
    const limits = { ...DATABASE_LIMITS, ...options.limits };
    const pool = new Pool({
      connectionString: options.databaseUrl,
      max: 10,
      connectionTimeoutMillis: limits.connectTimeoutMs,
      statement_timeout: limits.statementTimeoutMs,
      query_timeout: limits.queryTimeoutMs,
      idle_in_transaction_session_timeout: limits.idleInTransactionTimeoutMs,
      keepAlive: true,
    });
    // An idle connection whose server went away emits 'error' on the pool; unheard, it would end the
    // process. The pool drops that connection and opens a new one when the database is back.
    pool.on('error', (error) => options.logger?.warn({ err: error }, 'database connection lost'));
    // The same for a connection in use between two statements of a transaction: its next statement
    // fails (and the pool drops it) instead of the process.
    pool.on('connect', (client) => client.on('error', () => undefined));
    const db = drizzle(pool, { schema });
    await migrateAlone(pool, migrationsFolder);
    return { ...wrap(db as unknown as Db, () => pool.end(), 'postgres'), pool: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }) };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  let client: PGlite;
  if (options.dataDir === 'memory://') client = new PGlite();
  else {
    mkdirSync(options.dataDir, { recursive: true });
    client = new PGlite(options.dataDir);
  }
  const db = drizzle(client, { schema });
  await migrate(db, { migrationsFolder });
  return { ...wrap(db as unknown as Db, () => client.close(), 'pglite'), dump: () => client.dumpDataDir('none') };
}

/** Any fixed number: the advisory lock several nodes starting at once take turns on to migrate. */
const MIGRATION_LOCK = 0x6465736b; // 'desk'

/**
 * Migrates with a session advisory lock held, so several nodes starting together (a deploy) do not
 * race to create the same tables: the first migrates, the others wait, then find nothing to do.
 */
async function migrateAlone(pool: import('pg').Pool, folder: string): Promise<void> {
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const { migrate } = await import('drizzle-orm/node-postgres/migrator');
  const client = await pool.connect();
  try {
    // A statement timeout must not cut the wait for another node's migration short.
    await client.query('set statement_timeout = 0');
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await migrate(drizzle(client, { schema }), { migrationsFolder: folder });
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release(true);
  }
}

/** A PGlite database restored from a dump of an already-migrated one: ~4× faster than migrating, for tests. */
export async function openPgliteFromDump(dump: Blob | File): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const client = new PGlite({ loadDataDir: dump });
  return { ...wrap(drizzle(client, { schema }) as unknown as Db, () => client.close(), 'pglite'), dump: () => client.dumpDataDir('none') };
}

function wrap(db: Db, close: () => Promise<void>, driver: Database['driver']): Database {
  let closed = false;
  return {
    db,
    driver,
    pool: () => ({ total: 1 }),
    async ready() {
      if (closed) return false;
      return answersWithin(() => db.execute(sql`select 1`).then(() => true), READY_TIMEOUT_MS);
    },
    async close() {
      if (closed) return;
      closed = true;
      await close();
    },
  };
}
