/**
 * The token pool's state in Redis, shared by every instance (REDIS_URL). Each token's calls in
 * flight are a sorted set of leases scored by their expiry, so an instance that dies stops
 * counting once its leases expire; acquiring is one Lua script, so two instances never both take
 * a token's last slot. Keys hold token hashes only, never tokens.
 */
import Redis from "ioredis";
import type { Lease, PoolStore, TokenState } from "../pool/store.ts";

const PREFIX = "puter-proxy:pool:";

// KEYS: none. ARGV: now, max, leaseMs, leaseId, hash1, hash2, … Returns the chosen hash or false.
const ACQUIRE = `
local now, max, leaseMs, id = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4]
local best, bestCount, bestUsed = nil, nil, nil
for i = 5, #ARGV do
  local h = ARGV[i]
  local base = '${PREFIX}' .. h
  if redis.call('EXISTS', base .. ':disabled') == 0 and tonumber(redis.call('GET', base .. ':cool') or '0') <= now then
    redis.call('ZREMRANGEBYSCORE', base .. ':leases', '-inf', now)
    local count = redis.call('ZCARD', base .. ':leases')
    if count < max then
      local used = tonumber(redis.call('GET', base .. ':used') or '0')
      if best == nil or count < bestCount or (count == bestCount and used < bestUsed) then
        best, bestCount, bestUsed = h, count, used
      end
    end
  end
end
if best == nil then return false end
local base = '${PREFIX}' .. best
redis.call('ZADD', base .. ':leases', now + leaseMs, id)
redis.call('PEXPIRE', base .. ':leases', leaseMs * 2)
redis.call('SET', base .. ':used', now)
return best`;

// ARGV: hash, until. A later rest never shortens an earlier one.
const COOL = `
local key = '${PREFIX}' .. ARGV[1] .. ':cool'
local until = tonumber(ARGV[2])
if tonumber(redis.call('GET', key) or '0') < until then redis.call('SET', key, until, 'PXAT', until) end
return 1`;

/** A Redis-backed pool store; `client` errors surface as rejections (see pool/fallback-store.ts). */
export function createRedisStore(url: string): PoolStore & { close(): Promise<void> } {
  // Fail fast while Redis is away rather than queueing commands: the pool falls back to local state.
  const client = new Redis(url, { lazyConnect: false, enableOfflineQueue: false, maxRetriesPerRequest: 0, connectTimeout: 2_000, retryStrategy: () => 1_000 });
  client.on("error", () => {});
  let counter = 0;
  const instance = crypto.randomUUID().slice(0, 8);
  const key = (hash: string, part: string) => `${PREFIX}${hash}:${part}`;
  return {
    async acquire(hashes, max, now, leaseMs) {
      if (hashes.length === 0) return undefined;
      const id = `${instance}:${++counter}`;
      const hash = (await client.eval(ACQUIRE, 0, now, max, leaseMs, id, ...hashes)) as string | null;
      return hash ? { hash, id } : undefined;
    },
    async renew(lease: Lease, now, leaseMs) {
      await client.zadd(key(lease.hash, "leases"), "XX", now + leaseMs, lease.id);
    },
    async release(lease) {
      await client.zrem(key(lease.hash, "leases"), lease.id);
    },
    async cool(hash, until) {
      await client.eval(COOL, 0, hash, until);
    },
    async disable(hash) {
      await client.set(key(hash, "disabled"), "1");
    },
    async states(hashes, now): Promise<TokenState[]> {
      const pipeline = client.multi();
      for (const hash of hashes) {
        pipeline.zcount(key(hash, "leases"), `(${now}`, "+inf");
        pipeline.get(key(hash, "cool"));
        pipeline.exists(key(hash, "disabled"));
      }
      const results = ((await pipeline.exec()) ?? []).map(([error, value]) => {
        if (error) throw error;
        return value;
      });
      return hashes.map((hash, i) => {
        const cool = Number(results[i * 3 + 1] ?? 0);
        return { hash, inFlight: Number(results[i * 3]), coolUntil: cool > now ? cool : 0, disabled: Number(results[i * 3 + 2]) === 1 };
      });
    },
    close: async () => {
      client.disconnect();
    },
  };
}
