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
import puppeteer, { type Browser, type CDPSession, type Page } from 'puppeteer-core';
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
export async function servePages(extra: Record<string, () => string> = {}): Promise<PageServer> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const dynamic = extra[path];
    if (dynamic) return void res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(dynamic());
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

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface OverlayNode {
  name: string;
  attrs: Record<string, string>;
  /** Viewport rectangle; null when not rendered (display: none). */
  rect: Rect | null;
  /** The overlay is the top document's (vs. a frame's). */
  top: boolean;
  nodeId: number;
}

interface CdpNode {
  nodeId: number;
  nodeName: string;
  attributes?: string[];
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
  contentDocument?: CdpNode;
}

const attrsOf = (n: CdpNode) => {
  const a = n.attributes ?? [];
  const out: Record<string, string> = {};
  for (let i = 0; i < a.length; i += 2) out[a[i]!] = a[i + 1] ?? '';
  return out;
};

/**
 * Every element inside the extension's overlays (closed shadow roots, so read through CDP with
 * `pierce`), the top document's and those of same-origin frames, with viewport rectangles.
 */
export async function overlayNodes(page: Page): Promise<OverlayNode[]> {
  const cdp = await page.createCDPSession();
  try {
    return await overlayNodesWith(cdp);
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

async function overlayNodesWith(cdp: CDPSession): Promise<OverlayNode[]> {
  {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
    const out: OverlayNode[] = [];
    const visit = async (n: CdpNode, overlay: 'top' | 'frame' | null) => {
      const attrs = attrsOf(n);
      const here = n.nodeName === 'YIZHAO-OVERLAY' ? (attrs['data-yizhao-overlay'] === 'top' ? 'top' : 'frame') : overlay;
      if (overlay && n.nodeName[0] !== '#') {
        const { model } = (await cdp.send('DOM.getBoxModel', { nodeId: n.nodeId }).catch(() => ({ model: null }))) as { model: { border: number[] } | null };
        let rect: Rect | null = null;
        if (model) {
          const xs = [0, 2, 4, 6].map((i) => model.border[i]!);
          const ys = [1, 3, 5, 7].map((i) => model.border[i]!);
          rect = { x: Math.min(...xs), y: Math.min(...ys), width: Math.max(...xs) - Math.min(...xs), height: Math.max(...ys) - Math.min(...ys) };
        }
        out.push({ name: n.nodeName.toLowerCase(), attrs, rect, top: overlay === 'top', nodeId: n.nodeId });
      }
      for (const c of [...(n.shadowRoots ?? []), ...(n.children ?? [])]) await visit(c, here);
      if (n.contentDocument) await visit(n.contentDocument, null);
    };
    await visit(root, null);
    return out;
  }
}

const hasClass = (n: OverlayNode, c: string) => (n.attrs.class ?? '').split(' ').includes(c);

/** The highlight boxes (outline + numbered badge) drawn, in all the page's overlays. */
export async function highlightBoxes(page: Page): Promise<(OverlayNode & { rect: Rect })[]> {
  return (await overlayNodes(page)).filter((n): n is OverlayNode & { rect: Rect } => hasClass(n, 'hl') && n.rect !== null);
}

/** Scrolls the first overlay node matching `pick` into view (inside the panel too) and clicks its centre: a real, trusted click. */
export async function clickOverlay(page: Page, pick: (n: OverlayNode) => boolean): Promise<void> {
  const cdp = await page.createCDPSession();
  try {
    await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const node = (await overlayNodesWith(cdp)).find(pick);
    if (!node) throw new Error('overlay node not found');
    await cdp.send('DOM.scrollIntoViewIfNeeded', { nodeId: node.nodeId });
    const { model } = (await cdp.send('DOM.getBoxModel', { nodeId: node.nodeId })) as { model: { content: number[] } };
    const xs = [0, 2, 4, 6].map((i) => model.content[i]!);
    const ys = [1, 3, 5, 7].map((i) => model.content[i]!);
    await page.mouse.click((Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2);
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

export { hasClass };

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
