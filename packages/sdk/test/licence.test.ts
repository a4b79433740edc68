import { describe, expect, it } from 'vitest';
import { deflateSync } from 'fflate';
import { MemoryReplayStore } from '../src/index.js';
import { encodeBase64url } from '../src/jose/base64url.js';
import { baseClaims, ISS, OTHER_ISS, STATUS_ID, T0, token, unsigned, verifier, world } from './world.js';

const utf8 = new TextEncoder();

async function codeOf(text: string, options: Parameters<Awaited<ReturnType<typeof verifier>>['verify']>[1] = {}) {
  const v = await verifier();
  return (await v.verify(text, options)).code;
}

describe('a valid presentation', () => {
  it('verifies with ES256 and EdDSA, plain and compressed, and maps the licence to readable names', async () => {
    const w = await world();
    const v = await verifier();
    for (const key of [w.es, w.ed]) {
      for (const zip of [false, true]) {
        const result = await v.verify(await token({ key, zip }));
        expect(result).toMatchObject({ ok: true, outcome: 'valid', kind: 'licence', code: null, uscc: '91500111MA5U7K3PX2' });
        expect(result.licence).toEqual({
          name: '重庆市大足区示例科技有限公司',
          legalRepresentative: '张三',
          type: '有限责任公司(自然人投资或控股)',
          established: '2016-05-12',
          registrationAuthority: '重庆市大足区市场监督管理局',
          status: 'active',
        });
        expect(result.presentation).toMatchObject({ iss: ISS, alg: key.alg, kid: key.kid, compressed: zip });
        expect(result.trace.every((t) => t.ok)).toBe(true);
        expect(result.trace.map((t) => t.check)).toEqual(['classification', 'trust-list', 'structure', 'header', 'payload', 'claims', 'subject', 'issuer-key', 'signature', 'key-validity', 'time', 'audience', 'licence-status', 'replay']);
      }
    }
  });

  it('carries optional licence members, scope and status', async () => {
    const lic = { ...(baseClaims().lic as object), cap: '100万元人民币', addr: '重庆市大足区龙岗街道', scope: '软件开发' };
    const result = await (await verifier()).verify(await token({ claims: baseClaims({ lic, scp: ['DZ164-111'], sts: { l: STATUS_ID, i: 4 } }) }), { matter: 'DZ164-111' });
    expect(result.ok).toBe(true);
    expect(result.licence).toMatchObject({ capital: '100万元人民币', address: '重庆市大足区龙岗街道', scope: '软件开发' });
    expect(result.presentation).toMatchObject({ scope: ['DZ164-111'], status: { list: STATUS_ID, index: 4 } });
    expect(result.warnings).toEqual([]);
  });

  it('tolerates surrounding white space from the scanner', async () => {
    expect(await codeOf(`  ${await token()}\n`)).toBeNull();
  });
});

