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
  // A lease lives in the store that granted it: released or renewed there, whichever store is in use now.
  const localLeases = new Set<string>();
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
  const owner = (id: string) => (localLeases.has(id) ? local : shared);
  return {
    acquire: (hashes, max, at, leaseMs) =>
      use(async (store) => {
        const lease = await store.acquire(hashes, max, at, leaseMs);
        if (lease && store === local) localLeases.add(lease.id);
        return lease;
      }),
    // A shared lease that cannot be renewed or released now expires by itself.
    renew: (lease, at, leaseMs) => owner(lease.id).renew(lease, at, leaseMs).catch(() => {}),
    release: (lease) => {
      const store = owner(lease.id);
      localLeases.delete(lease.id);
      return store.release(lease).catch(() => {});
    },
    cool: (hash, until) => use((store) => store.cool(hash, until)),
    disable: (hash) => use((store) => store.disable(hash)),
    states: (hashes, at) => use((store) => store.states(hashes, at)),
  };
}
