/**
 * Licence-presentation verification (spec §2): every check in the specified order, first failure wins.
 */
import { detailMessage, warning, type Warning } from './codes.js';
import { classify } from './classify.js';
import { inflateRawBounded } from './jose/inflate.js';
import { parseCompactJws, parseJsonObject } from './jose/jws.js';
import { shapeClaims, type PresentationClaims } from './licence-claims.js';
import { replayKey, type ReplayStore } from './replay.js';
import { failure, type CheckName, type CheckTrace, type FailureParts, type PresentationInfo, type VerificationResult } from './result.js';
import { statusAt, type StatusList } from './status-list.js';
import { DEFAULT_SKEW } from './time.js';
import { checkKeyAt, findIssuerKey, isTrustListExpired, trustListWarnings, type TrustListLoad } from './trust-list.js';
import { validateUscc } from './uscc.js';

export const PRESENTATION_TYP = 'yzl+jwt';
export const DEFAULT_MAX_AGE = 600;
/** Inflating a `zip: DEF` payload stops past this (spec §2). */
export const MAX_INFLATED_PAYLOAD = 16 * 1024;
/**
 * Spec §2: verifiers do not reject on length (issuers keep within QR sizes). This bound only keeps a
 * hostile multi-megabyte input from being parsed at all; it is far above anything a QR can hold.
 */
export const MAX_PRESENTATION_LENGTH = 4 * 1024 * 1024;

/** Everything a single verification reads: the verifier's state plus this call's expectations. */
export interface PresentationContext {
  readonly trustList: TrustListLoad;
  /** Held status lists by `iss` + list id (see `statusListKey`). */
  readonly statusLists: ReadonlyMap<string, StatusList>;
  /** Omit to turn replay checking off (archive re-verification). */
  readonly replayStore?: ReplayStore;
  readonly now: number;
  readonly skew?: number;
  readonly maxAge?: number;
  /** STATUS_UNKNOWN is an error instead of a warning. */
  readonly strict?: boolean;
  readonly audience?: string;
  readonly nonce?: string;
  /** The catalogue matter (e.g. DZ164-111) being handled, checked against `scp`. */
  readonly matter?: string;
}

export function statusListKey(iss: string, id: string): string {
  return JSON.stringify([iss, id]);
}

