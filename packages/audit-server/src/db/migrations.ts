/**
 * Schema migrations, one list for both backends (the few differences are spelled per dialect).
 * Applied in order inside one write transaction; schema_migrations records what ran.
 */
import type { Db } from './types.js';

type Dialect = Db['dialect'];

const MIGRATIONS: { version: number; sql: (d: Dialect) => string }[] = [
  {
    version: 1,
    sql: (d) => `
CREATE TABLE records (
  idx ${d === 'sqlite' ? 'INTEGER' : 'BIGINT'} PRIMARY KEY,
  id TEXT NOT NULL,
  hash TEXT NOT NULL,
  device TEXT NOT NULL,
  seq BIGINT NOT NULL,
  at BIGINT NOT NULL,
  day TEXT NOT NULL,
  type TEXT NOT NULL,
  matter_id TEXT,
  matter_name TEXT,
  department TEXT,
  page_url TEXT,
  page_title TEXT,
  reason TEXT,
  rules TEXT NOT NULL,
  flagged INTEGER NOT NULL,
  body TEXT NOT NULL,
  received_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX records_id_hash ON records (id, hash);
CREATE INDEX records_device_seq ON records (device, seq);
CREATE INDEX records_at ON records (at);
-- A record's rules, with the columns the dashboard filters on ('' for none), so rule-filtered counts
-- need not visit the records.
CREATE TABLE record_rules (
  idx BIGINT NOT NULL, rule TEXT NOT NULL, day TEXT NOT NULL, device TEXT NOT NULL, department TEXT NOT NULL, matter_id TEXT NOT NULL, type TEXT NOT NULL,
  PRIMARY KEY (idx, rule)
);
CREATE INDEX record_rules_rule ON record_rules (rule, day, device);
CREATE TABLE flags (idx BIGINT NOT NULL, kind TEXT NOT NULL, detail TEXT NOT NULL);
CREATE INDEX flags_idx ON flags (idx);
CREATE TABLE log_nodes (level INTEGER NOT NULL, pos BIGINT NOT NULL, hash TEXT NOT NULL, PRIMARY KEY (level, pos));
CREATE TABLE tree_heads (tree_size BIGINT PRIMARY KEY, root_hash TEXT NOT NULL, timestamp BIGINT NOT NULL, signature TEXT NOT NULL, key_id TEXT NOT NULL);
CREATE TABLE devices (
  device TEXT PRIMARY KEY,
  head_seq BIGINT NOT NULL,
  head_hash TEXT NOT NULL,
  records BIGINT NOT NULL,
  flagged BIGINT NOT NULL,
  last_at BIGINT NOT NULL,
  last_upload BIGINT NOT NULL
);
CREATE TABLE tokens (token_hash TEXT PRIMARY KEY, name TEXT NOT NULL, device TEXT, created_at BIGINT NOT NULL, revoked_at BIGINT);
CREATE TABLE users (name TEXT PRIMARY KEY, password TEXT NOT NULL, created_at BIGINT NOT NULL);
CREATE TABLE sessions (id_hash TEXT PRIMARY KEY, user_name TEXT NOT NULL, csrf TEXT NOT NULL, expires_at BIGINT NOT NULL);
CREATE INDEX records_department ON records (department, day, device);
CREATE INDEX records_matter ON records (matter_id, day, device);
-- Roll-ups kept at ingest, per day (grain 'd', period YYYY-MM-DD) and per month (grain 'm', period
-- YYYY-MM): a date range reads whole months plus the days at its ends.
CREATE TABLE counts (
  grain TEXT NOT NULL, period TEXT NOT NULL, department TEXT NOT NULL, matter_id TEXT NOT NULL, type TEXT NOT NULL, n BIGINT NOT NULL,
  PRIMARY KEY (grain, period, department, matter_id, type)
);
CREATE TABLE rule_counts (
  grain TEXT NOT NULL, period TEXT NOT NULL, rule TEXT NOT NULL, department TEXT NOT NULL, matter_id TEXT NOT NULL, type TEXT NOT NULL, n BIGINT NOT NULL,
  PRIMARY KEY (grain, period, rule, department, matter_id, type)
);
CREATE TABLE device_counts (
  grain TEXT NOT NULL, period TEXT NOT NULL, device TEXT NOT NULL, type TEXT NOT NULL, n BIGINT NOT NULL,
  PRIMARY KEY (grain, period, device, type)
);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

export async function migrate(db: Db): Promise<number> {
  await db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)');
  return db.tx(async (t) => {
    const done = new Set((await t.all<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => Number(r.version)));
    let applied = 0;
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      await t.exec(m.sql(t.dialect));
      await t.run('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)', [m.version, Date.now()]);
      applied++;
    }
    return applied;
  });
}
