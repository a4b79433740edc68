/**
 * The demo server's own surface (no browser): mint requests are validated, the sealed documents
 * verify as the approval page expects, and static serving stays inside its folders.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVerifier } from '@yizhao/sdk';
import { demoTrust, OTHER_USCC, parseMintRequest } from '../server/demo-kit.js';
import { startDemoServer, type DemoServer } from '../server/demo-server.js';

/** A raw GET, so that "../" reaches the server as sent (fetch would normalise it away). */
const rawGet = (origin: string, path: string) =>
  new Promise<number>((resolve, reject) => {
    const u = new URL(origin);
    request({ host: u.hostname, port: u.port, path }, (res) => (res.resume(), resolve(res.statusCode ?? 0))).on('error', reject).end();
  });

describe('demo server', () => {
  let demo: DemoServer;
  beforeAll(async () => {
    demo = await startDemoServer();
  });
  afterAll(() => demo?.close());

  it('validates mint requests', () => {
    expect(parseMintRequest({ aud: 'dz-water-approval', nonce: 'n', scp: ['DZ164-111'], address: true, ttl: 120 })).toEqual({ aud: 'dz-water-approval', nonce: 'n', scp: ['DZ164-111'], address: true, ttl: 120 });
    expect(parseMintRequest({})).toEqual({});
    for (const bad of [null, [], { aud: '' }, { nonce: 'x'.repeat(129) }, { scp: ['<script>'] }, { scp: 'DZ164-111' }, { address: 'yes' }, { ttl: 5 }, { ttl: 3600 }]) {
      expect(typeof parseMintRequest(bad)).toBe('string');
    }
  });

  it('mints verifiable presentations with what was asked for, and refuses bad bodies', async () => {
    const res = await fetch(`${demo.origin}/demo/mint`, { method: 'POST', body: JSON.stringify({ aud: 'dz-water-approval', nonce: 'abc', scp: ['DZ164-111'], address: true }) });
    const minted = (await res.json()) as { text: string; png: string; exp: number };
    const verifier = await createVerifier(demoTrust());
    const r = await verifier.verify(minted.text, { audience: 'dz-water-approval', nonce: 'abc', matter: 'DZ164-111' });
    expect(r).toMatchObject({ ok: true, uscc: '91500111MA5U7K3PX2', licence: { address: '重庆市大足区龙岗街道示例路 1 号' }, presentation: { scope: ['DZ164-111'] } });
    expect(minted.exp - Math.floor(Date.now() / 1000)).toBeGreaterThan(250);
    expect((await fetch(`${demo.origin}/demo/mint`, { method: 'POST', body: '{not json' })).status).toBe(400);
    expect((await fetch(`${demo.origin}/demo/mint`, { method: 'POST', body: JSON.stringify({ scp: ['x'] }) })).status).toBe(400);
    expect((await fetch(`${demo.origin}/demo/mint`, { method: 'POST', body: JSON.stringify({ aud: 'a'.repeat(20_000) }) })).status).toBe(400);
  });

  it('serves the sealed applications: the own one passes, the other names another company', async () => {
    const verifier = await createVerifier(demoTrust());
    const get = async (name: string) => new Uint8Array(await (await fetch(`${demo.origin}/demo/files/${name}`)).arrayBuffer());
    const own = await verifier.verifySeal(await get('application.pdf'), new TextDecoder().decode(await get('application.pdf.yzseal')));
    expect(own).toMatchObject({ ok: true, indication: 'PASSED', uscc: '91500111MA5U7K3PX2' });
    const other = await verifier.verifySeal(await get('other-company-application.pdf'), new TextDecoder().decode(await get('other-company-application.pdf.yzseal')));
    expect(other).toMatchObject({ ok: true, uscc: OTHER_USCC }); // a valid seal — of someone else
    expect(new TextDecoder().decode((await get('application.pdf')).subarray(0, 8))).toBe('%PDF-1.4');
  });

  it('keeps static serving inside its folders and private files out of reach', async () => {
    expect(await rawGet(demo.origin, '/counter/../../../package.json')).toBe(404); // URL parsing resolves '..' first
    expect(await rawGet(demo.origin, '/counter/..%2f..%2f..%2fpackage.json')).toBe(403); // decoded later: caught by the root check
    expect(await rawGet(demo.origin, '/applicant/..%2fdemo-kit.ts')).toBe(403);
    expect(await rawGet(demo.origin, '/demo/files/seal-demo-official.private.json')).toBe(404);
    expect(await rawGet(demo.origin, '/counter/water-permit-new.html')).toBe(200);
    const page = await fetch(`${demo.origin}/applicant/`);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
  });
});