describe('step 3: structure and header', () => {
  it('is MALFORMED unless three canonical base64url segments', async () => {
    const good = (await token()).slice(5);
    const [h, p, s] = good.split('.') as [string, string, string];
    expect(await codeOf(`YZL1:${h}.${p}`)).toBe('MALFORMED');
    expect(await codeOf(`YZL1:${h}.${p}.${s}.x`)).toBe('MALFORMED');
    expect(await codeOf(`YZL1:${h}=.${p}.${s}`)).toBe('MALFORMED');
    expect(await codeOf(`YZL1:${h}.${p}.${s.slice(0, 10)}+${s.slice(11)}`)).toBe('MALFORMED'); // '+' is not base64url
    expect(await codeOf(`YZL1:${h}.${p.slice(0, 10)}/${p.slice(11)}.${s}`)).toBe('MALFORMED');
    expect(await codeOf('YZL1:')).toBe('MALFORMED');
  });

  it('rejects non-canonical spellings that jose alone would accept', async () => {
    const good = (await token()).slice(5);
    const [h, p, s] = good.split('.') as [string, string, string];
    // The signature is 64 bytes = 86 chars: its last char carries 4 spare bits.
    const last = s[s.length - 1]!;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const twin = alphabet[alphabet.indexOf(last) | 1]!;
    expect(twin).not.toBe(last);
    expect(await codeOf(`YZL1:${h}.${p}.${s.slice(0, -1)}${twin}`)).toBe('MALFORMED');
  });

  it('judges alg before every other header rule', async () => {
    for (const alg of ['none', 'HS256', 'RS256', 'ES384', 'PS256', 'ES256K', 'Ed25519', 'es256']) {
      expect(await codeOf(unsigned({ alg, typ: 'wrong' }))).toBe('ALG_NOT_ALLOWED');
    }
    expect(await codeOf(unsigned({ alg: 'none', typ: 'yzl+jwt', kid: 'x' }))).toBe('ALG_NOT_ALLOWED');
    expect(await codeOf(unsigned({ typ: 'yzl+jwt', kid: 'x' }))).toBe('MALFORMED');
    expect(await codeOf(unsigned({ alg: 1, typ: 'yzl+jwt', kid: 'x' }))).toBe('MALFORMED');
  });

  it('requires typ yzl+jwt, a kid, zip only DEF, and no crit', async () => {
    expect(await codeOf(await token({ header: { typ: 'JWT' } }))).toBe('MALFORMED');
    expect(await codeOf(await token({ header: { typ: undefined } }))).toBe('MALFORMED');
    expect(await codeOf(await token({ header: { kid: undefined } }))).toBe('MALFORMED');
    expect(await codeOf(await token({ header: { kid: 7 } }))).toBe('MALFORMED');
    expect(await codeOf(await token({ header: { zip: 'GZIP' } }))).toBe('MALFORMED');
    expect(await codeOf(await token({ header: { crit: ['exp'] } }))).toBe('MALFORMED');
  });

  it('an empty kid or iss is a string of the right type: unknown, not malformed', async () => {
    expect(await codeOf(await token({ header: { kid: '' } }))).toBe('UNKNOWN_KEY');
    expect(await codeOf(await token({ claims: baseClaims({ iss: '' }) }))).toBe('UNKNOWN_ISSUER');
  });

  it('does not reject on length: a 70,000-character uncompressed presentation verifies', async () => {
    const big = baseClaims({ lic: { ...(baseClaims().lic as object), scope: '经营范围'.repeat(17_500) } });
    const text = await token({ claims: big });
    expect(text.length).toBeGreaterThan(200_000);
    expect(await codeOf(text)).toBeNull();
  });

  it('never takes a key from the token: jwk, jku, x5u and x5c are ignored', async () => {
    const w = await world();
    const strangerJwk = { kty: 'EC', crv: 'P-256', x: w.strangerKey.x, y: w.strangerKey.y };
    const forged = await token({ key: w.strangerKey, header: { kid: w.es.kid, jwk: strangerJwk, jku: 'https://evil.example/k', x5u: 'https://evil.example/c' } });
    expect(await codeOf(forged)).toBe('BAD_SIGNATURE');
    expect(await codeOf(await token({ key: w.strangerKey }))).toBe('UNKNOWN_KEY');
  });
});

describe('step 4: payload decoding', () => {
  it('inflates zip DEF and stops past 16 KiB', async () => {
    const big = baseClaims({ lic: { ...(baseClaims().lic as object), scope: 'x'.repeat(17_000) } });
    expect(await codeOf(await token({ claims: big, zip: true }))).toBe('PAYLOAD_TOO_LARGE');
    const bomb = deflateSync(new Uint8Array(5_000_000));
    expect(await codeOf(await token({ rawPayload: bomb, header: { zip: 'DEF' } }))).toBe('PAYLOAD_TOO_LARGE');
  });

  it('is MALFORMED for a payload that is not DEFLATE, not UTF-8 JSON, or not an object', async () => {
    expect(await codeOf(await token({ rawPayload: utf8.encode('{"not":"deflated"}'), header: { zip: 'DEF' } }))).toBe('MALFORMED');
    expect(await codeOf(await token({ rawPayload: utf8.encode('[1,2]') }))).toBe('MALFORMED');
    expect(await codeOf(await token({ rawPayload: new Uint8Array([0xff, 0xfe, 0x7b, 0x7d]) }))).toBe('MALFORMED');
    expect(await codeOf(await token({ rawPayload: utf8.encode('{"iss":') }))).toBe('MALFORMED');
  });
});

