/**
 * Signed tree heads: the service's Ed25519 key signs (timestamp, tree size, root) after every accepted
 * batch, so a supervisor who kept a head can later demand proof that nothing was removed since.
 *
 * Signed bytes follow RFC 6962 §3.5 TreeHeadSignature: version 0 (v1), signature_type 1
 * (tree_hash), uint64 timestamp (ms), uint64 tree_size, 32-byte root hash — 50 bytes, big-endian.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { b64u, fromB64u } from './merkle.js';

export interface TreeHead {
  readonly treeSize: number;
  /** base64url MTH of the first treeSize leaves. */
  readonly rootHash: string;
  /** Unix ms. */
  readonly timestamp: number;
  /** base64url Ed25519 signature over treeHeadBytes(). */
  readonly signature: string;
  /** base64url SHA-256 of the signing key's SPKI (DER): which key signed. */
  readonly keyId: string;
}

export function treeHeadBytes(h: Pick<TreeHead, 'treeSize' | 'rootHash' | 'timestamp'>): Buffer {
  const out = Buffer.alloc(50);
  out[0] = 0;
  out[1] = 1;
  out.writeBigUInt64BE(BigInt(h.timestamp), 2);
  out.writeBigUInt64BE(BigInt(h.treeSize), 10);
  const root = fromB64u(h.rootHash);
  if (root.length !== 32) throw new Error('root hash must be 32 bytes');
  root.copy(out, 18);
  return out;
}

export class LogSigner {
  readonly publicKey: KeyObject;
  readonly keyId: string;

  constructor(private readonly privateKey: KeyObject) {
    this.publicKey = createPublicKey(privateKey);
    this.keyId = keyIdOf(this.publicKey);
  }

  /** The public key as PEM (SPKI): what `yizhao audit verify --key` takes. */
  publicPem(): string {
    return this.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  }

  sign(treeSize: number, root: Uint8Array, timestamp = Date.now()): TreeHead {
    const unsigned = { treeSize, rootHash: b64u(root), timestamp };
    return { ...unsigned, signature: b64u(sign(null, treeHeadBytes(unsigned), this.privateKey)), keyId: this.keyId };
  }

  static generate(): LogSigner {
    return new LogSigner(generateKeyPairSync('ed25519').privateKey);
  }

  /**
   * The key at `file` (PKCS#8 PEM), made on first start (mode 0600) with its public half beside it
   * (`x.pem` → `x.pub.pem`).
   */
  static fromFile(file: string): LogSigner {
    if (existsSync(file)) return new LogSigner(createPrivateKey(readFileSync(file)));
    const signer = LogSigner.generate();
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, signer.privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
    writeFileSync(publicKeyFileOf(file), signer.publicPem());
    return signer;
  }
}

/** Where the public half of a key file is written: `x.log-key.pem` → `x.log-key.pub.pem`. */
export function publicKeyFileOf(file: string): string {
  return `${file.replace(/\.pem$/, '')}.pub.pem`;
}

export function keyIdOf(key: KeyObject): string {
  return b64u(createHash('sha256').update(key.export({ type: 'spki', format: 'der' })).digest());
}

export function publicKeyFromPem(pem: string | Buffer): KeyObject {
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`log key must be Ed25519, not ${key.asymmetricKeyType}`);
  return key;
}

export function verifyTreeHead(h: TreeHead, key: KeyObject): boolean {
  try {
    return verify(null, treeHeadBytes(h), key, fromB64u(h.signature));
  } catch {
    return false;
  }
}
