import type { AccountLimiter } from "./account-limits.ts";
import type { Generation } from "./generation.ts";
import type { Reply } from "./reply.ts";

/** One request and the way to answer it. */
export interface Exchange {
  request: Request;
  reply: Reply;
}

/** What a scenario needs to answer one request. */
export interface RunContext extends Exchange {
  /** Aborts when the client goes away or the double closes. */
  signal: AbortSignal;
  /** Gap between lines of multi-line streams. */
  intervalMs: number;
  /** The `fake` model's delay before its one stream line. */
  fakeDelayMs: number;
  /** Which backend answers; chosen by the token (see generation.ts). */
  generation: Generation;
  /** Puter's per-account limits, when the double enforces them. */
  account?: AccountLimiter;
  /** Settles when this call's response is over. */
  closed?: Promise<unknown>;
}
