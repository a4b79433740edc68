import { describe, expect, it } from 'vitest';
import { classify } from '../src/index.js';
import { encodeBase64url } from '../src/jose/base64url.js';

describe('classification (spec §7)', () => {
  it('a YZL1: prefix is a licence presentation, after trimming', () => {
    expect(classify('  YZL1:a.b.c\n')).toEqual({ kind: 'licence', token: 'a.b.c' });
    expect(classify('yzl1:a.b.c').kind).toBe('unknown');
  });

  it('a compact JWS with typ yzseal+jws is a seal', () => {
    const seal = `${encodeBase64url(JSON.stringify({ alg: 'ES256', typ: 'yzseal+jws', x5c: [] }))}.e30.`;
    expect(classify(seal).kind).toBe('seal');
    const jwt = `${encodeBase64url(JSON.stringify({ alg: 'ES256', typ: 'JWT' }))}.e30.`;
    expect(classify(jwt).kind).toBe('unknown');
  });

  it('gsxt.gov.cn links are paper-licence links, with the USCC when it is valid', () => {
    expect(classify('http://www.gsxt.gov.cn/index.html?uniscid=91500111MA5U7K3PX2')).toMatchObject({ kind: 'paper-licence-link', uscc: '91500111MA5U7K3PX2' });
    expect(classify('https://zzlz.gsxt.gov.cn/businessCheck/verifKey.do?showType=p&serial=91500111MA5U7K3PX2-SAIC_SHOW_1000-2019&signData=xyz')).toMatchObject({ kind: 'paper-licence-link', uscc: '91500111MA5U7K3PX2' });
    expect(classify('https://gsxt.gov.cn/')).toMatchObject({ kind: 'paper-licence-link', uscc: null });
    expect(classify('http://www.gsxt.gov.cn/index.html?uniscid=91500111MA5U7K3PX3')).toMatchObject({ kind: 'paper-licence-link', uscc: null });
  });

  it('look-alike hosts and other schemes are unknown', () => {
    for (const text of ['https://gsxt.gov.cn.evil.example/?uniscid=91500111MA5U7K3PX2', 'https://evilgsxt.gov.cn/', 'ftp://www.gsxt.gov.cn/', 'https://example.com/?u=gsxt.gov.cn']) {
      expect(classify(text).kind).toBe('unknown');
    }
  });

  it('unknown text is echoed as at most 64 characters', () => {
    const result = classify('𠮷'.repeat(70));
    expect(result).toMatchObject({ kind: 'unknown', truncated: true });
    expect(result.kind === 'unknown' && [...result.preview]).toHaveLength(64);
  });
});
