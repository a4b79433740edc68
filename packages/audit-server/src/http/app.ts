/**
 * The HTTP service (Hono): the upload API for clerk devices, the read API and dashboard for
 * supervisors. Devices can only upload; supervisors can only read (and log in and out).
 */
import { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { createSession, deleteSession, login } from '../auth.js';
import { SESSION_COOKIE, supervisorAuth, type Env } from './guards.js';
import type { Store } from '../store.js';
import { bodyFail, fail, readJson } from './errors.js';
import { readRoutes } from './read.js';
import { uploadRoute } from './upload.js';
import { uiRoutes } from './ui.js';

export interface AppOptions {
  /** Mark the session cookie Secure (serve behind HTTPS). */
  readonly secureCookies?: boolean;
  /** Chromium for the PDF report (default: PUPPETEER_EXECUTABLE_PATH or /usr/bin/chromium). */
  readonly chromium?: string | null;
}

const SECURITY_HEADERS: Record<string, string> = {
  // ECharts writes tooltip markup with inline styles, hence style-src 'unsafe-inline'; scripts are
  // only ever our own files.
  'Content-Security-Policy': "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cache-Control': 'no-store',
};

export function createApp(store: Store, o: AppOptions = {}): Hono<Env> {
  const app = new Hono<Env>();
  app.use('*', async (c, next) => {
    await next();
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) if (!c.res.headers.has(k)) c.res.headers.set(k, v);
  });
  app.onError((error, c) => {
    console.error('audit-server:', error);
    return c.json({ error: { code: 'INTERNAL', message: { 'zh-CN': '服务器内部错误', en: 'internal error' } } }, 500);
  });
  app.notFound((c) => fail(c, 'NOT_FOUND'));

  uploadRoute(app, store);

  // Login: JSON only (a cross-site form cannot send it without a CORS preflight), same-origin only.
  const failures = new Map<string, { n: number; until: number }>();
  app.post('/api/v1/session', async (c) => {
    const origin = c.req.header('origin');
    if (origin && origin !== new URL(c.req.url).origin) return fail(c, 'FORBIDDEN', undefined, 'cross-origin login');
    let body: unknown;
    try {
      body = await readJson(c, 4096);
    } catch (error) {
      return bodyFail(c, error);
    }
    const { name, password } = (body ?? {}) as { name?: unknown; password?: unknown };
    if (typeof name !== 'string' || typeof password !== 'string' || name.length > 64 || password.length > 1024) {
      return fail(c, 'INVALID_BODY', [{ path: '(root)', message: 'expected {"name": string, "password": string}' }]);
    }
    const seen = failures.get(name);
    if (seen && seen.n >= 10 && seen.until > Date.now()) return fail(c, 'TOO_MANY_ATTEMPTS');
    if (!(await login(store.db, name, password))) {
      if (failures.size > 10_000) failures.clear(); // bounded memory under a name-spraying attack
      failures.set(name, { n: (seen && seen.until > Date.now() ? seen.n : 0) + 1, until: Date.now() + 15 * 60_000 });
      return fail(c, 'UNAUTHENTICATED', undefined, 'wrong name or password');
    }
    failures.delete(name);
    const s = await createSession(store.db, name);
    setCookie(c, SESSION_COOKIE, s.id, { httpOnly: true, sameSite: 'Strict', path: '/', secure: !!o.secureCookies, maxAge: 8 * 3600 });
    return c.json({ user: name, csrf: s.csrf });
  });
  app.get('/api/v1/session', supervisorAuth(store), (c) => c.json({ user: c.get('session').user, csrf: c.get('session').csrf }));
  app.delete('/api/v1/session', supervisorAuth(store), async (c) => {
    if (c.req.header('x-csrf-token') !== c.get('session').csrf) return fail(c, 'CSRF');
    await deleteSession(store.db, c.get('sessionId'));
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  });

  readRoutes(app, store);
  uiRoutes(app, store, o);
  return app;
}
