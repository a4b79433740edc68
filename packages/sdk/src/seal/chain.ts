/**
 * Certification path for a seal certificate (spec §5 steps 5–7): built by issuer name from the
 * `x5c` certificates and the trust list's seal roots, then judged for CA status, signatures,
 * validity at the signing time and revocation by the CRLs the verifier holds.
 */
import { decodeBase64 } from '../jose/base64url.js';
import { parseCertificate, verifyBy, type ParsedCertificate, type ParsedCrl } from './x509.js';

/** At most this many certificates below the root (the `x5c` limit). */
export const MAX_CHAIN = 5;

const rootCache = new WeakMap<readonly string[], ParsedCertificate[]>();

/** The trust list's seal roots, parsed once per list (unparseable entries are ignored). */
export function sealRoots(encoded: readonly string[]): ParsedCertificate[] {
  let roots = rootCache.get(encoded);
  if (!roots) {
    roots = [];
    for (const b64 of encoded) {
      let der: Uint8Array;
      try {
        der = decodeBase64(b64);
      } catch {
        continue; // the trust list's shape check admits only strict base64; this is belt and braces
      }
      const cert = parseCertificate(der);
      if (cert) roots.push(cert);
    }
    rootCache.set(encoded, roots);
  }
  return roots;
}


/**
 * Checks that `issuer`'s key made `signature` over `data` under `algorithm` (an OID). The default is
 * WebCrypto's; SES certificates (SM2) bring their own.
 */
export type SignatureCheck = (issuer: ParsedCertificate, algorithm: string, data: Uint8Array, signature: Uint8Array) => Promise<boolean>;

/** Whether `issuer` signed `child`, computed once per pair and check (path building and checking both ask). */
const signedCache = new WeakMap<SignatureCheck, WeakMap<ParsedCertificate, Map<ParsedCertificate, Promise<boolean>>>>();
function signedBy(child: ParsedCertificate, issuer: ParsedCertificate, check: SignatureCheck): Promise<boolean> {
  let byChild = signedCache.get(check);
  if (!byChild) signedCache.set(check, (byChild = new WeakMap()));
  let byIssuer = byChild.get(child);
  if (!byIssuer) byChild.set(child, (byIssuer = new Map()));
  let result = byIssuer.get(issuer);
  if (!result) byIssuer.set(issuer, (result = check(issuer, child.signatureAlgorithm, child.tbs, child.signature)));
  return result;
}

const same = (a: ParsedCertificate, b: ParsedCertificate) => a.der.length === b.der.length && a.der.every((v, i) => v === b.der[i]);

/**
 * Depth-first search for a path ending at a seal root. Candidates for a certificate's issuer are the
 * certificates whose subject is its issuer name; those whose signature verifies are tried first
 * (roots before intermediates), so a look-alike with a bad signature cannot shadow the real issuer.
 * Loops are never followed. Returns the path from the seal certificate to the root, or null.
 */
export async function buildPath(leaf: ParsedCertificate, intermediates: readonly ParsedCertificate[], roots: readonly ParsedCertificate[], check: SignatureCheck = verifyBy): Promise<ParsedCertificate[] | null> {
  const isRoot = (c: ParsedCertificate) => roots.some((r) => same(r, c));
  const search = async (path: ParsedCertificate[]): Promise<ParsedCertificate[] | null> => {
    const current = path[path.length - 1]!;
    if (isRoot(current)) return path;
    if (path.length > MAX_CHAIN) return null;
    const pool = [...roots, ...intermediates].filter((c) => c.subjectKey === current.issuerKey && !path.some((p) => same(p, c)));
    const ranked = await Promise.all(pool.map(async (c) => ({ c, verifies: await signedBy(current, c, check), root: isRoot(c) })));
    ranked.sort((a, b) => Number(b.verifies) - Number(a.verifies) || Number(b.root) - Number(a.root));
    for (const { c } of ranked) {
      const found = await search([...path, c]);
      if (found) return found;
    }
    return null;
  };
  return search([leaf]);
}

/** Every issuer on the path a CA and every signature verifying; what is wrong, or null. */
export async function pathProblem(path: readonly ParsedCertificate[], check: SignatureCheck = verifyBy): Promise<string | null> {
  for (let i = 0; i + 1 < path.length; i++) {
    const [child, issuer] = [path[i]!, path[i + 1]!];
    if (!issuer.isCA) return `issuer ${issuer.subject} is not a CA`;
    if (!(await signedBy(child, issuer, check))) return `signature on ${child.subject} does not verify`;
  }
  return null;
}

export interface RevocationResult {
  readonly revoked: ParsedCertificate | null;
  /** Certificates (root excepted) that no current CRL covered. */
  readonly unchecked: readonly ParsedCertificate[];
}

/**
 * A serial on any CRL whose signature verifies against the certificate's issuer is revoked, whatever
 * the dates; a certificate counts as checked only when such a CRL is also current.
 */
export async function checkRevocation(path: readonly ParsedCertificate[], crls: readonly ParsedCrl[], now: number, check: SignatureCheck = verifyBy): Promise<RevocationResult> {
  const unchecked: ParsedCertificate[] = [];
  for (let i = 0; i + 1 < path.length; i++) {
    const [cert, issuer] = [path[i]!, path[i + 1]!];
    let checked = false;
    for (const crl of crls) {
      if (crl.issuerKey !== issuer.subjectKey) continue;
      if (!(await check(issuer, crl.signatureAlgorithm, crl.tbs, crl.signature))) continue;
      if (crl.revokedSerials.has(cert.serial)) return { revoked: cert, unchecked };
      if (crl.nextUpdate === null || now <= crl.nextUpdate) checked = true;
    }
    if (!checked) unchecked.push(cert);
  }
  return { revoked: null, unchecked };
}

