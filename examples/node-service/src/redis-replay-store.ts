/**
 * A ReplayStore shared by every instance of the service: Redis `SET key 1 NX EXAT expiresAt` is the
 * atomic "remember unless already remembered" the SDK asks for (docs/replay-store.md).
 */
import type { ReplayStore } from '@yizhao/sdk';
import type { createClient } from 'redis';

export type RedisClient = ReturnType<typeof createClient>;

export function redisReplayStore(client: RedisClient, prefix = 'yizhao:jti:'): ReplayStore {
  return {
    async remember(key, expiresAt) {
      const reply = await client.set(prefix + key, '1', { NX: true, EXAT: expiresAt });
      return reply === 'OK'; // null: the key exists, i.e. a replay
    },
  };
}
