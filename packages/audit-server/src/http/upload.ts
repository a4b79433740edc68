/** POST /api/v1/records: one device's batch, validated whole before anything is written. */
import { parseRecord, uploadSchema, type RefusalRecord } from '@yizhao/sdk';
import type { Hono } from 'hono';
import { cors } from 'hono/cors';
import { bindDeviceToken } from '../auth.js';
import type { Store } from '../store.js';
import { deviceAuth, type Env } from './guards.js';
import { bodyFail, fail, readJson, type Issue } from './errors.js';

export const MAX_UPLOAD_BYTES = 1024 * 1024;

export function uploadRoute(app: Hono<Env>, store: Store): void {
  // The extension posts from its own origin. Uploads authenticate with a bearer token, never a
  // cookie, so any origin may send one (and nothing can be read back but the upload's own answer).
  app.use('/api/v1/records', cors({ origin: '*', allowMethods: ['POST'], allowHeaders: ['Authorization', 'Content-Type'], maxAge: 600 }));
  app.post('/api/v1/records', deviceAuth(store), async (c) => {
    let body: unknown;
    try {
      body = await readJson(c, MAX_UPLOAD_BYTES);
    } catch (error) {
      return bodyFail(c, error);
    }
    const upload = uploadSchema.safeParse(body);
    if (!upload.success) {
      return fail(c, 'INVALID_BODY', upload.error.issues.slice(0, 20).map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message })));
    }
    const issues: Issue[] = [];
    const records: RefusalRecord[] = [];
    upload.data.records.forEach((raw, i) => {
      const r = parseRecord(raw);
      if (!r.ok) issues.push(...r.issues.map((x) => ({ path: `records.${i}.${x.path}`, message: x.message })));
      else if (r.value.device !== upload.data.device) issues.push({ path: `records.${i}.device`, message: 'not the device of this upload' });
      else records.push(r.value);
    });
    if (issues.length) return fail(c, 'INVALID_BODY', issues.slice(0, 20));

    const token = c.get('device');
    if (token.device === null ? !(await bindDeviceToken(store.db, token.tokenHash, upload.data.device)) : token.device !== upload.data.device) {
      return fail(c, 'FORBIDDEN', undefined, 'this token belongs to another device');
    }
    const result = await store.ingest(upload.data.device, records);
    return c.json(result);
  });
}
