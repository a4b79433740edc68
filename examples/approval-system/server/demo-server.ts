/**
 * The demo web server of `npm start` (and of the approval system's browser tests): serves the built
 * approval system, the applicant page, the counter pages, and the applicant-side endpoints that need
 * TEST private keys (minting, sealed documents) — those run here in Node, never in a page.
 */
import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDemoKit, parseMintRequest, type DemoKit, type Minted, type MintRequest } from './demo-kit.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));
export const APPROVAL_ROOT = resolve(HERE, '..');
export const APPROVAL_DIST = join(APPROVAL_ROOT, 'dist');
export const COUNTER_PAGES = resolve(APPROVAL_ROOT, '..', 'counter-pages');
const STATIC = join(HERE, 'static');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.pdf': 'application/pdf',
  '.yzseal': 'text/plain; charset=utf-8',
};

// Pages load nothing from elsewhere; WebAssembly (zxing) needs wasm-unsafe-eval, the camera worker 'self'.
const CSP = "default-src 'self'; img-src 'self' data: blob:; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; worker-src 'self' blob:; connect-src 'self'; frame-ancestors 'none'";
const MAX_BODY = 16 * 1024;

export interface DemoServerOptions {
  port?: number;
  host?: string;
  /** The built approval system (default: examples/approval-system/dist). */
  approvalDist?: string;
  /** Shown on the hub page (GET /demo/info). */
  info?: { nodeService?: string | null; extension?: string | null };
}

export interface DemoServer {
  server: Server;
  origin: string;
  kit: DemoKit;
  close(): Promise<void>;
}

/** Startup presentations for counters and the extension (no aud: any counter may verify them). */
const SHOWCASE: Record<string, { label: string; request: MintRequest }> = {
  counter: { label: '授权办理 DZ164-111 取水许可证新发（含住所）', request: { scp: ['DZ164-111'], address: true, ttl: 600 } },
  unscoped: { label: '不限事项（不含住所）', request: { ttl: 600 } },
};
const REFRESH_AFTER = 240; // re-mint shown codes well before their 600 s lifetime runs out

function sendFile(res: ServerResponse, root: string, path: string): void {
  const file = resolve(root, `.${path.endsWith('/') ? `${path}index.html` : path}`);
  if (file !== root && !file.startsWith(root + sep)) return void res.writeHead(403).end();
  try {
    if (!statSync(file).isFile()) throw new Error('not a file');
  } catch {
    return void res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
  }
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-security-policy': CSP, 'cache-control': 'no-cache' });
  createReadStream(file).pipe(res);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new Error('body too large');
    chunks.push(chunk);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

/** The request handler; returns false for paths it does not serve (so Vite's dev server can go on). */
export function demoHandler(kit: DemoKit, options: DemoServerOptions = {}) {
  const shown = new Map<string, Minted & { at: number }>();
  const showcase = async (name: string) => {
    const now = Math.floor(Date.now() / 1000);
    const held = shown.get(name);
    if (held && now - held.at < REFRESH_AFTER) return held;
    const fresh = { ...(await kit.mint(SHOWCASE[name]!.request)), at: now };
    shown.set(name, fresh);
    return fresh;
  };
  const files: Record<string, { body: Uint8Array | string; type: string }> = {};
  for (const d of [kit.sealed.own, kit.sealed.other]) {
    files[d.fileName] = { body: d.document, type: TYPES['.pdf']! };
    files[`${d.fileName}.yzseal`] = { body: d.seal, type: TYPES['.yzseal']! };
  }

  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    if (req.method === 'POST' && path === '/demo/mint') {
      let body: unknown;
      try {
        body = await readBody(req);
      } catch {
        sendJson(res, 400, { error: 'invalid JSON body' });
        return true;
      }
      const request = parseMintRequest(body);
      if (typeof request === 'string') sendJson(res, 400, { error: request });
      else sendJson(res, 200, await kit.mint(request));
      return true;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    if (path === '/demo/presentations') {
      const list = await Promise.all(Object.entries(SHOWCASE).map(async ([name, s]) => ({ name, label: s.label, ...(await showcase(name)), url: `/demo/qr/${name}.png` })));
      sendJson(res, 200, list);
    } else if (path.startsWith('/demo/qr/') && path.endsWith('.png') && path.slice(9, -4) in SHOWCASE) {
      const png = (await showcase(path.slice(9, -4))).png;
      res.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'no-store' }).end(Buffer.from(png.slice(png.indexOf(',') + 1), 'base64'));
    } else if (path.startsWith('/demo/files/') && files[path.slice(12)]) {
      const f = files[path.slice(12)]!;
      res.writeHead(200, { 'content-type': f.type, 'content-disposition': `attachment; filename="${path.slice(12)}"` }).end(f.body);
    } else if (path === '/demo/info') {
      sendJson(res, 200, { nodeService: options.info?.nodeService ?? null, extension: options.info?.extension ?? null, files: Object.keys(files) });
    } else if (path === '/' || path === '/index.html') sendFile(res, STATIC, '/index.html');
    else if (path === '/applicant' || path === '/approval' || path === '/counter') res.writeHead(301, { location: `${path}/` }).end();
    else if (path.startsWith('/applicant/')) sendFile(res, STATIC, path === '/applicant/' ? '/applicant.html' : path.slice(10));
    else if (path.startsWith('/approval/')) sendFile(res, options.approvalDist ?? APPROVAL_DIST, path.slice(9));
    else if (path.startsWith('/counter/')) sendFile(res, COUNTER_PAGES, path.slice(8));
    else if (path === '/favicon.ico') res.writeHead(204).end();
    else return false;
    return true;
  };
}

/** Starts the demo server on 127.0.0.1 (port 0: an ephemeral port). */
export async function startDemoServer(options: DemoServerOptions = {}): Promise<DemoServer> {
  const kit = await createDemoKit();
  const handle = demoHandler(kit, options);
  const server = createServer((req, res) => {
    handle(req, res)
      .then((served) => served || res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found'))
      .catch(() => res.headersSent || res.writeHead(500).end('internal error'));
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => ok());
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    server,
    kit,
    origin: `http://${options.host ?? '127.0.0.1'}:${port}`,
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}
