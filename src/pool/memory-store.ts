import type { Lease, PoolStore, TokenState } from "./store.ts";

interface Entry {
  leases: Map<string, number>;
  lastUsed: number;
  coolUntil: number;
  disabled: boolean;
}

/** The pool's state in this process: the default, and what a Redis-backed pool falls back to. */
export function createMemoryStore(): PoolStore {
  const entries = new Map<string, Entry>();
  let counter = 0;
  const entry = (hash: string): Entry => {
    let found = entries.get(hash);
    if (!found) entries.set(hash, (found = { leases: new Map(), lastUsed: 0, coolUntil: 0, disabled: false }));
    return found;
  };
  const live = (item: Entry, now: number): number => {
    for (const [id, expires] of item.leases) if (expires <= now) item.leases.delete(id);
    return item.leases.size;
  };
  return {
    async acquire(hashes, max, now, leaseMs) {
      let best: { hash: string; item: Entry; inFlight: number } | undefined;
      for (const hash of hashes) {
        const item = entry(hash);
        if (item.disabled || item.coolUntil > now) continue;
        const inFlight = live(item, now);
        if (inFlight >= max) continue;
        if (!best || inFlight < best.inFlight || (inFlight === best.inFlight && item.lastUsed < best.item.lastUsed)) best = { hash, item, inFlight };
      }
      if (!best) return undefined;
      const lease: Lease = { hash: best.hash, id: `m${++counter}` };
      best.item.leases.set(lease.id, now + leaseMs);
      best.item.lastUsed = now;
      return lease;
    },
    async renew(lease, now, leaseMs) {
      const item = entry(lease.hash);
      if (item.leases.has(lease.id)) item.leases.set(lease.id, now + leaseMs);
    },
    async release(lease) {
      entry(lease.hash).leases.delete(lease.id);
    },
    async cool(hash, until) {
      const item = entry(hash);
      item.coolUntil = Math.max(item.coolUntil, until);
    },
    async disable(hash) {
      entry(hash).disabled = true;
    },
    async states(hashes, now): Promise<TokenState[]> {
      return hashes.map((hash) => {
        const item = entry(hash);
        return { hash, inFlight: live(item, now), coolUntil: item.coolUntil > now ? item.coolUntil : 0, disabled: item.disabled };
      });
    },
  };
}