describe('step 5: claim shapes, then the subject', () => {
  const lic = (changes: Record<string, unknown>) => {
    const l = { ...(baseClaims().lic as Record<string, unknown>) };
    for (const [k, v] of Object.entries(changes)) if (v === undefined) delete l[k];
    else l[k] = v;
    return l;
  };
  const malformed: [string, Record<string, unknown>][] = [
    ['no iss', { iss: undefined }],
    ['numeric iss', { iss: 12 }],
    ['no sub', { sub: undefined }],
    ['no iat', { iat: undefined }],
    ['string iat', { iat: String(T0) }],
    ['fractional exp', { exp: T0 + 10.5 }],
    ['no exp', { exp: undefined }],
    ['exp before iat', { exp: T0 - 40 }],
    ['lifetime over the max age', { iat: T0 - 30, exp: T0 - 30 + 601 }],
    ['no jti', { jti: undefined }],
    ['short jti', { jti: encodeBase64url(new Uint8Array(15)) }],
    ['non-base64url jti', { jti: 'this is not base64url!!' }],
    ['aud not a string', { aud: ['a'] }],
    ['aud too long', { aud: 'a'.repeat(257) }],
    ['nonce too long', { nonce: 'n'.repeat(257) }],
    ['empty scp', { scp: [] }],
    ['scp not an array', { scp: 'DZ164-001' }],
    ['scp id too long', { scp: ['D'.repeat(33)] }],
    ['sts without index', { sts: { l: STATUS_ID } }],
    ['negative sts index', { sts: { l: STATUS_ID, i: -1 } }],
    ['nbf not a time', { nbf: 'soon' }],
    ['no lic', { lic: undefined }],
    ['empty name', { lic: lic({ n: '' }) }],
    ['name over 200 characters', { lic: lic({ n: '名'.repeat(201) }) }],
    ['no legal representative', { lic: lic({ lr: undefined }) }],
    ['no type', { lic: lic({ t: undefined }) }],
    ['bad date', { lic: lic({ est: '2016-02-30' }) }],
    ['date with time', { lic: lic({ est: '2016-05-12T00:00:00Z' }) }],
    ['no authority', { lic: lic({ ra: undefined }) }],
    ['unknown status', { lic: lic({ st: 'suspended' }) }],
    ['capital not a string', { lic: lic({ cap: 100 }) }],
  ];
  it.each(malformed)('%s → MALFORMED', async (_name, changes) => {
    expect(await codeOf(await token({ claims: baseClaims(changes) }))).toBe('MALFORMED');
  });

  it('accepts a 200-character name and a 600 s lifetime exactly', async () => {
    expect(await codeOf(await token({ claims: baseClaims({ lic: lic({ n: '名'.repeat(200) }), iat: T0 - 30, exp: T0 + 570 }) }))).toBeNull();
  });

  it('honours a verifier-specific max age', async () => {
    const v = await verifier({ maxAge: 120 });
    expect((await v.verify(await token())).code).toBe('MALFORMED');
  });

  it('reports SUBJECT_INVALID with the failed rule, after the shapes', async () => {
    const result = await (await verifier()).verify(await token({ claims: baseClaims({ sub: '91500111MA5U7K3PX3' }) }));
    expect(result).toMatchObject({ ok: false, code: 'SUBJECT_INVALID', uscc: null, rule: 'check', detail: 'sub fails rule check' });
    expect(result.message['zh-CN']).toContain('校验码');
    expect(await codeOf(await token({ claims: baseClaims({ sub: '91500111ma5u7k3px2' }) }))).toBe('SUBJECT_INVALID');
    expect(await codeOf(await token({ claims: baseClaims({ sub: 'bad', lic: undefined }) }))).toBe('MALFORMED');
  });
});

