/**
 * Offline verification (`yizhao audit verify`): of a store (SQLite file or PostgreSQL) or of a JSON
 * export, with the log's public key. Recomputes every leaf and the tree at every signed head, checks
 * each head's signature, re-runs the chain check and compares it with the stored flags, and checks
 * heads a supervisor kept from earlier (nothing removed since).
 */
import type { KeyObject } from 'node:crypto';
import { parseRecord } from '@yizhao/sdk';
import { canonicalJson } from './canonical.js';
import { chainProblems, MemoryChainView } from './chain.js';
import type { Db } from './db/types.js';
import { EXPORT_FORMAT, type AuditExport } from './export.js';
import { b64u, Frontier, fromB64u, leafHash, verifyInclusion } from './merkle.js';
import { keyIdOf, publicKeyFromPem, verifyTreeHead, type TreeHead } from './sth.js';

export interface Problem {
  readonly kind: 'key' | 'signature' | 'head' | 'leaf' | 'record' | 'flags' | 'proof' | 'saved-head';
  readonly detail: string;
}

export interface VerifyReport {
  readonly ok: boolean;
  readonly problems: Problem[];
  readonly records: number;
  readonly treeSize: number;
  readonly heads: number;
  readonly flagged: number;
  readonly keyId: string | null;
  /** Where the key came from: given by the verifier, or read from the store/export itself. */
  readonly keySource: 'given' | 'embedded' | 'none';
  /** Whether the whole log was recomputed (a filtered export only proves inclusion). */
  readonly complete: boolean;
}

export interface VerifyOptions {
  /** The log's public key (PEM); default: the one the store or export carries (weaker). */
  readonly key?: KeyObject;
  /** Tree heads kept from earlier: each must be signed and a prefix of the current log. */
  readonly savedHeads?: readonly TreeHead[];
}

class Checker {
  readonly problems: Problem[] = [];
  private readonly frontier = new Frontier();
  private readonly view = new MemoryChainView();
  private readonly roots = new Map<number, string>();
  records = 0;
  flagged = 0;

  constructor(private readonly wanted: ReadonlySet<number>) {}

  /** One stored record in log order: leaf, schema, canonical form and flags. */
  async add(index: number, body: string | null, value: unknown, storedFlags: readonly string[]): Promise<void> {
    if (index !== this.frontier.size) {
      this.problems.push({ kind: 'leaf', detail: `leaf ${this.frontier.size} missing (next stored is ${index})` });
      return;
    }
    const parsed = parseRecord(value);
    const canonical = parsed.ok ? canonicalJson(parsed.value) : null;
    if (!parsed.ok) this.problems.push({ kind: 'record', detail: `leaf ${index}: not a valid record (${parsed.issues[0]?.path}: ${parsed.issues[0]?.message})` });
    else if (body !== null && canonical !== body) this.problems.push({ kind: 'record', detail: `leaf ${index}: stored body is not canonical` });
    this.frontier.append(leafHash(Buffer.from(body ?? canonical ?? '', 'utf8')));
    if (this.wanted.has(this.frontier.size)) this.roots.set(this.frontier.size, b64u(this.frontier.root()));
    this.records++;
    if (storedFlags.length) this.flagged++;
    if (!parsed.ok) return;
    const kinds = [...new Set((await chainProblems(parsed.value, this.view)).map((p) => p.kind))].sort().join(',');
    const stored = [...new Set(storedFlags)].sort().join(',');
    if (kinds !== stored) this.problems.push({ kind: 'flags', detail: `leaf ${index} (device ${parsed.value.device.slice(0, 8)}, seq ${parsed.value.seq}): chain check gives [${kinds}], store says [${stored}]` });
    this.view.add(parsed.value);
  }

  rootAt(size: number): string | undefined {
    return this.roots.get(size);
  }

  get size(): number {
    return this.frontier.size;
  }
}

function checkHeads(heads: readonly TreeHead[], key: KeyObject | null, c: Checker, label: 'head' | 'saved-head'): void {
  let last: TreeHead | null = null;
  for (const h of heads) {
    if (key && !verifyTreeHead(h, key)) c.problems.push({ kind: 'signature', detail: `${label} of size ${h.treeSize}: bad signature` });
    if (h.treeSize > c.size) c.problems.push({ kind: label, detail: `${label} of size ${h.treeSize} but only ${c.size} leaves: records were removed` });
    else if (c.rootAt(h.treeSize) !== h.rootHash) c.problems.push({ kind: label, detail: `${label} of size ${h.treeSize}: root differs from the recomputed tree` });
    if (label === 'head' && last && h.timestamp < last.timestamp) c.problems.push({ kind: 'head', detail: `head ${h.treeSize} is older than head ${last.treeSize}` });
    last = h;
  }
}

function keyFrom(given: KeyObject | undefined, embedded: string | null | undefined, problems: Problem[]): { key: KeyObject | null; source: VerifyReport['keySource'] } {
  if (given) return { key: given, source: 'given' };
  if (!embedded) {
    problems.push({ kind: 'key', detail: 'no public key given or stored: signatures not checked' });
    return { key: null, source: 'none' };
  }
  return { key: publicKeyFromPem(embedded), source: 'embedded' };
}