export async function verifyPresentation(scanned: string, ctx: PresentationContext): Promise<VerificationResult> {
  const trace: CheckTrace[] = [];
  const warnings: Warning[] = [];
  const pass = (check: CheckName) => trace.push({ check, ok: true });
  const fail = (check: CheckName, parts: Omit<FailureParts, 'kind' | 'trace' | 'warnings'> & { kind?: FailureParts['kind'] }) => {
    trace.push({ check, ok: false, ...(parts.detail !== undefined && { detail: parts.detail }) });
    return failure({ kind: 'licence', ...parts, trace, warnings });
  };

  // 1. classification
  const classified = classify(scanned);
  if (classified.kind !== 'licence') {
    if (classified.kind === 'unknown') {
      return fail('classification', { kind: 'unknown', code: 'UNSUPPORTED_FORMAT', preview: classified.preview, explain: { key: 'unknown.preview', params: { preview: classified.preview } } });
    }
    return fail('classification', { kind: classified.kind, code: 'NOT_A_PRESENTATION', uscc: classified.kind === 'paper-licence-link' ? classified.uscc : null });
  }
  pass('classification');

  // 2. trust list
  const skew = ctx.skew ?? DEFAULT_SKEW;
  if (!ctx.trustList.ok) return fail('trust-list', { code: ctx.trustList.code, detail: ctx.trustList.detail });
  const trustList = ctx.trustList.trustList;
  if (isTrustListExpired(trustList, ctx.now, skew)) return fail('trust-list', { code: 'TRUST_LIST_EXPIRED', detail: `trust list expired at ${trustList.exp}` });
  warnings.push(...trustListWarnings(trustList, ctx.now, skew));
  pass('trust-list');

  // 3. structure and header
  if (classified.token.length > MAX_PRESENTATION_LENGTH) return fail('structure', { code: 'PAYLOAD_TOO_LARGE', detail: 'presentation text too long' });
  const parsed = parseCompactJws(classified.token, PRESENTATION_TYP);
  if (!parsed.ok) return fail(parsed.stage, { code: parsed.code, detail: parsed.detail });
  const { jws } = parsed;
  const { kid, zip } = jws.header;
  if (typeof kid !== 'string') return fail('header', { code: 'MALFORMED', detail: 'kid missing' });
  if (zip !== undefined && zip !== 'DEF') return fail('header', { code: 'MALFORMED', detail: 'zip other than DEF' });
  pass('structure');
  pass('header');

  // 4. payload decoding
  let payloadBytes = jws.payloadBytes;
  if (zip === 'DEF') {
    const inflated = inflateRawBounded(payloadBytes, MAX_INFLATED_PAYLOAD);
    if (!inflated.ok) {
      return fail('payload', inflated.reason === 'too-large' ? { code: 'PAYLOAD_TOO_LARGE', detail: 'inflated payload over 16 KiB' } : { code: 'MALFORMED', detail: 'payload is not raw DEFLATE' });
    }
    payloadBytes = inflated.bytes;
  }
  const payload = parseJsonObject(payloadBytes);
  if (!payload) return fail('payload', { code: 'MALFORMED', detail: 'payload is not a JSON object' });
  pass('payload');

  // 5. claim shapes, then the subject
  const claims = shapeClaims(payload, ctx.maxAge ?? DEFAULT_MAX_AGE);
  if (typeof claims === 'string') return fail('claims', { code: 'MALFORMED', detail: claims });
  pass('claims');
  const subject = validateUscc(claims.sub);
  if (!subject.ok) return fail('subject', { code: 'SUBJECT_INVALID', rule: subject.rule, detail: `sub fails rule ${subject.rule}`, explain: { key: `uscc.${subject.rule}` } });
  pass('subject');

  // 6. issuer and key — only ever from the trust list, never from the token
  const key = findIssuerKey(trustList, claims.iss, kid, jws.alg);
  if (typeof key === 'string') return fail('issuer-key', { code: key, detail: key === 'UNKNOWN_ISSUER' ? `issuer ${claims.iss.slice(0, 64)}` : `kid ${kid.slice(0, 64)}` });
  pass('issuer-key');

  // 7. signature
  if (!(await key.verifier.verify(jws.signingInput, jws.signature))) return fail('signature', { code: 'BAD_SIGNATURE' });
  pass('signature');
  const issuerName = trustList.issuers.get(claims.iss)?.name ?? claims.iss;
  const verified = { uscc: claims.sub, licence: claims.licence, presentation: presentationInfo(claims, issuerName, kid, jws.alg, zip === 'DEF') };

  // 8. key window and revocation
  const keyProblem = checkKeyAt(key, claims.iat);
  if (keyProblem) return fail('key-validity', { code: keyProblem, ...verified });
  pass('key-validity');

  // 9. time
  if ((claims.nbf !== undefined && ctx.now + skew < claims.nbf) || ctx.now + skew < claims.iat) return fail('time', { code: 'NOT_YET_VALID', ...verified });
  if (ctx.now - skew >= claims.exp) return fail('time', { code: 'EXPIRED', detail: `expired at ${claims.exp}`, ...verified });
  pass('time');

  // 10. audience, nonce, scope
  if (ctx.audience !== undefined ? claims.aud !== ctx.audience : claims.aud !== undefined) return fail('audience', { code: 'AUDIENCE_MISMATCH', ...verified });
  pass('audience');
  if (ctx.nonce !== undefined) {
    if (claims.nonce !== ctx.nonce) return fail('nonce', { code: 'NONCE_MISMATCH', ...verified });
    pass('nonce');
  }
  if (ctx.matter !== undefined) {
    if (claims.scp !== undefined && !claims.scp.includes(ctx.matter)) return fail('scope', { code: 'SCOPE_MISMATCH', ...verified });
    pass('scope');
  }

  // 11. licence status, then the status list
  if (claims.licence.status !== 'active') return fail('licence-status', { code: 'LICENSE_NOT_ACTIVE', detail: `status ${claims.licence.status}`, ...verified });
  pass('licence-status');
  if (claims.sts) {
    const list = ctx.statusLists.get(statusListKey(claims.iss, claims.sts.l));
    const revoked = list ? statusAt(list, claims.sts.i, ctx.now, skew) : undefined;
    if (revoked === true) return fail('status-list', { code: 'STATUS_REVOKED', ...verified });
    if (revoked === undefined) {
      if (ctx.strict) return fail('status-list', { code: 'STATUS_UNKNOWN', detail: 'no current status list answers', ...verified });
      warnings.push(warning('STATUS_UNKNOWN'));
      trace.push({ check: 'status-list', ok: false, detail: 'unknown (warning)' });
    } else pass('status-list');
  }

  // 12. replay — remembered only now that everything else passed
  if (ctx.replayStore) {
    const fresh = await ctx.replayStore.remember(replayKey(claims.iss, claims.jti), claims.exp + skew, ctx.now);
    if (!fresh) return fail('replay', { code: 'REPLAYED', ...verified });
    pass('replay');
  }

  return {
    ok: true,
    outcome: 'valid',
    kind: 'licence',
    code: null,
    message: detailMessage('licence.valid'),
    warnings,
    trace,
    ...verified,
  };
}

function presentationInfo(c: PresentationClaims, issuerName: string, kid: string, alg: PresentationInfo['alg'], compressed: boolean): PresentationInfo {
  return {
    iss: c.iss,
    issuerName,
    kid,
    alg,
    iat: c.iat,
    exp: c.exp,
    jti: c.jti,
    compressed,
    ...(c.nbf !== undefined && { nbf: c.nbf }),
    ...(c.aud !== undefined && { aud: c.aud }),
    ...(c.nonce !== undefined && { nonce: c.nonce }),
    ...(c.scp !== undefined && { scope: c.scp }),
    ...(c.sts !== undefined && { status: { list: c.sts.l, index: c.sts.i } }),
  };
}

