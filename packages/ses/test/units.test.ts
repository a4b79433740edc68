import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { OfdZip, parseXml, resolveLoc, sealImage, verifyOfd, ZipError } from '../src/index.js';
import { parseDer, parseTimeText } from '../src/der.js';
import { baseDocument, rezip, sealedOfd } from './forge.js';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('XML reader', () => {
  it('reads elements, prefixes, attributes, entities, CDATA and comments', () => {
    const root = parseXml(bytes('\ufeff<?xml version="1.0"?><!-- c --><ofd:A xmlns:ofd="x" k=\'v &amp; w\'><ofd:B>1 &lt; 2 &#x4e00;</ofd:B><![CDATA[<raw>]]><C/></ofd:A>'));
    expect(root).toMatchObject({ name: 'A', attributes: { k: 'v & w' }, text: '<raw>' });
    expect(root.children.map((c) => [c.name, c.text])).toEqual([
      ['B', '1 < 2 一'],
      ['C', ''],
    ]);
  });
  it.each([
    ['<!DOCTYPE a [<!ENTITY x "y">]><a/>', 'DOCTYPE'],
    ['<a>&x;</a>', 'unknown entity'],
    ['<a><b></a>', 'mismatched'],
    ['<a/><b/>', 'more than one root'],
    ['<a k="1" k="2"/>', 'duplicate attribute'],
    ['<a>', 'unterminated'],
    ['text', 'outside the root'],
  ])('refuses %s', (xml, message) => {
    expect(() => parseXml(xml)).toThrow(message);
  });
  it('refuses deep nesting', () => {
    expect(() => parseXml('<a>'.repeat(100) + '</a>'.repeat(100))).toThrow('nested too deeply');
  });
});

describe('zip reader', () => {
  it('reads stored and deflated entries and refuses unsafe names', () => {
    const zip = new OfdZip(zipSync({ 'a.txt': [bytes('stored'), { level: 0 }], 'b/c.txt': bytes('x'.repeat(1000)) }));
    expect(zip.names).toEqual(['a.txt', 'b/c.txt']);
    expect(new TextDecoder().decode(zip.read('a.txt')!)).toBe('stored');
    expect(zip.read('b/c.txt')!.length).toBe(1000);
    expect(zip.read('nope')).toBeNull();
    for (const name of ['../evil', '/abs', 'a\\b', 'a//b']) expect(() => new OfdZip(zipSync({ [name]: bytes('x') }))).toThrow(ZipError);
  });
  it('stops inflating at the per-entry and total limits', () => {
    const data = zipSync({ a: new Uint8Array(300_000), b: new Uint8Array(300_000) });
    expect(() => new OfdZip(data, { maxEntrySize: 100_000 }).read('a')).toThrow('inflates past the limit');
    const total = new OfdZip(data, { maxTotalSize: 500_000 });
    expect(total.read('a')!.length).toBe(300_000);
    expect(() => total.read('b')).toThrow(/limit/);
    expect(() => new OfdZip(data, { maxInput: 10 })).toThrow('package too large');
  });
  it('decodes GB18030 names written without the UTF-8 flag', () => {
    const zip = zipSync({ 'Attachs/XXXX.xml': bytes('x') });
    const gb = Uint8Array.of(0xb7, 0xa2, 0xc6, 0xb1); // 发票 in GB18030, as 4 bytes like "XXXX"
    for (let i = 0; i + 4 <= zip.length; i++) if (new TextDecoder().decode(zip.subarray(i, i + 4)) === 'XXXX') zip.set(gb, i);
    const read = new OfdZip(zip);
    expect(read.names).toEqual(['Attachs/发票.xml']);
    expect(read.read('Attachs/发票.xml')).toEqual(bytes('x'));
  });
});

