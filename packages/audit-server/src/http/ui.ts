/** The dashboard: static pages and scripts, the ECharts bundle, and the monthly report (HTML/PDF). */
import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';
import { findChromium, htmlToPdf } from '../pdf.js';
import { monthlyReport } from '../report.js';
import type { Store } from '../store.js';
import type { AppOptions } from './app.js';
import { fail } from './errors.js';
import { supervisorAuth, type Env } from './guards.js';

/** The package root (works from src/ under tests and from dist/ when built). */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

function loadAssets(): Map<string, { body: string | Buffer; type: string }> {
  const root = packageRoot();
  const assets = new Map<string, { body: string | Buffer; type: string }>();
  const add = (name: string, file: string) => {
    if (!existsSync(file)) throw new Error(`dashboard asset missing: ${file} (run npm run build)`);
    assets.set(name, { body: readFileSync(file), type: TYPES[name.slice(name.lastIndexOf('.'))] ?? 'application/octet-stream' });
  };
  for (const f of ['index.html', 'login.html', 'record.html', 'style.css']) add(f, join(root, 'static', f));
  for (const f of ['dashboard.js', 'login.js', 'record.js', 'dom.js', 'api.js', 'charts.js']) add(f, join(root, 'dist', 'public', f));
  const echarts = createRequire(import.meta.url).resolve('echarts/dist/echarts.common.min.js');
  add('echarts.js', echarts);
  return assets;
}

export function uiRoutes(app: Hono<Env>, store: Store, o: AppOptions): void {
  const assets = loadAssets();
  const send = (name: string) => {
    const a = assets.get(name)!;
    return new Response(typeof a.body === 'string' ? a.body : new Uint8Array(a.body), { headers: { 'Content-Type': a.type } });
  };
  app.get('/static/:name', (c) => {
    const name = c.req.param('name');
    return assets.has(name) && !name.endsWith('.html') ? send(name) : fail(c, 'NOT_FOUND');
  });
  app.get('/login', () => send('login.html'));
  app.get('/', supervisorAuth(store, true), () => send('index.html'));
  app.get('/record', supervisorAuth(store, true), () => send('record.html'));

  app.get('/report/:month', supervisorAuth(store, true), async (c) => {
    const param = c.req.param('month');
    const pdf = param.endsWith('.pdf');
    const month = pdf ? param.slice(0, -4) : param;
    const html = await monthlyReport(store, month, c.get('session').user);
    if (html === null) return fail(c, 'INVALID_QUERY', [{ path: 'month', message: 'expected YYYY-MM' }]);
    if (!pdf) return c.html(html);
    const chromium = o.chromium === undefined ? findChromium() : o.chromium;
    if (!chromium) return fail(c, 'UNAVAILABLE', undefined, 'no Chromium for PDF (apt-get install chromium fonts-noto-cjk); print the HTML report instead');
    const bytes = await htmlToPdf(html, chromium);
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': 'application/pdf', 'Content-Disposition': `inline; filename="yizhao-report-${month}.pdf"` });
  });
}