describe('steps 6–8: issuer, key, signature, key validity', () => {
  it('UNKNOWN_ISSUER, UNKNOWN_KEY (also when the alg does not match the key)', async () => {
    const w = await world();
    expect(await codeOf(await token({ claims: baseClaims({ iss: 'cn.nobody' }) }))).toBe('UNKNOWN_ISSUER');
    expect(await codeOf(await token({ key: w.otherIssuerKey }))).toBe('UNKNOWN_KEY');
    expect(await codeOf(await token({ header: { kid: w.ed.kid } }))).toBe('UNKNOWN_KEY');
    expect(await codeOf(await token({ key: w.otherIssuerKey, claims: baseClaims({ iss: OTHER_ISS }) }))).toBeNull();
  });

  it('BAD_SIGNATURE for a signature by another key or over other bytes, with no subject reported', async () => {
    const w = await world();
    const forged = await token({ key: w.strangerKey, header: { kid: w.es.kid } });
    const result = await (await verifier()).verify(forged);
    expect(result).toMatchObject({ code: 'BAD_SIGNATURE', uscc: null, licence: null, outcome: 'invalid' });
    const [h, p] = (await token()).slice(5).split('.');
    const [, , s] = (await token({ claims: baseClaims({ jti: encodeBase64url(new Uint8Array(16).fill(7)) }) })).slice(5).split('.');
    expect(await codeOf(`YZL1:${h}.${p}.${s}`)).toBe('BAD_SIGNATURE');
    expect(await codeOf(`YZL1:${h}.${p}.`)).toBe('BAD_SIGNATURE');
  });

  it('KEY_NOT_VALID outside the key window, KEY_REVOKED at or after revocation — reported with the subject', async () => {
    const w = await world();
    const old = await (await verifier()).verify(await token({ key: w.oldKey }));
    expect(old).toMatchObject({ code: 'KEY_NOT_VALID', uscc: '91500111MA5U7K3PX2' });
    expect(old.licence?.name).toBe('重庆市大足区示例科技有限公司');
    expect(await codeOf(await token({ key: w.oldKey, claims: baseClaims({ iat: T0 - 1500, exp: T0 - 1400 }) }), { now: T0 - 1450 })).toBeNull();
    expect(await codeOf(await token({ key: w.revokedKey }))).toBe('KEY_REVOKED');
    expect(await codeOf(await token({ key: w.revokedKey, claims: baseClaims({ iat: T0 - 100, exp: T0 + 100 }) }))).toBe('KEY_REVOKED');
    expect(await codeOf(await token({ key: w.revokedKey, claims: baseClaims({ iat: T0 - 101, exp: T0 + 100 }) }))).toBeNull();
  });
});

describe('step 9: time, with the default 60 s skew', () => {
  const at = (iat: number, exp: number, extra: Record<string, unknown> = {}) => token({ claims: baseClaims({ iat, exp, ...extra }) });
  it('EXPIRED when now - skew >= exp', async () => {
    expect(await codeOf(await at(T0 - 300, T0 - 60))).toBe('EXPIRED');
    expect(await codeOf(await at(T0 - 300, T0 - 59))).toBeNull();
  });
  it('NOT_YET_VALID when now + skew < iat or < nbf', async () => {
    expect(await codeOf(await at(T0 + 61, T0 + 300))).toBe('NOT_YET_VALID');
    expect(await codeOf(await at(T0 + 60, T0 + 300))).toBeNull();
    expect(await codeOf(await at(T0, T0 + 300, { nbf: T0 + 61 }))).toBe('NOT_YET_VALID');
    expect(await codeOf(await at(T0, T0 + 300, { nbf: T0 + 60 }))).toBeNull();
  });
  it('NOT_YET_VALID is judged before EXPIRED, and a configured skew applies', async () => {
    const v = await verifier({ skew: 0 });
    expect((await v.verify(await at(T0 - 300, T0)))?.code).toBe('EXPIRED');
    expect((await v.verify(await at(T0 + 1, T0 + 300)))?.code).toBe('NOT_YET_VALID');
  });
});

