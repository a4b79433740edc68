/**
 * The node-service example: two instances sharing a Redis replay store accept a presentation once
 * between them; the online-check adapter refuses what the platform knows is no longer active and
 * treats an unreachable platform as "cannot determine", never as a refusal.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USCC, demoLicence, mintPresentation, type DevPrivateJwk } from '@yizhao/sdk/dev';
import { connectRedis, startNodeService, type NodeService } from '../src/main.js';
import { MockOnlineCheck } from '../src/online-check.js';
import { redisReplayStore, type RedisClient } from '../src/redis-replay-store.js';
import type { VerifyResponse } from '../src/service.js';

const AUD = 'dz-water-approval';
const demo = (name: string) => JSON.parse(readFileSync(createRequire(import.meta.url).resolve(`@yizhao/sdk/demo/${name}`), 'utf8'));
const issuer = demo('issuer.private.json') as { iss: string; keys: DevPrivateJwk[] };

const mint = (o: { aud?: string; uscc?: string; nonce?: string } = {}) =>
  mintPresentation({ key: issuer.keys[0]!, iss: issuer.iss, uscc: o.uscc ?? DEMO_USCC, licence: demoLicence(), aud: o.aud ?? AUD, ...(o.nonce && { nonce: o.nonce }), zip: true });

async function post(origin: string, body: unknown): Promise<{ status: number; json: VerifyResponse & { error?: string } }> {
  const res = await fetch(`${origin}/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as VerifyResponse & { error?: string } };
}

/** Redis at 127.0.0.1:6379, or null after a loud warning (a failure under CI=true). */
async function redisOrSkip(): Promise<RedisClient | null> {
  try {
    return await connectRedis();
  } catch (e) {
    const why = `Redis not reachable at 127.0.0.1:6379 (${e instanceof Error ? e.message : String(e)})`;
    if (process.env.CI === 'true') throw new Error(`node-service: ${why}, and CI=true requires it`);
    console.warn(`\n${'!'.repeat(78)}\n!! SKIPPED node-service Redis suite: ${why}.\n${'!'.repeat(78)}\n`);
    return null;
  }
}

const redis = await redisOrSkip();

describe.skipIf(!redis)('two service instances sharing a Redis replay store', () => {
  const prefix = `yizhao-test:${randomUUID()}:`;
  let a: NodeService;
  let b: NodeService;

  beforeAll(async () => {
    [a, b] = await Promise.all([startNodeService({ prefix }), startNodeService({ prefix })]);
  });

  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    const keys = await redis!.keys(`${prefix}*`);
    if (keys.length) await redis!.del(keys);
    await redis!.quit();
  });

  it('accepts a presentation at one instance and refuses it at the other as a replay', async () => {
    expect([a.store, b.store]).toEqual(['redis', 'redis']);
    const text = await mint();
    const first = await post(a.origin, { presentation: text, matter: 'DZ164-111' });
    expect(first.json).toMatchObject({ ok: true, code: null, uscc: DEMO_USCC, licence: { name: '重庆市大足区示例科技有限公司' } });
    const second = await post(b.origin, { presentation: text, matter: 'DZ164-111' });
    expect(second.json).toMatchObject({ ok: false, code: 'REPLAYED', outcome: 'invalid' });
    expect((await post(a.origin, { presentation: text })).json.code).toBe('REPLAYED');
    expect((await post(b.origin, { presentation: await mint() })).json.ok).toBe(true); // a fresh one is fine
  });

  it('lets exactly one of two simultaneous requests through', async () => {
    const text = await mint();
    const results = await Promise.all([post(a.origin, { presentation: text }), post(b.origin, { presentation: text })]);
    expect(results.map((r) => r.json.code).sort()).toEqual([null, 'REPLAYED'].sort());
  });

  it('stores each jti once, expiring with the token', async () => {
    const store = redisReplayStore(redis!, prefix);
    const expiresAt = Math.floor(Date.now() / 1000) + 120;
    expect(await store.remember('iss\u0000jti-1', expiresAt, expiresAt - 120)).toBe(true);
    expect(await store.remember('iss\u0000jti-1', expiresAt, expiresAt - 120)).toBe(false);
    const ttl = await redis!.ttl(`${prefix}iss\u0000jti-1`);
    expect(ttl).toBeGreaterThan(100);
    expect(ttl).toBeLessThanOrEqual(120);
  });

  it('refuses presentations for another audience, and bad requests, without touching the store', async () => {
    expect((await post(a.origin, { presentation: await mint({ aud: 'dz-other-system' }) })).json.code).toBe('AUDIENCE_MISMATCH');
    expect((await post(a.origin, 'not json')).status).toBe(400);
    expect((await post(a.origin, { presentation: 42 })).status).toBe(400);
    expect((await post(a.origin, { presentation: 'x', matter: 'anything' })).status).toBe(400);
    expect((await post(a.origin, { presentation: 'x'.repeat(100_000) })).status).toBe(413);
    expect((await fetch(`${a.origin}/verify`)).status).toBe(405);
    expect((await (await fetch(`${a.origin}/healthz`)).json()) as unknown).toEqual({ ok: true });
  });
});

