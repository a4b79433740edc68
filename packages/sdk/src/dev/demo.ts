/**
 * The demo issuer: a trust-list signer, an issuer with an ES256 and an Ed25519 key, and a trust list
 * naming them. TEST KEYS ONLY — `yizhao dev init` writes one; the repository ships one for the demo.
 */
import type { JWK } from 'jose';
import { generateDevKey, publicPart, type DevPrivateJwk } from './keys.js';
import { signTrustList, type TrustListPayload } from './sign.js';
import type { LicenceData } from '../licence-claims.js';

export const DEMO_ISSUER_ID = 'cn.yizhao.demo-issuer';
export const DEMO_STATUS_LIST_ID = 'demo-status-1';
const YEAR = 365 * 24 * 3600;

export interface DevIssuerFiles {
  /** TEST ONLY private keys. */
  signer: DevPrivateJwk;
  issuer: { iss: string; name: string; keys: DevPrivateJwk[] };
  pin: JWK;
  trustPayload: TrustListPayload;
  trust: string;
}

export interface InitOptions {
  iss?: string;
  name?: string;
  /** Validity of the keys and trust list, years (default 10, so tests never start failing on a date). */
  years?: number;
  now?: number;
}

export async function createDevIssuer(o: InitOptions = {}): Promise<DevIssuerFiles> {
  const now = o.now ?? Math.floor(Date.now() / 1000);
  const until = now + (o.years ?? 10) * YEAR;
  const signer = await generateDevKey('ES256');
  const keys = [await generateDevKey('ES256'), await generateDevKey('EdDSA')];
  const iss = o.iss ?? DEMO_ISSUER_ID;
  const name = o.name ?? '一照通办演示签发方（测试密钥）';
  const trustPayload: TrustListPayload = {
    iss: 'yizhao-demo-trust-publisher',
    iat: now,
    exp: until,
    seq: 1,
    issuers: [{ iss, name, keys: keys.map((k) => ({ ...publicPart(k), nbf: now - 3600, exp: until })) }],
    sealRoots: [],
    statusLists: [{ id: DEMO_STATUS_LIST_ID, iss }],
  };
  return { signer, issuer: { iss, name, keys }, pin: publicPart(signer), trustPayload, trust: await signTrustList(trustPayload, signer) };
}

/** Re-signs an edited trust list with the next `seq` (e.g. after adding a seal root). */
export async function resignTrustList(payload: TrustListPayload, signer: DevPrivateJwk, now?: number): Promise<{ payload: TrustListPayload; trust: string }> {
  const next = { ...payload, seq: payload.seq + 1, iat: now ?? Math.floor(Date.now() / 1000) };
  return { payload: next, trust: await signTrustList(next, signer) };
}

/** A plausible licence for demos and tests (a fictitious company in Dazu District). */
export function demoLicence(overrides: Partial<LicenceData> = {}): LicenceData {
  return {
    name: '重庆市大足区示例科技有限公司',
    legalRepresentative: '张三',
    type: '有限责任公司(自然人投资或控股)',
    established: '2016-05-12',
    registrationAuthority: '重庆市大足区市场监督管理局',
    status: 'active',
    ...overrides,
  };
}

export const DEMO_USCC = '91500111MA5U7K3PX2';