describe('step 10: audience, nonce, scope', () => {
  it('AUDIENCE_MISMATCH for another audience, a missing one, or an unexpected one', async () => {
    const withAud = await token({ claims: baseClaims({ aud: 'dz-water' }) });
    expect(await codeOf(withAud, { audience: 'dz-water' })).toBeNull();
    expect(await codeOf(withAud, { audience: 'dz-tax' })).toBe('AUDIENCE_MISMATCH');
    expect(await codeOf(withAud)).toBe('AUDIENCE_MISMATCH');
    expect(await codeOf(await token(), { audience: 'dz-water' })).toBe('AUDIENCE_MISMATCH');
  });
  it('NONCE_MISMATCH only when a nonce is expected', async () => {
    const withNonce = await token({ claims: baseClaims({ nonce: 'c-123' }) });
    expect(await codeOf(withNonce, { nonce: 'c-123' })).toBeNull();
    expect(await codeOf(withNonce, { nonce: 'c-124' })).toBe('NONCE_MISMATCH');
    expect(await codeOf(withNonce)).toBeNull();
    expect(await codeOf(await token(), { nonce: 'c-123' })).toBe('NONCE_MISMATCH');
  });
  it('SCOPE_MISMATCH when scp is present without the matter', async () => {
    const scoped = await token({ claims: baseClaims({ scp: ['DZ164-108', 'DZ164-111'] }) });
    expect(await codeOf(scoped, { matter: 'DZ164-111' })).toBeNull();
    expect(await codeOf(scoped, { matter: 'DZ164-003' })).toBe('SCOPE_MISMATCH');
    expect(await codeOf(scoped)).toBeNull();
    expect(await codeOf(await token(), { matter: 'DZ164-003' })).toBeNull();
  });
  it('checks audience before nonce before scope', async () => {
    const t = await token({ claims: baseClaims({ aud: 'x', nonce: 'n', scp: ['DZ164-001'] }) });
    expect(await codeOf(t, { audience: 'y', nonce: 'm', matter: 'DZ164-002' })).toBe('AUDIENCE_MISMATCH');
    expect(await codeOf(t, { audience: 'x', nonce: 'm', matter: 'DZ164-002' })).toBe('NONCE_MISMATCH');
    expect(await codeOf(t, { audience: 'x', nonce: 'n', matter: 'DZ164-002' })).toBe('SCOPE_MISMATCH');
  });
});

describe('step 11: licence status and status list', () => {
  it('LICENSE_NOT_ACTIVE for every status but active', async () => {
    for (const st of ['revoked', 'deregistered', 'moved-out']) {
      const result = await (await verifier()).verify(await token({ claims: baseClaims({ lic: { ...(baseClaims().lic as object), st } }) }));
      expect(result).toMatchObject({ code: 'LICENSE_NOT_ACTIVE', outcome: 'invalid', uscc: '91500111MA5U7K3PX2' });
    }
  });
  it('STATUS_REVOKED for a set bit; a clear bit passes', async () => {
    expect(await codeOf(await token({ claims: baseClaims({ sts: { l: STATUS_ID, i: 3 } }) }))).toBe('STATUS_REVOKED');
    expect(await codeOf(await token({ claims: baseClaims({ sts: { l: STATUS_ID, i: 8 } }) }))).toBe('STATUS_REVOKED');
    expect(await codeOf(await token({ claims: baseClaims({ sts: { l: STATUS_ID, i: 2 } }) }))).toBeNull();
  });
  it('STATUS_UNKNOWN is a warning by default and an error (cannot determine) under strict policy', async () => {
    for (const sts of [{ l: STATUS_ID, i: 64 }, { l: 'other-list', i: 0 }]) {
      const t = await token({ claims: baseClaims({ sts }) });
      const lenient = await (await verifier()).verify(t);
      expect(lenient.ok).toBe(true);
      expect(lenient.warnings.map((w) => w.code)).toEqual(['STATUS_UNKNOWN']);
      const strict = await (await verifier({ strict: true })).verify(t);
      expect(strict).toMatchObject({ ok: false, code: 'STATUS_UNKNOWN', outcome: 'indeterminate' });
    }
  });
  it('an expired status list is not held: unknown, never revoked', async () => {
    const t = await token({ claims: baseClaims({ sts: { l: STATUS_ID, i: 3 }, iat: T0 + 3600, exp: T0 + 3900 }) });
    const result = await (await verifier()).verify(t, { now: T0 + 3700 });
    expect(result.ok).toBe(true);
    expect(result.warnings.map((w) => w.code)).toEqual(['STATUS_UNKNOWN']);
  });
  it('LICENSE_NOT_ACTIVE comes before the status list', async () => {
    const t = await token({ claims: baseClaims({ sts: { l: STATUS_ID, i: 3 }, lic: { ...(baseClaims().lic as object), st: 'revoked' } }) });
    expect(await codeOf(t)).toBe('LICENSE_NOT_ACTIVE');
  });
});

