/** What one pool token looks like to the instances sharing a store; keyed by its hash, never the token. */
export interface TokenState {
  hash: string;
  inFlight: number;
  /** Unix ms until which the token rests (Puter's 429, exhausted credit); 0 when it does not. */
  coolUntil: number;
  disabled: boolean;
}

export interface Lease {
  hash: string;
  id: string;
}

/**
 * Where the pool keeps its state: in this process (memory-store.ts), or shared by every instance
 * (runtime/redis-store.ts). Updates are atomic, and a lease expires by itself, so an instance that
 * dies cannot hold a token's slots forever.
 */
export interface PoolStore {
  /**
   * Leases the token with the fewest calls in flight, then the least recently used, among `hashes`
   * that are neither disabled, resting, nor at `max` in flight; undefined when none can serve.
   */
  acquire(hashes: string[], max: number, now: number, leaseMs: number): Promise<Lease | undefined>;
  /** Keeps a lease alive for another `leaseMs` (long streams). */
  renew(lease: Lease, now: number, leaseMs: number): Promise<void>;
  release(lease: Lease): Promise<void>;
  /** Rests a token until `until` (unix ms); a later rest never shortens an earlier one. */
  cool(hash: string, until: number): Promise<void>;
  disable(hash: string): Promise<void>;
  states(hashes: string[], now: number): Promise<TokenState[]>;
}