describe('online check against the national platform (mock adapter)', () => {
  const services: NodeService[] = [];
  const start = async (check: MockOnlineCheck, strict = false) => {
    // Memory store: these cases are about the adapter, and must run without Redis too.
    const s = await startNodeService({ redisUrl: 'redis://127.0.0.1:1', fallbackToMemory: true, onlineCheck: check, onlineTimeoutMs: 500, ...(strict && { strictOnline: true }) });
    services.push(s);
    return s;
  };
  afterAll(() => Promise.all(services.map((s) => s.close())));

  it('passes an active entity and reports what the platform said', async () => {
    const check = new MockOnlineCheck({ [DEMO_USCC]: 'active' });
    const s = await start(check);
    expect(s.store).toBe('memory');
    const r = await post(s.origin, { presentation: await mint() });
    expect(r.json).toMatchObject({ ok: true, code: null, online: { state: 'active', source: 'mock' } });
    expect(check.queries).toEqual([expect.objectContaining({ uscc: DEMO_USCC, name: '重庆市大足区示例科技有限公司', iss: issuer.iss })]);
  });

  it('refuses a genuine licence of an entity the platform knows is deregistered', async () => {
    const s = await start(new MockOnlineCheck({ [DEMO_USCC]: 'deregistered' }));
    const r = await post(s.origin, { presentation: await mint() });
    expect(r.json).toMatchObject({ ok: false, code: 'LICENSE_NOT_ACTIVE', outcome: 'invalid', online: { state: 'deregistered' } });
  });

  it('never asks the platform about a presentation that failed offline', async () => {
    const check = new MockOnlineCheck({ [DEMO_USCC]: 'active' });
    const s = await start(check);
    expect((await post(s.origin, { presentation: await mint({ aud: 'elsewhere' }) })).json.code).toBe('AUDIENCE_MISMATCH');
    expect(check.queries).toEqual([]);
  });

  it('treats an outage or a timeout as "cannot determine", not as a refusal', async () => {
    const down = await start(new MockOnlineCheck({}, { down: true }));
    const r = await post(down.origin, { presentation: await mint() });
    expect(r.json).toMatchObject({ ok: true, online: { state: 'unavailable' } });
    expect(r.json.warnings.map((w) => w.code)).toContain('STATUS_UNKNOWN');

    const slow = new MockOnlineCheck({ [DEMO_USCC]: 'revoked' }, { delayMs: 10_000 });
    const strict = await start(slow, true);
    const t0 = Date.now();
    const s = await post(strict.origin, { presentation: await mint() });
    expect(Date.now() - t0).toBeLessThan(5000); // the 500 ms deadline, not the adapter's 10 s
    expect(s.json).toMatchObject({ ok: false, code: 'STATUS_UNKNOWN', outcome: 'indeterminate', online: { state: 'unavailable' } });
  });
});
