/**
 * Browser test: headless Chromium with a fake camera (a .y4m file of 1280×720 frames showing a
 * presentation QR over clutter) scans through startCameraScan — Worker, OffscreenCanvas, locally
 * served .wasm — and through the JS fallback; also times 1280×720 frame decoding in the page.
 */
import { createReadStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumFor, launchChromium, type LaunchedChromium } from '../../../tests/support/chromium.js';
import { fakeCameraArgs, y4m } from '../../../tests/support/fake-camera.js';
import { cameraFrame } from '../test/distort.js';
import { presentationText } from '../test/texts.js';
import { renderQr } from './qr.js';

const chromium = chromiumFor('@yizhao/scanner browser (fake camera)');
const TEXT = presentationText(760, 42, 'EdDSA');

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.map': 'application/json' };

describe.skipIf(!chromium)('scanner in Chromium with a fake camera', () => {
  let dir = '';
  let server: Server;
  let origin = '';
  let browser: LaunchedChromium;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'yizhao-scanner-browser-'));
    const { build } = await import('vite');
    await build({
      configFile: false,
      logLevel: 'warn',
      root: fileURLToPath(new URL('../test/browser/', import.meta.url)),
      build: { outDir: join(dir, 'www'), emptyOutDir: true, target: 'es2022', minify: false },
      worker: { format: 'es' },
    });
    const wasm = createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm');
    server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (path === '/favicon.ico') return void res.writeHead(204).end();
      const file = path === '/zxing_reader.wasm' ? wasm : join(dir, 'www', normalize(path === '/' ? '/index.html' : path));
      try {
        statSync(file);
      } catch {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      createReadStream(file).pipe(res);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const addr = server.address();
    origin = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;

    const code = renderQr(TEXT, { ecc: 'M', scale: 4 });
    const frames = [0, 1, 2].map((i) => cameraFrame(code, { cover: 0.62, tilt: 9 - 4 * i, cx: 0.48 + 0.02 * i, seed: 11 + i }));
    const video = join(dir, 'camera.y4m');
    writeFileSync(video, y4m(frames));
    browser = await launchChromium(chromium!, fakeCameraArgs(video));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function open(b: LaunchedChromium = browser) {
    const page = await b.browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => 'scanner' in window);
    return { page, errors };
  }

  it('reads the code from the camera in a Worker with the local .wasm, stops, and releases the camera', async () => {
    const { page, errors } = await open();
    const r = await page.evaluate(() => (window as any).scanner.scan({ fps: 10 }));
    expect(r.errors).toEqual([]);
    expect(r.hit).toMatchObject({ text: TEXT, engine: (await page.evaluate(() => (window as any).scanner.hasBarcodeDetector)) ? expect.any(String) : 'wasm' });
    expect(r.calls).toBe(1);
    expect(r.tracksEnded).toBe(true);
    expect(r.settings).toMatchObject({ width: 1280, height: 720 });
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('falls back to the JavaScript engine when no .wasm is provided (never a CDN)', async () => {
    // @zxing/library is much weaker than zxing-cpp on tilted, noisy frames (the reason WASM is the
    // primary engine), so this camera shows the code straight on at 4 px per module.
    const video = join(dir, 'straight.y4m');
    const code = renderQr(TEXT, { ecc: 'M', scale: 4 });
    writeFileSync(video, y4m([0, 1].map((i) => cameraFrame(code, { cover: code.height / 720, tilt: 0, keystone: 0, noise: 4, seed: 30 + i }))));
    const second = await launchChromium(chromium!, fakeCameraArgs(video));
    try {
      const { page, errors } = await open(second);
      const requests: string[] = [];
      page.on('request', (req) => requests.push(req.url()));
      const r = await page.evaluate(() => (window as any).scanner.scan({ wasm: false, barcodeDetector: false }));
      expect(r.errors).toEqual([]);
      expect(r.hit).toMatchObject({ text: TEXT, engine: 'js' });
      expect(r.tracksEnded).toBe(true);
      expect(requests.filter((u) => !u.startsWith(origin))).toEqual([]);
      expect(requests.some((u) => u.endsWith('.wasm'))).toBe(false);
      expect(errors).toEqual([]);
    } finally {
      await second.close();
    }
  }, 60_000);

  it('decodes 1280×720 camera frames on the page (timing reported, not asserted)', async () => {
    const { page } = await open();
    const r = await page.evaluate(() => (window as any).scanner.timeFrames(20));
    expect([r.width, r.height]).toEqual([1280, 720]);
    expect(r.texts).toContain(TEXT);
    console.log(`headless Chromium: 1280×720 camera frame decode median ${r.median.toFixed(1)} ms, p90 ${r.p90.toFixed(1)} ms`);
    await page.close();
  }, 60_000);
});
