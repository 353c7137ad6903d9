/**
 * The token pool's state in Deno KV, shared by every isolate of a Deno Deploy project (and by
 * processes opening the same KV file locally). Each token is one entry; taking a lease is an
 * atomic check-and-set over every token's entry, retried when another isolate got there first.
 * Leases carry their expiry, so an isolate that dies stops counting. Keys hold hashes, never tokens.
 */
import type { Lease, PoolStore, TokenState } from "../pool/store.ts";

/** The part of Deno KV this store uses. */
export interface Kv {
  getMany(keys: unknown[][]): Promise<Array<{ key: unknown[]; value: unknown; versionstamp: string | null }>>;
  atomic(): KvAtomic;
}
interface KvAtomic {
  check(...checks: Array<{ key: unknown[]; versionstamp: string | null }>): KvAtomic;
  set(key: unknown[], value: unknown): KvAtomic;
  commit(): Promise<{ ok: boolean }>;
}

interface Entry {
  leases: Record<string, number>;
  lastUsed: number;
  coolUntil: number;
  disabled: boolean;
}

const key = (hash: string) => ["puter-proxy", "pool", hash];
const empty = (): Entry => ({ leases: {}, lastUsed: 0, coolUntil: 0, disabled: false });
/** Deno KV reads at most 10 keys at once. */
const BATCH = 10;
const ATTEMPTS = 50;
/** Runs `attempt` until it answers; a busy database (another process holds the lock) counts as a collision. */
async function retrying<T>(attempt: () => Promise<T | typeof AGAIN>): Promise<T | undefined> {
  for (let i = 0; i < ATTEMPTS; i++) {
    try {
      const result = await attempt();
      if (result !== AGAIN) return result;
    } catch (error) {
      if (i === ATTEMPTS - 1) throw error;
    }
    await backoff();
  }
  return undefined;
}
const AGAIN = Symbol("again");

/** A short random pause before trying again, so isolates that collided do not collide again. */
const backoff = () => new Promise((resolve) => setTimeout(resolve, Math.random() * 10));

export function createKvStore(opened: Kv | Promise<Kv>): PoolStore {
  const ready = Promise.resolve(opened);
  let counter = 0;
  const instance = crypto.randomUUID().slice(0, 8);
  const read = async (hashes: string[]) => {
    const kv = await ready;
    const rows: Array<{ hash: string; entry: Entry; versionstamp: string | null }> = [];
    for (let i = 0; i < hashes.length; i += BATCH) {
      const batch = hashes.slice(i, i + BATCH);
      const found = await kv.getMany(batch.map(key));
      found.forEach((row, j) => rows.push({ hash: batch[j] as string, entry: (row.value as Entry | null) ?? empty(), versionstamp: row.versionstamp }));
    }
    return rows;
  };
  const live = (entry: Entry, now: number) => Object.values(entry.leases).filter((expiry) => expiry > now).length;
  /** Applies `change` to one token's entry, retrying when another isolate changed it meanwhile. */
  const update = async (hash: string, change: (entry: Entry) => void) => {
    await retrying(async () => {
      const [row] = await read([hash]);
      if (!row) return undefined;
      const kv = await ready;
      change(row.entry);
      return (await kv.atomic().check({ key: key(hash), versionstamp: row.versionstamp }).set(key(hash), row.entry).commit()).ok ? undefined : AGAIN;
    });
  };
  return {
    acquire: (hashes, max, now, leaseMs) =>
      retrying<Lease | undefined>(async () => {
        const rows = await read(hashes);
        let best: (typeof rows)[number] | undefined;
        let bestCount = 0;
        for (const row of rows) {
          if (row.entry.disabled || row.entry.coolUntil > now) continue;
          const count = live(row.entry, now);
          if (count >= max) continue;
          if (!best || count < bestCount || (count === bestCount && row.entry.lastUsed < best.entry.lastUsed)) [best, bestCount] = [row, count];
        }
        if (!best) return undefined;
        const kv = await ready;
        const id = `${instance}:${++counter}`;
        const leases = Object.fromEntries(Object.entries(best.entry.leases).filter(([, expiry]) => expiry > now));
        leases[id] = now + leaseMs;
        const next: Entry = { ...best.entry, leases, lastUsed: now };
        // Checked against every token read, so the choice holds only if none of them changed meanwhile.
        const atomic = kv.atomic().check(...rows.map((row) => ({ key: key(row.hash), versionstamp: row.versionstamp })));
        return (await atomic.set(key(best.hash), next).commit()).ok ? { hash: best.hash, id } : AGAIN;
      }),
    renew: (lease: Lease, now, leaseMs) => update(lease.hash, (entry) => {
      if (entry.leases[lease.id] !== undefined) entry.leases[lease.id] = now + leaseMs;
    }),
    release: (lease) => update(lease.hash, (entry) => {
      delete entry.leases[lease.id];
    }),
    cool: (hash, until) => update(hash, (entry) => {
      entry.coolUntil = Math.max(entry.coolUntil, until);
    }),
    disable: (hash) => update(hash, (entry) => {
      entry.disabled = true;
    }),
    async states(hashes, now): Promise<TokenState[]> {
      return (await read(hashes)).map(({ hash, entry }) => ({ hash, inFlight: live(entry, now), coolUntil: entry.coolUntil > now ? entry.coolUntil : 0, disabled: entry.disabled }));
    },
  };
}
