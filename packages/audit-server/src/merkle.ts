/**
 * The append-only Merkle log of RFC 9162 §2.1 (Certificate Transparency v2): leaf and node hashes,
 * incremental appends, inclusion and consistency proofs, and their verification.
 *
 * Hash values are 32-byte Buffers here; the store and the wire carry them as base64url.
 */
import { createHash } from 'node:crypto';

export type Hash = Buffer;

/** SHA-256(0x00 ‖ data): the leaf hash (§2.1.1). */
export function leafHash(data: Uint8Array): Hash {
  return createHash('sha256').update(Buffer.of(0)).update(data).digest();
}

/** SHA-256(0x01 ‖ left ‖ right): an interior node (§2.1.1). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Hash {
  return createHash('sha256').update(Buffer.of(1)).update(left).update(right).digest();
}

/** MTH of the empty list: SHA-256 of nothing. */
export const EMPTY_ROOT: Hash = createHash('sha256').digest();

/** Largest power of two strictly smaller than n (n ≥ 2): where RFC 9162 splits a list of n. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

const isPow2 = (n: number): boolean => n > 0 && Number.isInteger(Math.log2(n));

/** A perfect subtree hash: level l covers leaves [pos·2^l, (pos+1)·2^l). */
export interface StoredNode {
  readonly level: number;
  readonly pos: number;
  readonly hash: Hash;
}

/**
 * The right edge of a log: the roots of the perfect subtrees that make up its n leaves (one per set
 * bit of n). Appending is O(log n) and yields every new perfect node, so a store can keep all of them
 * and answer any proof with O(log n) lookups.
 */
export class Frontier {
  private readonly stack: StoredNode[];
  private n: number;

  constructor(size = 0, nodes: readonly StoredNode[] = []) {
    this.n = size;
    this.stack = [...nodes];
  }

  get size(): number {
    return this.n;
  }

  get nodes(): readonly StoredNode[] {
    return this.stack;
  }

  /** Which perfect nodes a log of `size` leaves has on its right edge, left to right. */
  static positions(size: number): { level: number; pos: number }[] {
    const out: { level: number; pos: number }[] = [];
    let start = 0;
    for (let level = 52; level >= 0; level--) {
      const span = 2 ** level;
      if (Math.floor(size / span) % 2 === 1) {
        out.push({ level, pos: start / span });
        start += span;
      }
    }
    return out;
  }

  /** Adds a leaf; returns every node (the leaf included) that became complete. */
  append(leaf: Hash): StoredNode[] {
    const made: StoredNode[] = [{ level: 0, pos: this.n, hash: leaf }];
    this.stack.push(made[0]!);
    this.n++;
    for (;;) {
      const right = this.stack[this.stack.length - 1]!;
      const left = this.stack[this.stack.length - 2];
      if (!left || left.level !== right.level) break;
      this.stack.length -= 2;
      const node = { level: right.level + 1, pos: left.pos / 2, hash: nodeHash(left.hash, right.hash) };
      this.stack.push(node);
      made.push(node);
    }
    return made;
  }

  root(): Hash {
    let h: Hash | null = null;
    for (let i = this.stack.length - 1; i >= 0; i--) h = h ? nodeHash(this.stack[i]!.hash, h) : this.stack[i]!.hash;
    return h ?? EMPTY_ROOT;
  }
}

/** Looks up a stored perfect subtree (level, pos); throws when it is missing. */
export type NodeReader = (level: number, pos: number) => Promise<Hash>;

/** MTH(D[start:end]) from stored perfect subtrees: O(log n) lookups. */
export async function subtreeHash(read: NodeReader, start: number, end: number): Promise<Hash> {
  const n = end - start;
  if (n <= 0) return EMPTY_ROOT;
  if (isPow2(n) && start % n === 0) return read(Math.log2(n), start / n);
  const k = splitPoint(n);
  return nodeHash(await subtreeHash(read, start, start + k), await subtreeHash(read, start + k, end));
}

