/**
 * What the approval system does with the SDK, free of DOM code so it reads as a recipe:
 * scan-to-login with a challenge (task 1–5), precise authorisation for one matter (task 6), and
 * 免填报 / 免提交 / 存档 (task 7). Verification runs in the page on WebCrypto.
 */
import {
  combineLicenceAndSeal,
  createVerifier,
  evidenceOf,
  getMatter,
  reverifyEvidence,
  type LicenceAndSeal,
  type VerificationEvidence,
  type VerificationResult,
  type Verifier,
} from '@yizhao/sdk';

/** This relying party's id: presentations must be made out to it (aud). */
export const AUDIENCE = 'dz-water-approval';
export const MATTER_ID = 'DZ164-111';
const matter = getMatter(MATTER_ID);
if (!matter) throw new Error(`${MATTER_ID} missing from the catalogue`);
export const MATTER = matter;

export interface TrustConfig {
  trustList: string;
  pin: Readonly<Record<string, unknown>>;
}

export interface Approval {
  readonly verifier: Verifier;
  readonly config: TrustConfig;
  /** seq of the accepted trust list, null when it was refused. */
  readonly trustListSeq: number | null;
}

export async function createApproval(config: TrustConfig, clock?: () => number): Promise<Approval> {
  const verifier = await createVerifier({ ...config, ...(clock && { clock }) });
  return { verifier, config, trustListSeq: verifier.trustList.ok ? verifier.trustList.trustList.seq : null };
}

/** A fresh login challenge: 128 random bits, base64url. */
export function newChallenge(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export interface LoginAttempt {
  result: VerificationResult;
  evidence: VerificationEvidence;
}

/**
 * Scan-to-login and precise authorisation in one verification: the token must be made out to this
 * system (aud), carry the challenge shown (nonce), and, when it is scoped, include this matter.
 * Every attempt yields evidence to archive, refusals included (they matter to an audit too).
 */
export async function login(a: Approval, text: string, challenge: string): Promise<LoginAttempt> {
  const options = { audience: AUDIENCE, nonce: challenge, matter: MATTER_ID };
  const verifiedAt = Math.floor(Date.now() / 1000);
  const result = await a.verifier.verify(text, { ...options, now: verifiedAt });
  const evidence = evidenceOf(text, result, { ...a.config, verifiedAt, trustListSeq: a.trustListSeq, options });
  return { result, evidence };
}

/** Explains a refusal to the applicant in terms of this system (falls back to the SDK's message). */
export function explain(result: VerificationResult): string {
  switch (result.code) {
    case null:
      return `登录成功：${result.licence?.name ?? ''}`;
    case 'NONCE_MISMATCH':
      return '出示码不是针对本次登录二维码生成的：请用出示端重新扫描本页的登录二维码。';
    case 'AUDIENCE_MISMATCH':
      return `出示码不是出示给本系统（${AUDIENCE}）的，请重新扫描本页的登录二维码。`;
    case 'SCOPE_MISMATCH': {
      const scope = result.presentation?.scope?.join('、') ?? '';
      return `出示码未授权办理本事项（${MATTER_ID} ${MATTER.name}）；申请人授权的事项为：${scope}。请在出示端选择本事项后重新出示。`;
    }
    case 'REPLAYED':
      return '该出示码已经用过一次（防重放）：请申请人重新生成出示码。';
    default:
      return result.message['zh-CN'];
  }
}

/** The application form's fields that the verified licence fills (免填报). */
export interface PrefilledFields {
  name: string;
  uscc: string;
  legalRepresentative: string;
  /** Only when the presentation carries the registered address; else the applicant types it. */
  address?: string;
}

export function prefill(result: VerificationResult): PrefilledFields | null {
  if (!result.ok) return null;
  const l = result.licence;
  return { name: l.name, uscc: result.uscc, legalRepresentative: l.legalRepresentative, ...(l.address !== undefined && { address: l.address }) };
}

/**
 * 免提交: verifies the sealed application now and joins it to the licence verified at login: the
 * seal must pass and name the same USCC. Each is judged at its own time, so an application sealed
 * after login (and a presentation that has expired since) are handled as they should be.
 */
export async function checkSealedApplication(a: Approval, login: LoginAttempt, document: Blob | Uint8Array, sealText: string): Promise<LicenceAndSeal> {
  return combineLicenceAndSeal(login.result, await a.verifier.verifySeal(document, sealText.trim()));
}

export function explainSeal(r: LicenceAndSeal): string {
  if (r.ok) return `电子印章有效：${r.seal.signer?.name ?? r.seal.uscc ?? ''}（${r.seal.seal?.name ?? ''}），与营业执照主体一致。无需再提交加盖公章的纸质申请书。`;
  if (r.code === 'SUBJECT_MISMATCH') return `印章与营业执照不属于同一市场主体：印章属于 ${r.seal.signer?.name ?? r.seal.uscc ?? '未知主体'}，登录主体为 ${r.licence.licence?.name ?? r.licence.uscc ?? ''}。`;
  return `电子印章未通过核验（${r.code}）：${r.message?.['zh-CN'] ?? ''}`;
}

/** 存档 re-verification: at the recorded time, against the recorded trust list, replay off. */
export const reverify = reverifyEvidence;
