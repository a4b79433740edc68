/**
 * The audit store: refusal records, each device's chain head, the Merkle log over every accepted
 * record and its signed tree heads — on SQLite or PostgreSQL through one Db interface.
 */
import { resolve } from 'node:path';
import type { ChainHead, RefusalRecord } from '@yizhao/sdk';
import { chainProblems, MemoryChainView } from './chain.js';
import { openPostgres } from './db/postgres.js';
import { openSqlite } from './db/sqlite.js';
import { migrate } from './db/migrations.js';
import { insertMany, type Db, type SqlValue } from './db/types.js';
import { consistencyProof, Frontier, fromB64u, inclusionProof, leafHash, b64u, subtreeHash, type NodeReader } from './merkle.js';
import { LogSigner, type TreeHead } from './sth.js';
import { canonicalJson } from './canonical.js';

export interface StoreOptions {
  /** A SQLite file (default ./yizhao-audit.db, or ':memory:') or a postgres:// URL. */
  readonly database?: string;
  /** PostgreSQL schema (created if missing). */
  readonly schema?: string;
  /** The log's Ed25519 key (PKCS#8 PEM); made on first start. Default: beside the SQLite file. */
  readonly keyFile?: string;
  /** A ready signer instead of keyFile (tests). */
  readonly signer?: LogSigner;
}

export interface Flag {
  readonly id: string;
  readonly seq: number;
  readonly kind: string;
  readonly detail: string;
}

export interface IngestResult {
  readonly accepted: number;
  readonly duplicates: number;
  readonly flagged: Flag[];
  readonly head: ChainHead | null;
}

export const isPostgresUrl = (s: string): boolean => /^postgres(ql)?:\/\//.test(s);

/** Calendar day of a record in China Standard Time (UTC+8, no DST): what supervisors count by. */
export function dayOf(at: number): string {
  return new Date(at + 8 * 3600_000).toISOString().slice(0, 10);
}

export class Store {
  private constructor(
    readonly db: Db,
    readonly signer: LogSigner,
  ) {}

  static async open(o: StoreOptions = {}): Promise<Store> {
    const database = o.database ?? process.env.DATABASE_URL ?? 'yizhao-audit.db';
    const pgUrl = isPostgresUrl(database);
    const file = pgUrl ? null : database === ':memory:' ? database : resolve(database);
    const keyFile = o.keyFile ?? process.env.YIZHAO_AUDIT_LOG_KEY ?? (file && file !== ':memory:' ? `${file}.log-key.pem` : null);
    const signer = o.signer ?? (keyFile ? LogSigner.fromFile(keyFile) : null);
    if (!signer) throw new Error('PostgreSQL needs the log key file: set YIZHAO_AUDIT_LOG_KEY or --key-file');
    const db = pgUrl ? await openPostgres(database, o.schema ? { schema: o.schema } : {}) : openSqlite(file!);
    try {
      await migrate(db);
      await db.tx(async (t) => {
        const held = await t.get<{ value: string }>("SELECT value FROM meta WHERE key = 'log_key_id'");
        if (held && held.value !== signer.keyId) throw new Error(`this store's log is signed by key ${held.value}, not ${signer.keyId}: wrong key file`);
        if (!held) await insertMany(t, 'meta', ['key', 'value'], [['log_key_id', signer.keyId], ['log_public_key', signer.publicPem()]]);
      });
    } catch (error) {
      await db.close();
      throw error;
    }
    return new Store(db, signer);
  }

  close(): Promise<void> {
    return this.db.close();
  }

