import type { PoolConfig } from "../config.ts";
import { type Credentials, passThrough, poolCredentials } from "./credentials.ts";
import { createMemoryStore } from "./memory-store.ts";
import { createTokenPool, type TokenPool } from "./pool.ts";
import type { PoolStore } from "./store.ts";
import { tokenHash } from "./token-hash.ts";

/** How long a request waits in line for a free pool token before a 429. */
export const POOL_QUEUE_MS = 10_000;
/** A lease lives this long unless renewed; an instance that dies frees its slots after it. */
export const POOL_LEASE_MS = 60_000;

export interface CredentialSetup {
  credentials: Credentials;
  /** The pool, in pool mode, for metrics. */
  pool?: Promise<TokenPool>;
}

/** Pass-through credentials, or the pool's (on `store`, default this process's memory) when configured. */
export function setUpCredentials(config: PoolConfig | undefined, store: PoolStore | undefined, now: () => number): CredentialSetup {
  if (!config) return { credentials: passThrough };
  const pool = (async () => {
    const tokens = await Promise.all(config.tokens.map(async (token) => ({ token, hash: await tokenHash(token) })));
    return createTokenPool(tokens, store ?? createMemoryStore(), { maxConcurrent: config.maxConcurrent, fundsCooldownMs: config.fundsCooldownMs, queueMs: POOL_QUEUE_MS, leaseMs: POOL_LEASE_MS, now });
  })();
  const ready = pool.then((p) => poolCredentials(config.accessKeys, p));
  return {
    pool,
    credentials: {
      authorize: async (request) => (await ready).authorize(request),
      acquire: async (request, exclude) => (await ready).acquire(request, exclude),
      failed: async (credential, error) => (await ready).failed(credential, error),
      exhausted: async () => (await ready).exhausted(),
    },
  };
}
