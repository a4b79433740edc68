/**
 * Starts the service: trust list and pin from files (default: the bundled demo trust list, TEST
 * keys — say so), replay store in Redis. `npm start` also starts it, falling back to an in-memory
 * store when Redis is not running so the demo still comes up.
 *
 *   YIZHAO_REDIS_URL=redis://127.0.0.1:6379 PORT=8165 npx tsx examples/node-service/src/main.ts
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { createVerifier, MemoryReplayStore, type ReplayStore } from '@yizhao/sdk';
import { createClient } from 'redis';
import { redisReplayStore, type RedisClient } from './redis-replay-store.js';
import { createService, listen } from './service.js';
import type { OnlineLicenceCheck } from './online-check.js';

export interface NodeServiceOptions {
  port?: number;
  host?: string;
  redisUrl?: string;
  /** Key prefix in Redis (tests use a random one). */
  prefix?: string;
  /** Use an in-memory replay store when Redis cannot be reached (demo only; one instance). */
  fallbackToMemory?: boolean;
  audience?: string;
  trustFile?: string;
  pinFile?: string;
  onlineCheck?: OnlineLicenceCheck;
  onlineTimeoutMs?: number;
  strictOnline?: boolean;
  log?: (line: string) => void;
}

export interface NodeService {
  origin: string;
  /** Where jti are remembered: 'redis' (shared) or 'memory' (this process only). */
  store: 'redis' | 'memory';
  close(): Promise<void>;
}

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/** Connects once, without retrying, so a missing Redis is reported instead of retried forever. */
export async function connectRedis(url = DEFAULT_REDIS_URL): Promise<RedisClient> {
  const client = createClient({ url, socket: { connectTimeout: 1500, reconnectStrategy: false } });
  client.on('error', () => undefined); // connection errors surface as rejected commands
  await client.connect();
  return client;
}

export async function startNodeService(o: NodeServiceOptions = {}): Promise<NodeService> {
  const demo = (name: string) => createRequire(import.meta.url).resolve(`@yizhao/sdk/demo/${name}`);
  const trustList = readFileSync(o.trustFile ?? demo('trust.jws'), 'utf8').trim();
  const pin = JSON.parse(readFileSync(o.pinFile ?? demo('pin.jwk.json'), 'utf8')) as Record<string, unknown>;
  let client: RedisClient | null = null;
  let replayStore: ReplayStore;
  try {
    client = await connectRedis(o.redisUrl);
    replayStore = redisReplayStore(client, o.prefix);
  } catch (e) {
    if (!o.fallbackToMemory) throw e;
    replayStore = new MemoryReplayStore();
  }
  const verifier = await createVerifier({ trustList, pin, replayStore });
  const server = createService({
    verifier,
    audience: o.audience ?? 'dz-water-approval',
    ...(o.onlineCheck && { onlineCheck: o.onlineCheck }),
    ...(o.onlineTimeoutMs !== undefined && { onlineTimeoutMs: o.onlineTimeoutMs }),
    ...(o.strictOnline !== undefined && { strictOnline: o.strictOnline }),
    ...(o.log && { log: o.log }),
  });
  const origin = await listen(server, o.port ?? 0, o.host);
  return {
    origin,
    store: client ? 'redis' : 'memory',
    async close() {
      await new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      });
      await client?.quit().catch(() => undefined);
    },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const usingDemo = !process.env.YIZHAO_TRUST;
  const service = await startNodeService({
    port: Number(process.env.PORT ?? 8165),
    ...(process.env.YIZHAO_REDIS_URL && { redisUrl: process.env.YIZHAO_REDIS_URL }),
    ...(process.env.YIZHAO_TRUST && { trustFile: process.env.YIZHAO_TRUST }),
    ...(process.env.YIZHAO_PIN && { pinFile: process.env.YIZHAO_PIN }),
    log: (line) => console.log(line),
  });
  console.log(`node-service listening on ${service.origin} (replay store: ${service.store})${usingDemo ? ' — 演示信任列表 — 测试密钥 (demo trust list, TEST KEYS)' : ''}`);
  process.once('SIGINT', () => void service.close().then(() => process.exit(0)));
  process.once('SIGTERM', () => void service.close().then(() => process.exit(0)));
}
