/**
 * PostgreSQL through pg, for a district-wide deployment: same schema and SQL as SQLite (`?` becomes
 * `$n`), bigints read as numbers, optional schema (search_path) so tests and tenants stay apart.
 */
import pg from 'pg';
import type { Db, SqlValue } from './types.js';

const INT8 = 20;
const NUMERIC = 1700;
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8 || oid === NUMERIC) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format);
  },
};

function numbered(sql: string): string {
  let i = 0;
  return sql.replace(/\?/g, () => `$${++i}`);
}

export interface PostgresOptions {
  /** Schema to create (if missing) and use via search_path; default: the server's default. */
  readonly schema?: string;
  readonly max?: number;
}

export async function openPostgres(url: string, o: PostgresOptions = {}): Promise<Db> {
  if (o.schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(o.schema)) throw new Error(`bad schema name "${o.schema}"`);
  const pool = new pg.Pool({ connectionString: url, max: o.max ?? 5, types, ...(o.schema ? { options: `-c search_path=${o.schema}` } : {}) });
  if (o.schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${o.schema}`);

  const over = (q: { query: pg.Pool['query'] } | pg.PoolClient, self: () => Db): Db => ({
    dialect: 'postgres',
    async all<T>(sql: string, params: readonly SqlValue[] = []) {
      return (await q.query(numbered(sql), params as SqlValue[])).rows as T[];
    },
    async get<T>(sql: string, params: readonly SqlValue[] = []) {
      return (await q.query(numbered(sql), params as SqlValue[])).rows[0] as T | undefined;
    },
    async run(sql: string, params: readonly SqlValue[] = []) {
      return (await q.query(numbered(sql), params as SqlValue[])).rowCount ?? 0;
    },
    async exec(sql: string) {
      await q.query(sql);
    },
    tx: (fn) => (q === pool ? transaction(fn) : fn(self())),
    async close() {
      await pool.end();
    },
  });

  async function transaction<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      // One writer at a time across every server instance: the log's leaf indices are serial.
      await client.query('SELECT pg_advisory_xact_lock(hashtext(current_schema()))');
      const inner: Db = over(client, () => inner);
      const out = await fn(inner);
      await client.query('COMMIT');
      return out;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  const db: Db = over(pool, () => db);
  return db;
}

/** Drops a schema made by openPostgres (tests). */
export async function dropSchema(url: string, schema: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`bad schema name "${schema}"`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}
