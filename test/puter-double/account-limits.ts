/**
 * Puter's per-account limits on `/drivers/call` (docs/puter-wire.md §5): calls in flight and calls
 * per window, per token, with Puter's own 429 bodies. Off unless the double is given limits; it
 * also records the most calls each token ever had in flight, for tests that must stay under them.
 */
export interface AccountLimits {
  /** Calls in flight per token (free accounts: 3). */
  concurrent: number;
  /** Calls per window per token (free accounts: 30 per 10 s). */
  perWindow: number;
  windowMs: number;
}

export interface Refusal {
  message: string;
}

export function createAccountLimiter(limits: AccountLimits) {
  const inFlight = new Map<string, number>();
  const peaks = new Map<string, number>();
  const calls = new Map<string, number[]>();
  let refused = 0;
  return {
    /** Admits a call until `over` settles, or says why Puter would refuse it. */
    enter(token: string, over: Promise<unknown>): Refusal | undefined {
      const now = Date.now();
      const recent = (calls.get(token) ?? []).filter((at) => at > now - limits.windowMs);
      calls.set(token, recent);
      const current = inFlight.get(token) ?? 0;
      if (current >= limits.concurrent || recent.length >= limits.perWindow) refused++;
      if (current >= limits.concurrent) return { message: "Too many concurrent requests." };
      if (recent.length >= limits.perWindow) return { message: "Too many requests." };
      recent.push(now);
      inFlight.set(token, current + 1);
      peaks.set(token, Math.max(peaks.get(token) ?? 0, current + 1));
      void over.finally(() => inFlight.set(token, (inFlight.get(token) ?? 1) - 1));
      return undefined;
    },
    /** The most calls each token had in flight at once. */
    peaks: () => Object.fromEntries(peaks),
    /** How many calls were refused for a limit. */
    refused: () => refused,
  };
}

export type AccountLimiter = ReturnType<typeof createAccountLimiter>;
