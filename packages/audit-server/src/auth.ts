/**
 * Who may do what: device tokens (upload only), supervisor accounts (scrypt-hashed passwords) and
 * their sessions. Secrets are stored only as SHA-256 (tokens, session ids) or scrypt (passwords).
 */
import { createHash, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { Db } from './db/types.js';
import { insertMany } from './db/types.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('base64url');

export const TOKEN_PREFIX = 'yzd_';
export const SESSION_TTL_MS = 8 * 3600_000;

export interface DeviceToken {
  readonly name: string;
  /** The device UUID the token is bound to; null until its first upload binds it. */
  readonly device: string | null;
  readonly tokenHash: string;
}

/** Issues a device token: shown once, stored hashed. `device` binds it now, else on first upload. */
export async function addDeviceToken(db: Db, name: string, device: string | null = null): Promise<string> {
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  await insertMany(db, 'tokens', ['token_hash', 'name', 'device', 'created_at', 'revoked_at'], [[sha256(token), name, device, Date.now(), null]]);
  return token;
}

export async function findDeviceToken(db: Db, token: string): Promise<DeviceToken | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const row = await db.get<{ token_hash: string; name: string; device: string | null }>('SELECT token_hash, name, device FROM tokens WHERE token_hash = ? AND revoked_at IS NULL', [sha256(token)]);
  return row ? { name: row.name, device: row.device, tokenHash: row.token_hash } : null;
}

/** Trust on first use: an unbound token is bound to the first device that uploads with it. */
export async function bindDeviceToken(db: Db, tokenHash: string, device: string): Promise<boolean> {
  await db.run('UPDATE tokens SET device = ? WHERE token_hash = ? AND device IS NULL', [device, tokenHash]);
  const row = await db.get<{ device: string }>('SELECT device FROM tokens WHERE token_hash = ?', [tokenHash]);
  return row?.device === device;
}

export async function revokeDeviceTokens(db: Db, name: string): Promise<number> {
  return db.run('UPDATE tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL', [Date.now(), name]);
}

export async function listDeviceTokens(db: Db): Promise<{ name: string; device: string | null; created_at: number; revoked_at: number | null }[]> {
  return db.all('SELECT name, device, created_at, revoked_at FROM tokens ORDER BY created_at');
}

// scrypt N=2^15, r=8, p=1 (≈ 32 MiB, tens of ms): OWASP's minimum for scrypt.
const SCRYPT: ScryptOptions = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

function scryptAsync(password: string, salt: Buffer, o: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(password.normalize('NFC'), salt, 32, o, (e, k) => (e ? reject(e) : resolve(k))));
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, SCRYPT);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function checkPassword(stored: string, password: string): Promise<boolean> {
  const [alg, n, r, p, salt, key] = stored.split('$');
  if (alg !== 'scrypt' || !salt || !key) return false;
  const want = Buffer.from(key, 'base64url');
  const got = await scryptAsync(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p), maxmem: SCRYPT.maxmem! });
  return got.length === want.length && timingSafeEqual(got, want);
}

export const MIN_PASSWORD_LENGTH = 10;

/** Creates or replaces a supervisor account. */
export async function setUser(db: Db, name: string, password: string): Promise<void> {
  if (!/^[\p{L}\p{N}_.@-]{1,64}$/u.test(name)) throw new Error('user name: 1–64 letters, digits, _ . @ -');
  if (password.length < MIN_PASSWORD_LENGTH) throw new Error(`password must have at least ${MIN_PASSWORD_LENGTH} characters`);
  const hash = await hashPassword(password);
  await db.tx(async (t) => {
    await t.run('DELETE FROM users WHERE name = ?', [name]);
    await t.run('DELETE FROM sessions WHERE user_name = ?', [name]);
    await insertMany(t, 'users', ['name', 'password', 'created_at'], [[name, hash, Date.now()]]);
  });
}

// Checked against when the user does not exist, so both paths cost one scrypt (no user probing).
let decoy: Promise<string> | null = null;

export async function login(db: Db, name: string, password: string): Promise<boolean> {
  const row = await db.get<{ password: string }>('SELECT password FROM users WHERE name = ?', [name]);
  if (!row) {
    await checkPassword(await (decoy ??= hashPassword('decoy-password')), password);
    return false;
  }
  return checkPassword(row.password, password);
}

export interface Session {
  readonly user: string;
  readonly csrf: string;
}

export async function createSession(db: Db, user: string): Promise<{ id: string; csrf: string }> {
  const id = randomBytes(32).toString('base64url');
  const csrf = randomBytes(24).toString('base64url');
  await db.run('DELETE FROM sessions WHERE expires_at < ?', [Date.now()]);
  await insertMany(db, 'sessions', ['id_hash', 'user_name', 'csrf', 'expires_at'], [[sha256(id), user, csrf, Date.now() + SESSION_TTL_MS]]);
  return { id, csrf };
}

export async function getSession(db: Db, id: string): Promise<Session | null> {
  if (id.length > 100) return null;
  const row = await db.get<{ user_name: string; csrf: string; expires_at: number }>('SELECT user_name, csrf, expires_at FROM sessions WHERE id_hash = ?', [sha256(id)]);
  return row && Number(row.expires_at) > Date.now() ? { user: row.user_name, csrf: row.csrf } : null;
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.run('DELETE FROM sessions WHERE id_hash = ?', [sha256(id)]);
}