function report(c: Checker, heads: readonly TreeHead[], key: KeyObject | null, source: VerifyReport['keySource'], complete: boolean, extra: Problem[] = []): VerifyReport {
  const problems = [...extra, ...c.problems];
  return { ok: problems.length === 0, problems, records: c.records, treeSize: heads[heads.length - 1]?.treeSize ?? 0, heads: heads.length, flagged: c.flagged, keyId: key ? keyIdOf(key) : null, keySource: source, complete };
}

export async function verifyStore(db: Db, o: VerifyOptions = {}): Promise<VerifyReport> {
  const pre: Problem[] = [];
  const meta = await db.get<{ value: string }>("SELECT value FROM meta WHERE key = 'log_public_key'");
  const { key, source } = keyFrom(o.key, meta?.value, pre);
  const heads = (await db.all<{ tree_size: number; root_hash: string; timestamp: number; signature: string; key_id: string }>('SELECT * FROM tree_heads ORDER BY tree_size')).map(
    (r): TreeHead => ({ treeSize: Number(r.tree_size), rootHash: r.root_hash, timestamp: Number(r.timestamp), signature: r.signature, keyId: r.key_id }),
  );
  const saved = o.savedHeads ?? [];
  const c = new Checker(new Set([...heads, ...saved].map((h) => h.treeSize)));
  let after = -1;
  for (;;) {
    const rows = await db.all<{ idx: number; body: string }>('SELECT idx, body FROM records WHERE idx > ? ORDER BY idx LIMIT 5000', [after]);
    if (rows.length === 0) break;
    const first = Number(rows[0]!.idx);
    const last = Number(rows[rows.length - 1]!.idx);
    const flagRows = await db.all<{ idx: number; kind: string }>('SELECT idx, kind FROM flags WHERE idx >= ? AND idx <= ?', [first, last]);
    const flags = new Map<number, string[]>();
    for (const f of flagRows) flags.set(Number(f.idx), [...(flags.get(Number(f.idx)) ?? []), f.kind]);
    for (const r of rows) {
      let value: unknown = null;
      try {
        value = JSON.parse(r.body);
      } catch {
        /* reported by parseRecord below */
      }
      await c.add(Number(r.idx), r.body, value, flags.get(Number(r.idx)) ?? []);
    }
    after = last;
  }
  checkHeads(heads, key, c, 'head');
  checkHeads(saved, key, c, 'saved-head');
  const latest = heads[heads.length - 1];
  if (latest && c.size > latest.treeSize) pre.push({ kind: 'head', detail: `${c.size - latest.treeSize} leaves after the last signed head` });
  return report(c, heads, key, source, true, pre);
}

export async function verifyExport(data: unknown, o: VerifyOptions = {}): Promise<VerifyReport> {
  const x = data as Partial<AuditExport> | null;
  if (!x || x.format !== EXPORT_FORMAT || x.v !== 1 || !Array.isArray(x.records) || !x.log) {
    return { ok: false, problems: [{ kind: 'record', detail: `not a ${EXPORT_FORMAT} v1 file` }], records: 0, treeSize: 0, heads: 0, flagged: 0, keyId: null, keySource: 'none', complete: false };
  }
  const pre: Problem[] = [];
  const { key, source } = keyFrom(o.key, x.log.publicKey, pre);
  const head = x.log.treeHead;
  const records = x.records;
  const complete = !!x.complete && !!head && records.length === head.treeSize && records.every((r, i) => r.leafIndex === i);
  if (x.complete && !complete) pre.push({ kind: 'leaf', detail: `export says complete but holds ${records.length} of ${head?.treeSize ?? 0} leaves in order` });
  if (head && key && !verifyTreeHead(head, key)) pre.push({ kind: 'signature', detail: `tree head of size ${head.treeSize}: bad signature` });
  // Each record's inclusion proof against the exported head (whether or not the export is complete).
  let flagged = 0;
  for (const r of records) {
    if (r.flags?.length) flagged++;
    const parsed = parseRecord(r.record);
    if (!parsed.ok || !head) {
      pre.push({ kind: 'record', detail: `leaf ${r.leafIndex}: ${parsed.ok ? 'no tree head to check against' : 'not a valid record'}` });
      continue;
    }
    const leaf = leafHash(Buffer.from(canonicalJson(parsed.value), 'utf8'));
    if (!verifyInclusion(leaf, r.leafIndex, head.treeSize, (r.inclusion ?? []).map(fromB64u), fromB64u(head.rootHash))) pre.push({ kind: 'proof', detail: `leaf ${r.leafIndex} (record ${parsed.value.id}): inclusion proof fails` });
  }
  const heads = complete ? (x.log.treeHeads ?? []) : head ? [head] : [];
  const saved = o.savedHeads ?? [];
  const c = new Checker(new Set([...heads, ...saved].map((h) => h.treeSize)));
  if (complete) {
    for (const r of records) await c.add(r.leafIndex, null, r.record, (r.flags ?? []).map((f) => f.kind));
    checkHeads(heads, key, c, 'head');
    checkHeads(saved, key, c, 'saved-head');
  } else {
    c.records = records.length;
    c.flagged = flagged;
    if (saved.length) pre.push({ kind: 'saved-head', detail: 'a filtered export cannot show consistency with a saved head; verify the store or a complete export' });
  }
  return report(c, heads, key, source, complete, pre);
}
