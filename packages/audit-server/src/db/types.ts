/**
 * The little SQL both backends share: `?` placeholders, plain rows, and serialised write
 * transactions. SQLite (better-sqlite3) and PostgreSQL (pg) implement it; everything above it is
 * written once.
 */
export type SqlValue = string | number | null;
export type Row = Record<string, unknown>;

export interface Db {
  readonly dialect: 'sqlite' | 'postgres';
  all<T = Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  get<T = Row>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /** Several statements, no parameters (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * Runs `fn` in one transaction that excludes other writers (the Merkle log is strictly serial):
   * all of it commits or none of it does.
   */
  tx<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Inserts rows in multi-row statements (far fewer round trips on PostgreSQL). */
export async function insertMany(db: Db, table: string, columns: readonly string[], rows: readonly (readonly SqlValue[])[], suffix = ''): Promise<void> {
  const perStatement = Math.max(1, Math.floor(900 / columns.length));
  const one = `(${columns.map(() => '?').join(',')})`;
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    await db.run(`INSERT INTO ${table} (${columns.join(',')}) VALUES ${chunk.map(() => one).join(',')} ${suffix}`, chunk.flat());
  }
}
