import type { PoolStore } from "./store.ts";

/** How long after a failure the shared store is tried again. */
const RETRY_MS = 2_000;

/**
 * A shared store that keeps the proxy serving when it is away: each operation falls back to
 * `local` (this instance's own state) while `shared` fails, says so once in the log, and goes back
 * to `shared` once it answers again (and says that too).
 */
export function withFallback(shared: PoolStore, local: PoolStore, log: (line: string) => void, now: () => number = Date.now): PoolStore {
  let downSince: number | undefined;
  const use = async <T>(operation: (store: PoolStore) => Promise<T>): Promise<T> => {
    if (downSince !== undefined && now() - downSince < RETRY_MS) return operation(local);
    try {
      const result = await operation(shared);
      if (downSince !== undefined) {
        downSince = undefined;
        log("pool: the shared store (Redis) is back; the pool's state is shared again");
      }
      return result;
    } catch {
      if (downSince === undefined) log("pool: the shared store (Redis) is unreachable; serving on this instance's own pool state until it returns");
      downSince = now();
      return operation(local);
    }
  };
  return {
    acquire: (hashes, max, at, leaseMs) => use((store) => store.acquire(hashes, max, at, leaseMs)),
    // A lease lives in the store that granted it; renewing or releasing it elsewhere is harmless.
    renew: (lease, at, leaseMs) => use((store) => store.renew(lease, at, leaseMs)),
    release: (lease) => use((store) => store.release(lease)),
    cool: (hash, until) => use((store) => store.cool(hash, until)),
    disable: (hash) => use((store) => store.disable(hash)),
    states: (hashes, at) => use((store) => store.states(hashes, at)),
  };
}
