/**
 * Certification paths for SES certificates (the seal maker's and the signer's) to the trust list's
 * seal roots, as spec §5 steps 5–7 do for yzseal, but with SM2 signatures checked by sm.ts (the SDK's
 * path builder verifies on WebCrypto, which has no SM2). Roots come only from the trust list: a
 * certificate found in the file is never a root, only a candidate intermediate.
 */
import { parseCertificate, type ParsedCertificate, type ParsedCrl } from '@yizhao/sdk';
import { verifyWithCertificate } from './sm.js';

/** At most this many certificates below the root. */
const MAX_CHAIN = 5;

const rootCache = new WeakMap<readonly string[], ParsedCertificate[]>();

function decodeBase64(b64: string): Uint8Array | null {
  try {
    return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

/** The trust list's seal roots (base64 DER), parsed once per list; unreadable entries are skipped. */
export function rootsOf(encoded: readonly string[]): ParsedCertificate[] {
  let roots = rootCache.get(encoded);
  if (!roots) {
    roots = encoded.map(decodeBase64).flatMap((der) => (der ? [parseCertificate(der)].filter((c): c is ParsedCertificate => c !== null) : []));
    rootCache.set(encoded, roots);
  }
  return roots;
}

const same = (a: ParsedCertificate, b: ParsedCertificate) => a.der.length === b.der.length && a.der.every((v, i) => v === b.der[i]);

const verifiesUnder = (issuer: ParsedCertificate, child: ParsedCertificate) => verifyWithCertificate(issuer, child.signatureAlgorithm, child.tbs, child.signature);

/**
 * Depth-first search by issuer name; candidates whose signature verifies are tried first (roots
 * before intermediates) so that a look-alike cannot shadow the real issuer. Loops are not followed.
 */
export async function buildPath(leaf: ParsedCertificate, intermediates: readonly ParsedCertificate[], roots: readonly ParsedCertificate[]): Promise<ParsedCertificate[] | null> {
  const isRoot = (c: ParsedCertificate) => roots.some((r) => same(r, c));
  const search = async (path: ParsedCertificate[]): Promise<ParsedCertificate[] | null> => {
    const current = path[path.length - 1]!;
    if (isRoot(current)) return path;
    if (path.length > MAX_CHAIN) return null;
    const pool = [...roots, ...intermediates].filter((c) => c.subjectKey === current.issuerKey && !path.some((p) => same(p, c)));
    const ranked = await Promise.all(pool.map(async (c) => ({ c, verifies: await verifiesUnder(c, current), root: isRoot(c) })));
    ranked.sort((a, b) => Number(b.verifies) - Number(a.verifies) || Number(b.root) - Number(a.root));
    for (const { c } of ranked) {
      const found = await search([...path, c]);
      if (found) return found;
    }
    return null;
  };
  return search([leaf]);
}

/** Every issuer on the path a CA, every signature verifying; null when the path is sound. */
export async function pathProblem(path: readonly ParsedCertificate[]): Promise<string | null> {
  for (let i = 0; i + 1 < path.length; i++) {
    const [child, issuer] = [path[i]!, path[i + 1]!];
    if (!issuer.isCA) return `issuer ${issuer.subject} is not a CA`;
    if (!(await verifiesUnder(issuer, child))) return `signature on ${child.subject} does not verify`;
  }
  return null;
}

export interface Revocation {
  readonly revoked: ParsedCertificate | null;
  /** Certificates (root excepted) no current, verified CRL covered. */
  readonly unchecked: readonly ParsedCertificate[];
}

/** As spec §5 step 7: listed on any CRL that verifies under the issuer is revoked, whatever the dates. */
export async function revocation(path: readonly ParsedCertificate[], crls: readonly ParsedCrl[], now: number): Promise<Revocation> {
  const unchecked: ParsedCertificate[] = [];
  for (let i = 0; i + 1 < path.length; i++) {
    const [cert, issuer] = [path[i]!, path[i + 1]!];
    let checked = false;
    for (const crl of crls) {
      if (crl.issuerKey !== issuer.subjectKey) continue;
      if (!(await verifyWithCertificate(issuer, crl.signatureAlgorithm, crl.tbs, crl.signature))) continue;
      if (crl.revokedSerials.has(cert.serial)) return { revoked: cert, unchecked };
      if (crl.nextUpdate === null || now <= crl.nextUpdate) checked = true;
    }
    if (!checked) unchecked.push(cert);
  }
  return { revoked: null, unchecked };
}
