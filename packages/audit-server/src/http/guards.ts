/** Who is asking: a clerk device (bearer token, upload only) or a supervisor (session cookie, read only). */
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { findDeviceToken, getSession, type DeviceToken, type Session } from '../auth.js';
import type { Store } from '../store.js';
import { fail } from './errors.js';

export type Env = { Variables: { session: Session; sessionId: string; device: DeviceToken } };
export type AppContext = Context<Env>;

export const SESSION_COOKIE = 'yz_session';

function bearer(c: Context): string | null {
  const h = c.req.header('authorization');
  if (h === undefined) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  return m ? m[1]! : '';
}

/** Device token required (upload). */
export const deviceAuth =
  (store: Store): MiddlewareHandler<Env> =>
  async (c, next) => {
    const token = bearer(c);
    const device = token ? await findDeviceToken(store.db, token) : null;
    if (!device) return fail(c, 'UNAUTHENTICATED');
    c.set('device', device);
    await next();
  };

/**
 * Supervisor session required (reads). A device token, valid or not, never reads: a valid one is
 * 403, an unknown one 401.
 */
export const supervisorAuth =
  (store: Store, page = false): MiddlewareHandler<Env> =>
  async (c, next) => {
    const token = bearer(c);
    if (token !== null) return fail(c, token && (await findDeviceToken(store.db, token)) ? 'FORBIDDEN' : 'UNAUTHENTICATED');
    const id = getCookie(c, SESSION_COOKIE);
    const session = id ? await getSession(store.db, id) : null;
    if (!session || !id) return page ? c.redirect('/login', 302) : fail(c, 'UNAUTHENTICATED');
    c.set('session', session);
    c.set('sessionId', id);
    await next();
  };

