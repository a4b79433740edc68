/**
 * Tampered copies of the shared samples: each must FAIL, at the check that names what was done.
 */
import { readFileSync } from 'node:fs';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseSignature, verifyOfd, type OfdVerification } from '../src/index.js';
import { b64, buildSignature, flip, issueCert, rezip, sm3Bytes } from './forge.js';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));
const SIGN = 'Doc_0/Signs/Sign_0/';
const check = (r: OfdVerification, name: string) => r.signatures[0]!.checks.find((c) => c.name === name);
const text = (b: Uint8Array) => new TextDecoder().decode(b);
const bytes = (s: string) => new TextEncoder().encode(s);

function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

describe('tampered copies of the samples', () => {
  it.each(['allprotected.ofd', 'signedFile.ofd', 'SESV4SignDoc.ofd'])('%s with changed page content: references', async (file) => {
    const bad = rezip(fixture(file), (f) => {
      const page = 'Doc_0/Pages/Page_0/Content.xml';
      f[page] = bytes(text(f[page]!).replace(/<\/ofd:Page>\s*$/, '<!-- edited --></ofd:Page>'));
    });
    const r = await verifyOfd(bad);
    expect(r).toMatchObject({ indication: 'FAILED', code: 'REFERENCE_MISMATCH' });
    expect(check(r, 'references')).toMatchObject({ ok: false, code: 'REFERENCE_MISMATCH', detail: expect.stringContaining('/Doc_0/Pages/Page_0/Content.xml (changed)') });
    expect(check(r, 'signature')!.ok).toBe(true);
  });

  it('a referenced file removed: references', async () => {
    const r = await verifyOfd(rezip(fixture('allprotected.ofd'), (f) => void delete f['Doc_0/PublicRes.xml']));
    expect(check(r, 'references')).toMatchObject({ ok: false, detail: expect.stringContaining('/Doc_0/PublicRes.xml (missing)') });
  });

  it('page changed and its CheckValue updated in Signature.xml: data-hash', async () => {
    const bad = rezip(fixture('signedFile.ofd'), (f) => {
      const page = 'Doc_0/Pages/Page_0/Content.xml';
      const old = b64(sm3Bytes(f[page]!));
      f[page] = bytes(text(f[page]!).replace('</ofd:Page>', '<!-- edited --></ofd:Page>'));
      f[`${SIGN}Signature.xml`] = bytes(text(f[`${SIGN}Signature.xml`]!).replace(old, b64(sm3Bytes(f[page]!))));
    });
    const r = await verifyOfd(bad);
    expect(check(r, 'references')!.ok).toBe(true);
    expect(check(r, 'data-hash')).toMatchObject({ ok: false, code: 'HASH_MISMATCH' });
    expect(r).toMatchObject({ indication: 'FAILED', code: 'HASH_MISMATCH' });
  });

  it('seal image changed inside the signature: seal-signature (and the signature over TBS_Sign)', async () => {
    const original = fixture('signedFile.ofd');
    const bad = rezip(original, (f) => {
      const value = f[`${SIGN}SignedValue.dat`]!;
      const picture = parseSignature(value).seal.picture.data;
      const at = indexOf(value, picture);
      f[`${SIGN}SignedValue.dat`] = flip(value, at + (picture.length >> 1));
    });
    const r = await verifyOfd(bad);
    expect(check(r, 'seal-signature')).toMatchObject({ ok: false, code: 'SEAL_SIGNATURE_INVALID' });
    expect(check(r, 'signature')).toMatchObject({ ok: false, code: 'BAD_SIGNATURE' });
    expect(check(r, 'references')!.ok).toBe(true);
    expect(r.indication).toBe('FAILED');
  });

  it('seal image changed in Seal.esl only: seal-file', async () => {
    const bad = rezip(fixture('allprotected.ofd'), (f) => {
      f[`${SIGN}Seal.esl`] = flip(f[`${SIGN}Seal.esl`]!, 2000);
    });
    const r = await verifyOfd(bad);
    expect(check(r, 'seal-file')).toMatchObject({ ok: false, code: 'SEAL_MISMATCH' });
    // Seal.esl is also a Reference of this signature.
    expect(check(r, 'references')).toMatchObject({ ok: false, detail: expect.stringContaining('Seal.esl (changed)') });
    expect(check(r, 'seal-signature')!.ok).toBe(true);
  });

  it('Seal.esl swapped for another seal (UserV1.esl): seal-file', async () => {
    const bad = rezip(fixture('SESV4SignDoc.ofd'), (f) => {
      f[`${SIGN}Seal.esl`] = fixture('UserV1.esl');
    });
    const r = await verifyOfd(bad);
    expect(check(r, 'seal-file')).toMatchObject({ ok: false, code: 'SEAL_MISMATCH', detail: expect.stringContaining('is not the seal inside') });
  });

  it("the seal inside swapped for another producer's seal: signature over TBS_Sign", async () => {
    const other = parseSignature(fixture('SignedValueV4.dat')).seal.raw;
    const bad = rezip(fixture('signedFile.ofd'), (f) => {
      const value = f[`${SIGN}SignedValue.dat`]!;
      const mine = parseSignature(value).seal.raw;
      const at = indexOf(value, mine);
      // Same-length swap is impossible; splice and fix the two enclosing lengths by re-encoding.
      f[`${SIGN}SignedValue.dat`] = reencode(value, at, mine.length, other);
    });
    const r = await verifyOfd(bad);
    expect(check(r, 'signature')).toMatchObject({ ok: false, code: 'BAD_SIGNATURE' });
    expect(check(r, 'seal-signature')!.ok).toBe(true);
  });

  it('a copied seal re-signed with a key of its own: signer-in-seal (every other signature verifies)', async () => {
    const t = Date.UTC(2020, 9, 5) / 1000;
    const thief = issueCert({ cn: 'Not the tax bureau', notBefore: t - 86400, notAfter: t + 86400 * 365 });
    const stolen = parseSignature(rezipRead(fixture('signedFile.ofd'), `${SIGN}SignedValue.dat`)).seal.raw;
    const bad = rezip(fixture('signedFile.ofd'), (f) => {
      f[`${SIGN}SignedValue.dat`] = buildSignature({ version: 4, seal: stolen, signer: thief, time: t, data: f[`${SIGN}Signature.xml`]! });
    });
    const r = await verifyOfd(bad);
    expect(check(r, 'signer-in-seal')).toMatchObject({ ok: false, code: 'SIGNER_NOT_IN_SEAL' });
    for (const name of ['references', 'data-hash', 'signature', 'seal-signature', 'seal-validity']) expect(check(r, name)!.ok).toBe(true);
    expect(r).toMatchObject({ indication: 'FAILED', code: 'SIGNER_NOT_IN_SEAL' });
    expect(r.signatures[0]!.uscc).toBeNull();
  });

  it('SignedValue.dat truncated: structure', async () => {
    const r = await verifyOfd(rezip(fixture('allprotected.ofd'), (f) => void (f[`${SIGN}SignedValue.dat`] = f[`${SIGN}SignedValue.dat`]!.subarray(0, 9000))));
    expect(check(r, 'structure')).toMatchObject({ ok: false, code: 'OFD_MALFORMED' });
  });
});

