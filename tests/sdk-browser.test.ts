/**
 * The SDK in a real browser: the same bundle verifies ES256 and EdDSA presentations and a seal in
 * headless Chromium, natively and with WebCrypto's Ed25519 taken away (as in Chromium < 137 and
 * Firefox < 129), where the pure-JS fallback must give the same answers.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDevIssuer, demoLicence, mintPresentation, DEMO_USCC, type DevIssuerFiles } from '../packages/sdk/src/dev/index.js';
import { chromiumFor, launchChromium, type LaunchedChromium } from './support/chromium.js';
import { iifeBundle } from './support/iife-bundle.js';

const chromium = chromiumFor('sdk-browser');
const SDK_ENTRY = join(import.meta.dirname, '..', 'packages', 'sdk', 'src', 'index.ts');
const EXAMPLES = join(import.meta.dirname, 'fixtures', 'spec-examples');

/** Runs in the page: verifies each text and reports what WebCrypto was asked to do. */
async function verifyInPage(input: { trust: string; pin: Record<string, unknown>; texts: string[]; seal: { doc: number[]; text: string; trust: string; pin: Record<string, unknown>; at: number } }) {
  const sdk = (globalThis as unknown as { YizhaoSDK: typeof import('../packages/sdk/src/index.js') }).YizhaoSDK;
  const v = await sdk.createVerifier({ trustList: input.trust, pin: input.pin });
  const results = [];
  for (const t of input.texts) {
    const r = await v.verify(t, { replay: false });
    results.push({ ok: r.ok, code: r.code, uscc: r.uscc, alg: r.presentation?.alg ?? null });
  }
  const sv = await sdk.createVerifier({ trustList: input.seal.trust, pin: input.seal.pin, clock: () => input.seal.at });
  const seal = await sv.verifySeal(new Uint8Array(input.seal.doc), input.seal.text);
  return { results, seal: { indication: seal.indication, code: seal.code }, ed25519Calls: (globalThis as unknown as { ed25519Calls: number }).ed25519Calls };
}

describe.skipIf(!chromium)('SDK in Chromium', () => {
  let server: Server;
  let base = '';
  let chrome: LaunchedChromium;
  let issuer: DevIssuerFiles;
  let texts: string[] = [];

  beforeAll(async () => {
    const bundle = await iifeBundle(SDK_ENTRY, 'YizhaoSDK');
    // `?noed25519` installs a shim first that makes WebCrypto refuse Ed25519, counting the attempts.
    const shim = `globalThis.ed25519Calls = 0; if (location.search === '?noed25519') { for (const m of ['importKey', 'verify']) { const orig = crypto.subtle[m].bind(crypto.subtle); crypto.subtle[m] = (...a) => { const alg = a.find((x) => x && (x === 'Ed25519' || x.name === 'Ed25519')); if (alg) { globalThis.ed25519Calls++; return Promise.reject(new DOMException('Ed25519 unsupported', 'NotSupportedError')); } return orig(...a); }; } }`;
    server = createServer((req, res) => {
      if ((req.url ?? '').startsWith('/sdk.js')) {
        res.writeHead(200, { 'content-type': 'text/javascript' });
        return res.end(bundle);
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!DOCTYPE html><meta charset="utf-8"><script>${shim}</script><script src="/sdk.js"></script>`);
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    chrome = await launchChromium(chromium!);
    issuer = await createDevIssuer();
    for (const key of issuer.issuer.keys) {
      for (const zip of [false, true]) texts.push(await mintPresentation({ key, iss: issuer.issuer.iss, uscc: DEMO_USCC, licence: demoLicence(), zip }));
    }
    const flipped = texts[1]!.slice(0, -3) + (texts[1]!.at(-3) === 'A' ? 'B' : 'A') + texts[1]!.slice(-2);
    texts = [...texts, flipped, 'http://www.gsxt.gov.cn/index.html?uniscid=91500111MA5U7K3PX2'];
  }, 120_000);

  afterAll(async () => {
    await chrome?.close();
    await new Promise((ok) => server?.close(ok));
  });

  const sealInput = () => ({
    doc: [...readFileSync(join(EXAMPLES, 'doc.pdf'))],
    text: readFileSync(join(EXAMPLES, 'seal-ok.yzseal'), 'utf8'),
    trust: readFileSync(join(EXAMPLES, 'trust.jws'), 'utf8'),
    pin: JSON.parse(readFileSync(join(EXAMPLES, 'pin.jwk.json'), 'utf8')) as Record<string, unknown>,
    at: 1764400000,
  });

  for (const [name, query] of [['native WebCrypto', ''], ['without WebCrypto Ed25519 (pure-JS fallback)', '?noed25519']] as const) {
    it(`verifies presentations and a seal: ${name}`, async () => {
      const page = await chrome.browser.newPage();
      try {
        await page.goto(base + query);
        const out = await page.evaluate(verifyInPage, { trust: issuer.trust, pin: issuer.pin as Record<string, unknown>, texts, seal: sealInput() });
        expect(out.results.map((r) => r.code)).toEqual([null, null, null, null, 'BAD_SIGNATURE', 'NOT_A_PRESENTATION']);
        expect(out.results.slice(0, 4).map((r) => r.alg)).toEqual(['ES256', 'ES256', 'EdDSA', 'EdDSA']);
        expect(out.results[0]!.uscc).toBe(DEMO_USCC);
        expect(out.seal).toEqual({ indication: 'PASSED', code: null });
        if (query) expect(out.ed25519Calls).toBeGreaterThan(0);
        else expect(out.ed25519Calls).toBe(0);
      } finally {
        await page.close();
      }
    }, 60_000);
  }
});
