import type { Config } from "../config.ts";
import { withFallback } from "../pool/fallback-store.ts";
import { createMemoryStore } from "../pool/memory-store.ts";
import type { PoolStore } from "../pool/store.ts";

/**
 * Node and Bun: the pool's state in Redis when REDIS_URL is set (this instance's own while it is
 * away). The Redis client is loaded only then: loading it costs about 13 ms of every cold start.
 */
export async function poolStoreFor(config: Config, log: (line: string) => void): Promise<PoolStore | undefined> {
  const url = config.pool?.redisUrl;
  if (!url) return undefined;
  const { createRedisStore } = await import("./redis-store.ts");
  return withFallback(createRedisStore(url), createMemoryStore(), log);
}
