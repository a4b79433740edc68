/**
 * E2e support: headless Debian Chromium (puppeteer-core, never a downloaded browser) with the built
 * extension loaded, a tiny server for the counter pages, and readers for the overlay (a closed
 * shadow root, read through CDP with `pierce`).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { CHROMIUM_ARGS } from '../../tests/support/chromium.js';
import { hostilePage } from './hostile.js';

export const EXTENSION_DIR = fileURLToPath(new URL('../dist/chromium/', import.meta.url));
export const PAGES_DIR = fileURLToPath(new URL('./pages/', import.meta.url));
export const OUTPUT_DIR = fileURLToPath(new URL('../../tests/output/extension/', import.meta.url));

export function assertBuilt(): void {
  statSync(join(EXTENSION_DIR, 'manifest.json')); // run `npm run build -w @yizhao/extension` first
}

export interface Launched {
  browser: Browser;
  extensionId: string;
  profile: string;
  close(removeProfile?: boolean): Promise<void>;
}

/** Launches Chromium with the extension; pass `profile` to reuse a profile directory (restart test). */
export async function launchWithExtension(executablePath: string, o: { profile?: string; args?: string[] } = {}): Promise<Launched> {
  const profile = o.profile ?? mkdtempSync(join(tmpdir(), 'yizhao-ext-'));
  const browser = await puppeteer.launch({
    executablePath,
    headless: true,
    pipe: true,
    enableExtensions: [EXTENSION_DIR],
    userDataDir: profile,
    defaultViewport: { width: 1280, height: 860 },
    args: [...CHROMIUM_ARGS, '--lang=zh-CN', ...(o.args ?? [])],
  });
  const worker = await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://') && t.url().endsWith('/background.js'), { timeout: 20_000 });
  const extensionId = new URL(worker.url()).host;
  return {
    browser,
    extensionId,
    profile,
    async close(removeProfile = true) {
      await browser.close().catch(() => undefined);
      if (removeProfile) rmSync(profile, { recursive: true, force: true });
    },
  };
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.png': 'image/png' };

export interface PageServer {
  origin: string;
  close(): Promise<void>;
}

/** Serves test/pages/ on 127.0.0.1 (a loopback address: enabled out of the box), plus /hostile.html. */
export async function servePages(): Promise<PageServer> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/hostile.html') return void res.writeHead(200, { 'content-type': TYPES['.html']! }).end(hostilePage());
    const file = join(PAGES_DIR, normalize(path).replace(/^(\.\.[/\\])+/, ''));
    try {
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}

/** The top overlay's tab-wide count, once it stops changing (null: no overlay). */
export async function settledCount(page: Page, timeout = 10_000): Promise<number | null> {
  const until = Date.now() + timeout;
  let last: string | null = null;
  let stableSince = Date.now();
  while (Date.now() < until) {
    const v = await page.evaluate(() => document.querySelector('yizhao-overlay[data-yizhao-overlay=top]')?.getAttribute('data-yizhao-findings') ?? null);
    if (v !== last) {
      last = v;
      stableSince = Date.now();
    } else if (v !== null && Date.now() - stableSince > 800) return Number(v);
    await new Promise((r) => setTimeout(r, 100));
  }
  return last === null ? null : Number(last);
}

export interface OverlayBox {
  label: string;
  keys: string;
  rect: { x: number; y: number; width: number; height: number };
}

interface CdpNode {
  nodeId: number;
  nodeName: string;
  attributes?: string[];
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
  contentDocument?: CdpNode;
}

const attr = (n: CdpNode, name: string) => {
  const a = n.attributes ?? [];
  for (let i = 0; i < a.length; i += 2) if (a[i] === name) return a[i + 1] ?? null;
  return null;
};

/** The highlight boxes in `page`'s overlays (the top document's and same-origin frames'), via CDP. */
export async function overlayBoxes(page: Page): Promise<OverlayBox[]> {
  const cdp = await page.createCDPSession();
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
    const boxes: OverlayBox[] = [];
    const visit = async (n: CdpNode, inOverlay: boolean) => {
      const overlay = inOverlay || n.nodeName === 'YIZHAO-OVERLAY';
      if (overlay && (attr(n, 'class') ?? '').split(' ').includes('hl')) {
        const { model } = (await cdp.send('DOM.getBoxModel', { nodeId: n.nodeId }).catch(() => ({ model: null }))) as { model: { border: number[] } | null };
        if (model) {
          const xs = [model.border[0]!, model.border[2]!, model.border[4]!, model.border[6]!];
          const ys = [model.border[1]!, model.border[3]!, model.border[5]!, model.border[7]!];
          boxes.push({ label: attr(n, 'data-n') ?? '', keys: attr(n, 'data-key') ?? '', rect: { x: Math.min(...xs), y: Math.min(...ys), width: Math.max(...xs) - Math.min(...xs), height: Math.max(...ys) - Math.min(...ys) } });
        }
      }
      for (const c of [...(n.shadowRoots ?? []), ...(n.children ?? []), ...(n.contentDocument ? [n.contentDocument] : [])]) await visit(c, overlay && c.nodeName !== '#document');
    };
    await visit(root, false);
    return boxes;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

export interface Where {
  selector: string;
  /** The iframe (selector in the top document) holding the element. */
  frame?: string;
  /** The open shadow host holding the element. */
  shadowHost?: string;
}

/** Viewport rectangle of an element of the top document, a same-origin frame or an open shadow root (top coordinates). */
export async function rectOf(page: Page, w: Where): Promise<{ x: number; y: number; width: number; height: number }> {
  return page.evaluate((w) => {
    let doc: Document | ShadowRoot = document;
    let dx = 0;
    let dy = 0;
    if (w.frame) {
      const f = document.querySelector(w.frame) as HTMLIFrameElement;
      const fr = f.getBoundingClientRect();
      dx = fr.x + f.clientLeft;
      dy = fr.y + f.clientTop;
      doc = f.contentDocument!;
    }
    if (w.shadowHost) doc = (doc.querySelector(w.shadowHost) as Element).shadowRoot!;
    const r = (doc.querySelector(w.selector) as Element).getBoundingClientRect();
    return { x: r.x + dx, y: r.y + dy, width: r.width, height: r.height };
  }, w);
}

export function outputPath(name: string): string {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  return join(OUTPUT_DIR, name);
}

export { tmpdir };