describe('step 12: replay', () => {
  it('REPLAYED the second time, remembered only after everything else passed', async () => {
    const v = await verifier();
    const scoped = await token({ claims: baseClaims({ scp: ['DZ164-001'] }) });
    expect((await v.verify(scoped, { matter: 'DZ164-002' })).code).toBe('SCOPE_MISMATCH');
    expect((await v.verify(scoped, { matter: 'DZ164-001' })).code).toBeNull();
    expect((await v.verify(scoped, { matter: 'DZ164-001' })).code).toBe('REPLAYED');
  });
  it('the same jti from two issuers is two presentations', async () => {
    const w = await world();
    const v = await verifier();
    const jti = encodeBase64url(new Uint8Array(16).fill(1));
    expect((await v.verify(await token({ claims: baseClaims({ jti }) }))).code).toBeNull();
    expect((await v.verify(await token({ key: w.otherIssuerKey, claims: baseClaims({ jti, iss: OTHER_ISS }) }))).code).toBeNull();
  });
  it('replay checking can be turned off to re-verify archived evidence at its recorded time', async () => {
    const t = await token();
    const live = await verifier();
    expect((await live.verify(t)).code).toBeNull();
    const archive = await verifier({ clock: () => T0 });
    for (let i = 0; i < 2; i++) expect((await archive.verify(t, { replay: false })).code).toBeNull();
    expect((await archive.verify(t)).code).toBeNull();
    expect((await archive.verify(t)).code).toBe('REPLAYED');
  });
  it('a shared store makes two verifiers refuse the second presentation', async () => {
    const replayStore = new MemoryReplayStore();
    const a = await verifier({ replayStore });
    const b = await verifier({ replayStore });
    const t = await token();
    expect((await a.verify(t)).code).toBeNull();
    expect((await b.verify(t)).code).toBe('REPLAYED');
  });
});

describe('classification comes first', () => {
  it('paper-licence links and unknown text keep their codes even with a refused trust list', async () => {
    const v = await verifier({ pin: (await world()).es as unknown as Record<string, unknown> });
    expect(v.trustList.ok).toBe(false);
    expect((await v.verify('http://www.gsxt.gov.cn/index.html?uniscid=91500111MA5U7K3PX2')).code).toBe('NOT_A_PRESENTATION');
    expect((await v.verify('hello')).code).toBe('UNSUPPORTED_FORMAT');
    expect((await v.verify(await token())).code).toBe('TRUST_LIST_INVALID');
  });
  it('unknown text is echoed only as its first 64 characters', async () => {
    const text = `<img src=x onerror=alert(1)>${'长'.repeat(100)}`;
    const result = await (await verifier()).verify(text);
    expect(result).toMatchObject({ ok: false, kind: 'unknown', code: 'UNSUPPORTED_FORMAT', uscc: null });
    expect(!result.ok && [...(result.preview ?? '')].length).toBe(64);
  });
});