  /**
   * Stores one device's batch (all or nothing). A record held with the same id and hash is a
   * duplicate; everything else is appended to the log. Chain problems (edited, gap, fork, or an id
   * reused with other content; see chain.ts) are stored with the record and reported, never merged
   * silently.
   */
  async ingest(device: string, records: readonly RefusalRecord[], now = Date.now()): Promise<IngestResult> {
    return this.db.tx(async (t) => {
      const dev = await t.get<{ head_seq: number; head_hash: string; records: number; flagged: number; last_at: number }>(
        'SELECT head_seq, head_hash, records, flagged, last_at FROM devices WHERE device = ?',
        [device],
      );
      // What the store already holds that these records must link to (or would duplicate).
      const view = new MemoryChainView();
      if (dev) view.setHead(device, Number(dev.head_seq));
      const ids = [...new Set(records.map((r) => r.id))];
      const seqs = [...new Set(records.flatMap((r) => [r.seq, r.seq - 1]))];
      for (const [col, values] of [['id', ids], ['seq', seqs]] as const) {
        for (let i = 0; i < values.length; i += 400) {
          const chunk = values.slice(i, i + 400);
          const rows = await t.all<{ id: string; hash: string; device: string; seq: number }>(
            `SELECT id, hash, device, seq FROM records WHERE ${col === 'seq' ? 'device = ? AND ' : ''}${col} IN (${chunk.map(() => '?').join(',')})`,
            col === 'seq' ? [device, ...chunk] : chunk,
          );
          for (const row of rows) view.add({ ...row, seq: Number(row.seq) });
        }
      }
      let duplicates = 0;
      const fresh: RefusalRecord[] = [];
      const flags = new Map<RefusalRecord, Flag[]>();
      for (const r of [...records].sort((a, b) => a.seq - b.seq)) {
        if (view.hashesOfId(r.id)?.has(r.hash)) {
          duplicates++;
          continue;
        }
        const problems = await chainProblems(r, view);
        if (problems.length) flags.set(r, problems.map((p) => ({ id: r.id, seq: r.seq, kind: p.kind, detail: p.detail })));
        view.add(r);
        fresh.push(r);
      }
      const before: ChainHead | null = dev ? { seq: Number(dev.head_seq), hash: dev.head_hash } : null;
      if (fresh.length === 0) return { accepted: 0, duplicates, flagged: [], head: before };

      const size = (await this.treeSizeIn(t)) as number;
      const frontier = new Frontier(size, await this.frontierNodes(t, size));
      const recRows: SqlValue[][] = [];
      const ruleRows: SqlValue[][] = [];
      const flagRows: SqlValue[][] = [];
      const nodeRows: SqlValue[][] = [];
      const daily = new Map<string, number>();
      const dailyRules = new Map<string, number>();
      const dailyDevices = new Map<string, number>();
      let head = before;
      fresh.forEach((r, i) => {
        const idx = size + i;
        const body = canonicalJson(r);
        for (const n of frontier.append(leafHash(Buffer.from(body, 'utf8')))) nodeRows.push([n.level, n.pos, b64u(n.hash)]);
        const rules = [...new Set(r.findings.map((f) => f.rule))];
        const fl = flags.get(r) ?? [];
        const day = dayOf(r.at);
        recRows.push([idx, r.id, r.hash, r.device, r.seq, r.at, day, r.type, r.matter?.id ?? null, r.matter?.name ?? null, r.department, r.page?.url ?? null, r.page?.title ?? null, r.reason, rules.join(' '), fl.length, body, now]);
        for (const rule of rules) ruleRows.push([idx, rule, day, r.device, r.department ?? '', r.matter?.id ?? '', r.type]);
        for (const f of fl) flagRows.push([idx, f.kind, f.detail]);
        for (const [grain, period] of [['d', day], ['m', day.slice(0, 7)]]) {
          const key = [grain!, period!, r.department ?? '', r.matter?.id ?? '', r.type];
          bump(daily, key);
          bump(dailyDevices, [grain!, period!, r.device, r.type]);
          for (const rule of rules) bump(dailyRules, [grain!, period!, rule, ...key.slice(2)]);
        }
        if (!head || r.seq > head.seq) head = { seq: r.seq, hash: r.hash };
      });
      await insertMany(t, 'records', ['idx', 'id', 'hash', 'device', 'seq', 'at', 'day', 'type', 'matter_id', 'matter_name', 'department', 'page_url', 'page_title', 'reason', 'rules', 'flagged', 'body', 'received_at'], recRows);
      await insertMany(t, 'record_rules', ['idx', 'rule', 'day', 'device', 'department', 'matter_id', 'type'], ruleRows);
      await insertMany(t, 'flags', ['idx', 'kind', 'detail'], flagRows);
      await insertMany(t, 'log_nodes', ['level', 'pos', 'hash'], nodeRows);
      await upsertCounts(t, 'counts', ['grain', 'period', 'department', 'matter_id', 'type'], daily);
      await upsertCounts(t, 'rule_counts', ['grain', 'period', 'rule', 'department', 'matter_id', 'type'], dailyRules);
      await upsertCounts(t, 'device_counts', ['grain', 'period', 'device', 'type'], dailyDevices);
      const flagged = fresh.flatMap((r) => flags.get(r) ?? []);
      const lastAt = Math.max(dev?.last_at ?? 0, ...fresh.map((r) => r.at));
      if (dev) {
        await t.run('UPDATE devices SET head_seq = ?, head_hash = ?, records = records + ?, flagged = flagged + ?, last_at = ?, last_upload = ? WHERE device = ?', [head!.seq, head!.hash, fresh.length, flagged.length, lastAt, now, device]);
      } else {
        await insertMany(t, 'devices', ['device', 'head_seq', 'head_hash', 'records', 'flagged', 'last_at', 'last_upload'], [[device, head!.seq, head!.hash, fresh.length, flagged.length, lastAt, now]]);
      }
      const sth = this.signer.sign(frontier.size, frontier.root(), Math.max(now, (await this.latestHeadIn(t))?.timestamp ?? 0));
      await insertMany(t, 'tree_heads', ['tree_size', 'root_hash', 'timestamp', 'signature', 'key_id'], [[sth.treeSize, sth.rootHash, sth.timestamp, sth.signature, sth.keyId]]);
      return { accepted: fresh.length, duplicates, flagged, head };
    });
  }