describe('hostile packages', () => {
  it('a DOCTYPE (entity definitions) in Signature.xml is refused: signature-xml', async () => {
    const bad = rezip(fixture('allprotected.ofd'), (f) => {
      f[`${SIGN}Signature.xml`] = bytes(text(f[`${SIGN}Signature.xml`]!).replace('?>', '?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'));
    });
    const r = await verifyOfd(bad);
    expect(check(r, 'signature-xml')).toMatchObject({ ok: false, code: 'OFD_MALFORMED', detail: expect.stringContaining('DOCTYPE') });
  });

  it('an entry inflating past the limit stops with PAYLOAD_TOO_LARGE', async () => {
    const bomb = rezip(fixture('allprotected.ofd'), (f) => void (f['Doc_0/Pages/Page_0/Content.xml'] = new Uint8Array(8 * 1024 * 1024)));
    expect(bomb.length).toBeLessThan(100_000);
    const r = await verifyOfd(bomb, { limits: { maxEntrySize: 1024 * 1024 } });
    expect(r).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', signatures: [] });
  });

  it('too many entries, not a zip, no OFD.xml, no signatures', async () => {
    expect((await verifyOfd(fixture('allprotected.ofd'), { limits: { maxEntries: 3 } })).code).toBe('PAYLOAD_TOO_LARGE');
    expect((await verifyOfd(bytes('not a zip'))).code).toBe('OFD_MALFORMED');
    expect((await verifyOfd(rezip(fixture('allprotected.ofd'), (f) => void delete f['OFD.xml']))).code).toBe('OFD_MALFORMED');
    const unsigned = rezip(fixture('allprotected.ofd'), (f) => {
      f['Doc_0/Signs/Signatures.xml'] = bytes('<?xml version="1.0"?><ofd:Signatures xmlns:ofd="http://www.ofdspec.org/2016"/>');
    });
    expect(await verifyOfd(unsigned)).toMatchObject({ ok: false, indication: 'FAILED', code: 'OFD_NOT_SIGNED' });
  });

  it('two entries of one name are refused', async () => {
    const zip = zipSync({ 'OFD.xml': bytes('<a/>'), 'OFD.xmm': bytes('<b/>') });
    const name = bytes('OFD.xmm');
    const copy = zip.slice();
    for (let at = indexOf(copy, name); at >= 0; at = indexOf(copy, name)) copy.set(bytes('OFD.xml'), at);
    const r = await verifyOfd(copy);
    expect(r).toMatchObject({ code: 'OFD_MALFORMED', detail: expect.stringContaining('duplicate entry') });
  });
});

/** One entry of an OFD, inflated. */
function rezipRead(ofd: Uint8Array, name: string): Uint8Array {
  let out: Uint8Array = new Uint8Array();
  rezip(ofd, (f) => void (out = f[name]!));
  return out;
}

/** Replaces `length` bytes at `at` inside SES_Signature v4 with `replacement`, fixing outer lengths. */
function reencode(value: Uint8Array, at: number, length: number, replacement: Uint8Array): Uint8Array {
  const sig = parseSignature(value);
  const tbsStart = indexOf(value, sig.tbs);
  const before = value.subarray(tbsStart + headerLength(sig.tbs), at);
  const after = value.subarray(at + length, tbsStart + sig.tbs.length);
  const tbs = der(0x30, [before, replacement, after]);
  const rest = value.subarray(tbsStart + sig.tbs.length);
  return der(0x30, [tbs, rest]);
}

const headerLength = (tlv: Uint8Array) => (tlv[1]! < 0x80 ? 2 : 2 + (tlv[1]! & 0x7f));

function der(tag: number, parts: readonly Uint8Array[]): Uint8Array {
  const len = parts.reduce((n, p) => n + p.length, 0);
  const head = len < 0x80 ? [len] : len < 0x100 ? [0x81, len] : len < 0x10000 ? [0x82, len >> 8, len & 0xff] : [0x83, len >> 16, (len >> 8) & 0xff, len & 0xff];
  const out = new Uint8Array(1 + head.length + len);
  out[0] = tag;
  out.set(head, 1);
  let p = 1 + head.length;
  for (const part of parts) (out.set(part, p), (p += part.length));
  return out;
}
