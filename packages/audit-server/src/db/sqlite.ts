/** SQLite through better-sqlite3: zero set-up, one file (WAL), statements cached. */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Db, SqlValue } from './types.js';

export function openSqlite(file: string, o: { readonly?: boolean } = {}): Db {
  if (file !== ':memory:' && !o.readonly) mkdirSync(dirname(file), { recursive: true });
  const sqlite = new Database(file, { readonly: !!o.readonly, fileMustExist: !!o.readonly });
  if (!o.readonly) sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  const cache = new Map<string, Database.Statement>();
  const prep = (sql: string) => {
    let s = cache.get(sql);
    if (!s) {
      s = sqlite.prepare(sql);
      if (cache.size > 500) cache.clear();
      cache.set(sql, s);
    }
    return s;
  };
  // better-sqlite3 is synchronous; async transactions are serialised by this queue so that no other
  // request's statements run inside (or interleave with) an open transaction.
  let queue: Promise<unknown> = Promise.resolve();
  let inTx = false;
  const db: Db = {
    dialect: 'sqlite',
    async all<T>(sql: string, params: readonly SqlValue[] = []) {
      return prep(sql).all(...params) as T[];
    },
    async get<T>(sql: string, params: readonly SqlValue[] = []) {
      return prep(sql).get(...params) as T | undefined;
    },
    async run(sql: string, params: readonly SqlValue[] = []) {
      return prep(sql).run(...params).changes;
    },
    async exec(sql: string) {
      sqlite.exec(sql);
    },
    tx<T>(fn: (db: Db) => Promise<T>): Promise<T> {
      if (inTx) return fn(db);
      const next = queue.then(async () => {
        inTx = true;
        sqlite.exec('BEGIN IMMEDIATE');
        try {
          const out = await fn(db);
          sqlite.exec('COMMIT');
          return out;
        } catch (error) {
          if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
          throw error;
        } finally {
          inTx = false;
        }
      });
      queue = next.catch(() => undefined);
      return next;
    },
    async close() {
      await queue;
      sqlite.close();
    },
  };
  return db;
}