/** PATH(m, D[n]) of RFC 9162 §2.1.3.1: the audit path of leaf m in the tree of size n. */
export async function inclusionProof(read: NodeReader, m: number, n: number): Promise<Hash[]> {
  if (!(m >= 0 && m < n)) throw new RangeError(`leaf ${m} is not in a tree of ${n}`);
  const path: Hash[] = [];
  let start = 0;
  let end = n;
  // Walk down from the root; siblings are collected top-down, the proof lists them bottom-up.
  while (end - start > 1) {
    const k = splitPoint(end - start);
    if (m - start < k) {
      path.push(await subtreeHash(read, start + k, end));
      end = start + k;
    } else {
      path.push(await subtreeHash(read, start, start + k));
      start += k;
    }
  }
  return path.reverse();
}

/** PROOF(m, D[n]) of RFC 9162 §2.1.4.1: that the tree of size m is a prefix of the tree of size n. */
export async function consistencyProof(read: NodeReader, m: number, n: number): Promise<Hash[]> {
  if (!(m >= 1 && m <= n)) throw new RangeError(`no consistency proof from ${m} to ${n}`);
  const out: Hash[] = [];
  // SUBPROOF(m, D[start:end], b), unrolled: each step appends one sibling; collected top-down.
  let start = 0;
  let end = n;
  let b = true;
  let mm = m;
  while (mm !== end - start) {
    const k = splitPoint(end - start);
    if (mm <= k) {
      out.push(await subtreeHash(read, start + k, end));
      end = start + k;
    } else {
      out.push(await subtreeHash(read, start, start + k));
      start += k;
      mm -= k;
      b = false;
    }
  }
  if (!b) out.push(await subtreeHash(read, start, end));
  return out.reverse();
}

/** RFC 9162 §2.1.3.2: does `path` prove leaf `index` (with hash `leaf`) in the tree (size, root)? */
export function verifyInclusion(leaf: Uint8Array, index: number, size: number, path: readonly Uint8Array[], root: Uint8Array): boolean {
  if (!(index >= 0 && index < size)) return false;
  let fn = index;
  let sn = size - 1;
  let r: Uint8Array = leaf;
  for (const p of path) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) while (fn % 2 === 0 && fn !== 0) ((fn = Math.floor(fn / 2)), (sn = Math.floor(sn / 2)));
    } else r = nodeHash(r, p);
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && Buffer.from(r).equals(Buffer.from(root));
}

/** RFC 9162 §2.1.4.2: does `proof` show that (size1, root1) is a prefix of (size2, root2)? */
export function verifyConsistency(size1: number, size2: number, root1: Uint8Array, root2: Uint8Array, proof: readonly Uint8Array[]): boolean {
  if (size1 < 1 || size2 < size1) return false;
  if (size1 === size2) return proof.length === 0 && Buffer.from(root1).equals(Buffer.from(root2));
  if (proof.length === 0) return false;
  let path = [...proof];
  // A power-of-two first tree is itself a node of the second: the proof omits it.
  if (isPow2(size1)) path = [root1, ...path];
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (fn % 2 === 1) ((fn = Math.floor(fn / 2)), (sn = Math.floor(sn / 2)));
  let fr: Uint8Array = path[0]!;
  let sr: Uint8Array = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) while (fn % 2 === 0 && fn !== 0) ((fn = Math.floor(fn / 2)), (sn = Math.floor(sn / 2)));
    } else sr = nodeHash(sr, c);
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && Buffer.from(fr).equals(Buffer.from(root1)) && Buffer.from(sr).equals(Buffer.from(root2));
}

/** An in-memory log: for offline verification and for tests (recomputes everything from leaves). */
export class MemoryLog {
  private readonly frontier = new Frontier();
  private readonly nodes = new Map<string, Hash>();

  append(leaf: Hash): void {
    for (const n of this.frontier.append(leaf)) this.nodes.set(`${n.level}/${n.pos}`, n.hash);
  }

  get size(): number {
    return this.frontier.size;
  }

  root(): Hash {
    return this.frontier.root();
  }

  /** Root of the first `size` leaves (an earlier tree head). */
  rootAt(size: number): Promise<Hash> {
    return subtreeHash(this.read, 0, size);
  }

  readonly read: NodeReader = async (level, pos) => {
    const h = this.nodes.get(`${level}/${pos}`);
    if (!h) throw new Error(`no node ${level}/${pos}`);
    return h;
  };
}

export const b64u = (h: Uint8Array): string => Buffer.from(h).toString('base64url');
export const fromB64u = (s: string): Hash => Buffer.from(s, 'base64url');