  private async treeSizeIn(db: Db): Promise<number> {
    return (await this.latestHeadIn(db))?.treeSize ?? 0;
  }

  private async frontierNodes(db: Db, size: number) {
    const want = Frontier.positions(size);
    if (want.length === 0) return [];
    const rows = await db.all<{ level: number; pos: number; hash: string }>(
      `SELECT level, pos, hash FROM log_nodes WHERE ${want.map(() => '(level = ? AND pos = ?)').join(' OR ')}`,
      want.flatMap((w) => [w.level, w.pos]),
    );
    return want.map((w) => {
      const row = rows.find((r) => Number(r.level) === w.level && Number(r.pos) === w.pos);
      if (!row) throw new Error(`log node ${w.level}/${w.pos} missing`);
      return { level: w.level, pos: w.pos, hash: fromB64u(row.hash) };
    });
  }

  private async latestHeadIn(db: Db): Promise<TreeHead | null> {
    const row = await db.get<HeadRow>('SELECT tree_size, root_hash, timestamp, signature, key_id FROM tree_heads ORDER BY tree_size DESC LIMIT 1');
    return row ? headOf(row) : null;
  }

  latestHead(): Promise<TreeHead | null> {
    return this.latestHeadIn(this.db);
  }

  async treeHeads(limit = 100): Promise<TreeHead[]> {
    return (await this.db.all<HeadRow>('SELECT tree_size, root_hash, timestamp, signature, key_id FROM tree_heads ORDER BY tree_size DESC LIMIT ?', [limit])).map(headOf);
  }

  async treeHeadAt(size: number): Promise<TreeHead | null> {
    const row = await this.db.get<HeadRow>('SELECT tree_size, root_hash, timestamp, signature, key_id FROM tree_heads WHERE tree_size = ?', [size]);
    return row ? headOf(row) : null;
  }

  readonly readNode: NodeReader = async (level, pos) => {
    const row = await this.db.get<{ hash: string }>('SELECT hash FROM log_nodes WHERE level = ? AND pos = ?', [level, pos]);
    if (!row) throw new Error(`log node ${level}/${pos} missing`);
    return fromB64u(row.hash);
  };

  /** The audit path of leaf `index` in the tree of `size` (default: the latest head). */
  async inclusion(index: number, size?: number): Promise<{ leafIndex: number; treeSize: number; path: string[] }> {
    const n = size ?? (await this.treeSizeIn(this.db));
    return { leafIndex: index, treeSize: n, path: (await inclusionProof(this.readNode, index, n)).map(b64u) };
  }

  async consistency(first: number, second: number): Promise<string[]> {
    return (await consistencyProof(this.readNode, first, second)).map(b64u);
  }

  async rootAt(size: number): Promise<string> {
    return b64u(await subtreeHash(this.readNode, 0, size));
  }

  async meta(key: string): Promise<string | null> {
    return (await this.db.get<{ value: string }>('SELECT value FROM meta WHERE key = ?', [key]))?.value ?? null;
  }
}

interface HeadRow {
  tree_size: number;
  root_hash: string;
  timestamp: number;
  signature: string;
  key_id: string;
}

const headOf = (r: HeadRow): TreeHead => ({ treeSize: Number(r.tree_size), rootHash: r.root_hash, timestamp: Number(r.timestamp), signature: r.signature, keyId: r.key_id });

function bump(counts: Map<string, number>, key: readonly string[]): void {
  const k = JSON.stringify(key);
  counts.set(k, (counts.get(k) ?? 0) + 1);
}

async function upsertCounts(db: Db, table: string, columns: readonly string[], counts: Map<string, number>): Promise<void> {
  const rows = [...counts].map(([k, n]) => [...(JSON.parse(k) as string[]), n]);
  await insertMany(db, table, [...columns, 'n'], rows, `ON CONFLICT (${columns.join(',')}) DO UPDATE SET n = ${table}.n + excluded.n`);
}
