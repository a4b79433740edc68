/**
 * The applicant's side of the demo, run in Node only: mints presentations for the demo company with
 * the bundled demo issuer and seals application documents with the demo seal certificate. These are
 * TEST keys; they stay in this process and are never bundled into the approval system's pages.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createSealCert, DEMO_USCC, demoLicence, mintPresentation, signSeal, type DevCert, type DevPrivateJwk } from '@yizhao/sdk/dev';
import { qrPng } from '@yizhao/scanner/node';

const require = createRequire(import.meta.url);
const demoFile = (name: string) => require.resolve(`@yizhao/sdk/demo/${name}`);
const readJson = <T>(name: string): T => JSON.parse(readFileSync(demoFile(name), 'utf8')) as T;

/** Public trust configuration: what a relying party configures (no private keys). */
export const demoTrust = () => ({ trustList: readFileSync(demoFile('trust.jws'), 'utf8').trim(), pin: readJson<Record<string, unknown>>('pin.jwk.json') });

export const DEMO_ADDRESS = '重庆市大足区龙岗街道示例路 1 号';
/** "Another company" for the seal refusal: a valid USCC that is not the demo company's. */
export const OTHER_USCC = '91500111MA5U7K3Q82';
export const OTHER_NAME = '重庆市大足区另一家建材有限公司';

export interface MintRequest {
  aud?: string;
  nonce?: string;
  /** Matters the holder authorises (scp); absent: not restricted. */
  scp?: string[];
  /** Include the registered address (lic.addr). */
  address?: boolean;
  /** Lifetime in seconds, 30–600 (default 300). */
  ttl?: number;
}

export interface Minted {
  text: string;
  /** QR code as a PNG data URL, to show on screen for a camera or a second device. */
  png: string;
  exp: number;
}

const MATTER_ID = /^DZ164-\d{3}$/;

/** Checks a request body from the network; returns the request or what is wrong with it. */
export function parseMintRequest(body: unknown): MintRequest | string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'body must be a JSON object';
  const { aud, nonce, scp, address, ttl } = body as Record<string, unknown>;
  const shortText = (v: unknown) => v === undefined || (typeof v === 'string' && v.length > 0 && v.length <= 128);
  if (!shortText(aud) || !shortText(nonce)) return 'aud and nonce must be 1–128 characters';
  if (scp !== undefined && (!Array.isArray(scp) || scp.length > 20 || !scp.every((s) => typeof s === 'string' && MATTER_ID.test(s)))) return 'scp must be a list of matter ids (DZ164-nnn)';
  if (address !== undefined && typeof address !== 'boolean') return 'address must be true or false';
  if (ttl !== undefined && (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl < 30 || ttl > 600)) return 'ttl must be 30–600 seconds';
  return {
    ...(aud !== undefined && { aud: aud as string }),
    ...(nonce !== undefined && { nonce: nonce as string }),
    ...(scp !== undefined && { scp: scp as string[] }),
    ...(address !== undefined && { address }),
    ...(ttl !== undefined && { ttl }),
  };
}

export interface SealedDocument {
  fileName: string;
  document: Uint8Array;
  seal: string;
  uscc: string;
  company: string;
}

export interface DemoKit {
  mint(request: MintRequest): Promise<Minted>;
  /** The application sealed by the demo company, and one sealed by another company. */
  sealed: { own: SealedDocument; other: SealedDocument };
}

/** A one-page PDF with ASCII text (built by hand: the demo needs real document bytes, not a PDF library). */
export function applicationPdf(lines: readonly string[]): Uint8Array {
  const text = lines.map((l, i) => `BT /F1 12 Tf 60 ${760 - i * 20} Td (${l.replace(/[\\()]/g, (c) => `\\${c}`)}) Tj ET`).join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(pdf); // ASCII only, so string length = byte offsets
}

interface SealCertFile {
  uscc: string;
  name: string;
  sealName: string;
  cert: DevCert;
  chain: DevCert[];
}

async function sealed(cert: SealCertFile, fileName: string): Promise<SealedDocument> {
  const document = applicationPdf([
    'Application for a water abstraction permit (DZ164-111)',
    `Applicant USCC: ${cert.uscc}`,
    `Prepared: ${new Date().toISOString()}`,
    'Demo document sealed with TEST keys - no legal effect.',
  ]);
  const seal = await signSeal(document, cert.cert, { uscc: cert.uscc, kind: 'official', sealName: cert.sealName, documentName: fileName, chain: cert.chain });
  return { fileName, document, seal, uscc: cert.uscc, company: cert.name };
}

export async function createDemoKit(): Promise<DemoKit> {
  const issuer = readJson<{ iss: string; keys: DevPrivateJwk[] }>('issuer.private.json');
  const key = issuer.keys.find((k) => k.alg === 'ES256') ?? issuer.keys[0];
  if (!key) throw new Error('demo issuer has no key');
  const own = readJson<SealCertFile>('seal-demo-official.private.json');
  const ca = readJson<{ issuing: DevCert }>('seal-ca.private.json');
  const otherCert = await createSealCert(ca.issuing, { uscc: OTHER_USCC, name: OTHER_NAME });
  const other: SealCertFile = { uscc: OTHER_USCC, name: OTHER_NAME, sealName: `${OTHER_NAME}公章`, cert: otherCert, chain: [ca.issuing] };

  return {
    async mint(r) {
      const now = Math.floor(Date.now() / 1000);
      const ttl = r.ttl ?? 300;
      const text = await mintPresentation({
        key,
        iss: issuer.iss,
        uscc: DEMO_USCC,
        licence: demoLicence(r.address ? { address: DEMO_ADDRESS } : {}),
        zip: true,
        now,
        ttl,
        ...(r.aud !== undefined && { aud: r.aud }),
        ...(r.nonce !== undefined && { nonce: r.nonce }),
        ...(r.scp !== undefined && { scp: r.scp }),
      });
      return { text, png: `data:image/png;base64,${qrPng(text, { scale: 4 }).toString('base64')}`, exp: now + ttl };
    },
    sealed: { own: await sealed(own, 'application.pdf'), other: await sealed(other, 'other-company-application.pdf') },
  };
}
