import { ProxyError } from "../errors.ts";
import type { Lease, PoolStore } from "./store.ts";

/** A Puter token the proxy holds, and the short hash that stands for it in logs, metrics and Redis. */
export interface PoolToken {
  token: string;
  hash: string;
}

export interface PoolOptions {
  /** Most calls in flight per token, across every instance sharing the store. */
  maxConcurrent: number;
  /** How long a token whose credit ran out rests, in ms. */
  fundsCooldownMs: number;
  /** How long a request waits in line for a free token before a 429, in ms. */
  queueMs: number;
  /** How long a lease lives unless renewed, so a dead instance's calls stop counting. */
  leaseMs: number;
  now(): number;
}

/** A token taken for one call; release it when the answer is over (twice is harmless). */
export interface PoolLease {
  token: string;
  hash: string;
  release(): void;
}

/** Why a token rests after a failure, from the failure's meaning (errors.ts kinds). */
export type Outcome = { rest: number } | { disable: true } | undefined;

/** Puter's 429 without a `Retry-After`: rest the token this long. */
const DEFAULT_RATE_REST_MS = 10_000;
/** How often the head of the line looks again, for slots freed by other instances. */
const POLL_MS = 50;

/** 429 (or 503 when every token is disabled) `pool_exhausted`, with the soonest recovery. */
export class PoolExhaustedError extends ProxyError {
  constructor(allDisabled: boolean, retryAfterSeconds: number) {
    const message = allDisabled
      ? "No Puter token of this proxy can serve: Puter refused every one. The operator must replace PUTER_TOKENS."
      : `Every Puter token of this proxy is busy or resting; retry in ${retryAfterSeconds} s.`;
    super(message, { status: allDisabled ? 503 : 429, kind: allDisabled ? "overloaded" : "rate_limit", code: "pool_exhausted", headers: { "retry-after": String(retryAfterSeconds) } });
  }
}

/** What a failure on a token means for it: rest for Puter's 429 and exhausted credit, disable on a refusal. */
export function outcomeOf(error: ProxyError, fundsCooldownMs: number): Outcome {
  switch (error.kind) {
    case "rate_limit": {
      const seconds = Number(error.headers["retry-after"]);
      return { rest: Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : DEFAULT_RATE_REST_MS };
    }
    case "insufficient_credit":
      return { rest: fundsCooldownMs };
    case "authentication":
    case "permission":
      return { disable: true };
    default:
      return undefined;
  }
}

/**
 * The proxy's own Puter tokens, shared fairly: each call takes the token with the fewest calls in
 * flight, then the least recently used, never more than `maxConcurrent` per token; a call that finds
 * every token busy waits in a first-come line for up to `queueMs`.
 */
export function createTokenPool(tokens: PoolToken[], store: PoolStore, options: PoolOptions) {
  const byHash = new Map(tokens.map((t) => [t.hash, t]));
  const line: Array<() => void> = [];
  const wakeHead = () => line[0]?.();

  const lease = (taken: Lease): PoolLease => {
    let released = false;
    const renewal = setInterval(() => void store.renew(taken, options.now(), options.leaseMs).catch(() => {}), options.leaseMs / 3);
    // Where timers can be told so (Node, Deno, Bun), a held lease alone does not keep the process alive.
    (renewal as { unref?: () => void }).unref?.();
    const release = () => {
      if (released) return;
      released = true;
      clearInterval(renewal);
      void store.release(taken).catch(() => {}).finally(wakeHead);
    };
    return { token: (byHash.get(taken.hash) as PoolToken).token, hash: taken.hash, release };
  };

  const exhausted = async (): Promise<PoolExhaustedError> => {
    const now = options.now();
    const states = await store.states([...byHash.keys()], now);
    const resting = states.filter((s) => !s.disabled && s.coolUntil > now).map((s) => s.coolUntil - now);
    const busy = states.some((s) => !s.disabled && s.coolUntil <= now);
    const soonest = busy ? 1_000 : Math.min(...resting, 60_000);
    return new PoolExhaustedError(states.every((s) => s.disabled), Math.max(1, Math.ceil(soonest / 1000)));
  };

  const anyBusy = async () => (await store.states([...byHash.keys()], options.now())).some((s) => !s.disabled && s.coolUntil <= options.now());

  const tryTake = async (exclude: string[]) => {
    const hashes = [...byHash.keys()].filter((hash) => !exclude.includes(hash));
    const taken = await store.acquire(hashes, options.maxConcurrent, options.now(), options.leaseMs);
    return taken && lease(taken);
  };

  return {
    /** A lease on a token; `exclude` skips tokens that just failed, and `wait: false` does not queue. */
    async acquire(signal?: AbortSignal, exclude: string[] = [], wait = true): Promise<PoolLease> {
      if (line.length === 0) {
        const taken = await tryTake(exclude);
        if (taken) return taken;
      }
      // Waiting only helps when some token is merely busy; resting or disabled ones fail at once.
      if (!wait || !(await anyBusy())) throw await exhausted();
      const deadline = options.now() + options.queueMs;
      let wake: () => void = () => {};
      const me = () => wake();
      line.push(me);
      try {
        while (options.now() < deadline && !signal?.aborted) {
          if (line[0] === me) {
            const taken = await tryTake(exclude);
            if (taken) return taken;
          }
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, Math.min(POLL_MS, Math.max(deadline - options.now(), 0)));
            wake = () => (clearTimeout(timer), resolve());
          });
        }
        throw await exhausted();
      } finally {
        line.splice(line.indexOf(me), 1);
        wakeHead();
      }
    },
    /** Records what a failure means for the token; true when another token may succeed where it failed. */
    async failed(hash: string, error: ProxyError): Promise<boolean> {
      const outcome = outcomeOf(error, options.fundsCooldownMs);
      if (!outcome) return false;
      if ("disable" in outcome) await store.disable(hash);
      else await store.cool(hash, options.now() + outcome.rest);
      return true;
    },
    exhausted,
    states: () => store.states([...byHash.keys()], options.now()),
  };
}

export type TokenPool = ReturnType<typeof createTokenPool>;
