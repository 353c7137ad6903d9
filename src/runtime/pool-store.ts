import type { Config } from "../config.ts";
import { withFallback } from "../pool/fallback-store.ts";
import { createMemoryStore } from "../pool/memory-store.ts";
import type { PoolStore } from "../pool/store.ts";
import { createRedisStore } from "./redis-store.ts";

/** Node and Bun: the pool's state in Redis when REDIS_URL is set (this instance's own while it is away). */
export function poolStoreFor(config: Config, log: (line: string) => void): PoolStore | undefined {
  const url = config.pool?.redisUrl;
  return url ? withFallback(createRedisStore(url), createMemoryStore(), log) : undefined;
}
