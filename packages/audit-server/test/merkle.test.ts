import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { consistencyProof, EMPTY_ROOT, inclusionProof, leafHash, MemoryLog, verifyConsistency, verifyInclusion, type Hash } from '../src/merkle.js';

// The Certificate Transparency reference vectors (google/certificate-transparency, Trillian's
// merkle tests): the leaf inputs d0…d7, MTH for sizes 1…8, and published proofs.
const LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((h) => Buffer.from(h, 'hex'));
const ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const INCLUSION: [number, number, string[]][] = [
  [0, 8, ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4']],
  [5, 8, ['bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7']],
];
const CONSISTENCY: [number, number, string[]][] = [
  [1, 8, ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4']],
  [6, 8, ['0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7']],
  [2, 5, ['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b']],
];

const hex = (hs: readonly Hash[]) => hs.map((h) => h.toString('hex'));

function logOf(leaves: readonly Buffer[]): MemoryLog {
  const log = new MemoryLog();
  for (const l of leaves) log.append(leafHash(l));
  return log;
}

/** MTH straight from the RFC's recursive definition: independent of the incremental code. */
function mth(leaves: readonly Buffer[]): Buffer {
  if (leaves.length === 0) return createHash('sha256').digest();
  if (leaves.length === 1) return createHash('sha256').update(Buffer.of(0)).update(leaves[0]!).digest();
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return createHash('sha256').update(Buffer.of(1)).update(mth(leaves.slice(0, k))).update(mth(leaves.slice(k))).digest();
}

describe('RFC 9162 Merkle log', () => {
  it('matches the CT reference roots for sizes 0…8', async () => {
    expect(EMPTY_ROOT.toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    for (let n = 1; n <= 8; n++) {
      const log = logOf(LEAVES.slice(0, n));
      expect(log.root().toString('hex')).toBe(ROOTS[n - 1]);
      expect((await logOf(LEAVES).rootAt(n)).toString('hex')).toBe(ROOTS[n - 1]);
    }
  });

  it('produces and verifies the published inclusion proofs', async () => {
    const log = logOf(LEAVES);
    for (const [m, n, want] of INCLUSION) {
      const proof = await inclusionProof(log.read, m, n);
      expect(hex(proof)).toEqual(want);
      expect(verifyInclusion(leafHash(LEAVES[m]!), m, n, proof, Buffer.from(ROOTS[n - 1]!, 'hex'))).toBe(true);
      expect(verifyInclusion(leafHash(LEAVES[(m + 1) % n]!), m, n, proof, Buffer.from(ROOTS[n - 1]!, 'hex'))).toBe(false);
    }
  });

  it('produces and verifies the published consistency proofs', async () => {
    const log = logOf(LEAVES);
    for (const [m, n, want] of CONSISTENCY) {
      const proof = await consistencyProof(log.read, m, n);
      expect(hex(proof)).toEqual(want);
      const r1 = Buffer.from(ROOTS[m - 1]!, 'hex');
      const r2 = Buffer.from(ROOTS[n - 1]!, 'hex');
      expect(verifyConsistency(m, n, r1, r2, proof)).toBe(true);
      expect(verifyConsistency(m, n, r2, r1, proof)).toBe(false);
      expect(verifyConsistency(m, n, r1, r2, proof.slice(1))).toBe(false);
    }
  });

  it('agrees with the recursive definition for every size and leaf up to 70', async () => {
    const leaves = Array.from({ length: 70 }, (_, i) => Buffer.from(`leaf-${i}`));
    const log = logOf(leaves);
    for (let n = 1; n <= 70; n++) {
      const root = mth(leaves.slice(0, n));
      expect(await log.rootAt(n)).toEqual(root);
      for (let m = 0; m < n; m++) {
        const proof = await inclusionProof(log.read, m, n);
        expect(verifyInclusion(leafHash(leaves[m]!), m, n, proof, root)).toBe(true);
        if (proof.length) expect(verifyInclusion(leafHash(leaves[m]!), m, n, proof.slice(0, -1), root)).toBe(false);
      }
      for (let m = 1; m <= n; m++) {
        const proof = await consistencyProof(log.read, m, n);
        const old = mth(leaves.slice(0, m));
        expect(verifyConsistency(m, n, old, root, proof)).toBe(true);
        // A tree that rewrote an early leaf is not consistent with the old head.
        if (m < n) expect(verifyConsistency(m, n, mth([Buffer.from('x'), ...leaves.slice(1, m)]), root, proof)).toBe(false);
      }
    }
  });
});