describe('locations, times, DER', () => {
  it('resolves OFD locations', () => {
    expect(resolveLoc('Doc_0/Signs/Signatures.xml', 'Sign_0/Signature.xml')).toBe('Doc_0/Signs/Sign_0/Signature.xml');
    expect(resolveLoc('Doc_0/Signs/Signatures.xml', '/Doc_0/Document.xml')).toBe('Doc_0/Document.xml');
    expect(resolveLoc('Doc_0/Signs/Signatures.xml', '../Pages/./Page_0/Content.xml')).toBe('Doc_0/Pages/Page_0/Content.xml');
    expect(resolveLoc('OFD.xml', '../../x')).toBeNull();
  });
  it('reads times, zone-less ones as UTC+8', () => {
    expect(parseTimeText('20201004072855.302Z')).toBe(Date.UTC(2020, 9, 4, 7, 28, 55) / 1000);
    expect(parseTimeText('2020-10-23 19:45:37')).toBe(Date.UTC(2020, 9, 23, 11, 45, 37) / 1000);
    expect(parseTimeText('200422021807Z', true)).toBe(Date.UTC(2020, 3, 22, 2, 18, 7) / 1000);
    expect(parseTimeText('2020-13-01 00:00:00')).toBeNull();
  });
  it('refuses trailing bytes and indefinite lengths', () => {
    expect(() => parseDer(Uint8Array.of(0x30, 0x00, 0x00))).toThrow('trailing');
    expect(() => parseDer(Uint8Array.of(0x30, 0x80, 0x02, 0x01, 0x01, 0x00, 0x00))).toThrow('indefinite');
  });
});

describe('OFD details', () => {
  it('a relative FileRef that could name two files is refused', async () => {
    const files = baseDocument();
    const doc = sealedOfd({ files, sign: () => Uint8Array.of(0x30, 0) });
    const bad = rezip(doc, (f) => {
      const sig = 'Doc_0/Signs/Sign_0/Signature.xml';
      f[sig] = bytes(new TextDecoder().decode(f[sig]).replace('FileRef="/Doc_0/Document.xml"', 'FileRef="Doc_0/Document.xml"'));
      f['Doc_0/Signs/Sign_0/Doc_0/Document.xml'] = f['Doc_0/Document.xml']!;
    });
    const r = await verifyOfd(bad);
    expect(r.signatures[0]!.checks.find((c) => c.name === 'references')!.detail).toContain('ambiguous');
  });
  it('CheckValues without a CheckMethod are taken as SM3 when 32 bytes long; MD5 is refused', async () => {
    const doc = sealedOfd({ sign: () => Uint8Array.of(0x30, 0) });
    const sig = 'Doc_0/Signs/Sign_0/Signature.xml';
    const noMethod = rezip(doc, (f) => void (f[sig] = bytes(new TextDecoder().decode(f[sig]).replace(' CheckMethod="SM3"', ''))));
    expect((await verifyOfd(noMethod)).signatures[0]!.checks.find((c) => c.name === 'references')).toMatchObject({ ok: true, detail: expect.stringContaining('assumed') });
    const md5 = rezip(doc, (f) => void (f[sig] = bytes(new TextDecoder().decode(f[sig]).replace('CheckMethod="SM3"', 'CheckMethod="MD5"'))));
    expect((await verifyOfd(md5)).signatures[0]!.checks.find((c) => c.name === 'references')).toMatchObject({ ok: false, code: 'ALG_NOT_ALLOWED' });
  });
  it('seal pictures: raster images get a data URL, SVG and unknown bytes do not', () => {
    const svg = sealImage({ type: 'SVG', data: bytes('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), widthMm: 40, heightMm: 40 });
    expect(svg).toMatchObject({ mime: 'image/svg+xml', dataUrl: null });
    expect(sealImage({ type: 'PNG', data: bytes('not a png'), widthMm: 1, heightMm: 1 })).toMatchObject({ mime: null, dataUrl: null });
    expect(sealImage({ type: 'JPG', data: Uint8Array.of(0xff, 0xd8, 0xff, 0xe0), widthMm: 1, heightMm: 1 }).dataUrl).toBe('data:image/jpeg;base64,/9j/4A==');
  });
});
