import { type AccountLimits, createAccountLimiter } from "./account-limits.ts";
import { sendError } from "./http-util.ts";
import { createReply, type Reply } from "./reply.ts";
import { route, type DoubleState } from "./routes.ts";

export interface RecordedRequest {
  method: string;
  /** Includes the query string. */
  path: string;
  /** Lowercased names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** Parsed JSON when it parsed, else the raw text. */
  body: unknown;
  /**
   * Resolves once the response is over: completed=true if its body was read to the end, false if
   * the client went away first (aborted the request, cancelled the body) or the connection broke.
   */
  closed: Promise<{ completed: boolean }>;
}

export interface PuterDoubleOptions {
  /** The `fake` model's pre-answer delay in streams; default 500 as real Puter. */
  fakeDelayMs?: number;
  /** Gap between lines in multi-line streams; default 5. */
  intervalMs?: number;
  /** Enforce Puter's per-account limits (calls in flight and per window, per token); default off. */
  accountLimits?: AccountLimits;
}

/** The Puter double as a fetch function: no socket, injectable wherever `fetch` is. */
export interface FetchPuterDouble {
  /** Answers like Puter's API host; the URL's origin is ignored, only its path and query count. */
  fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
  /** A base URL to call `fetch` with, e.g. as the proxy's PUTER_API_BASE. */
  url: string;
  /** Every request received, in order (all paths). */
  requests: RecordedRequest[];
  /** Make GET /puterai/chat/models/details answer with this HTTP status (e.g. 500) until reset with 200. */
  setModelsStatus(status: number): void;
  /** Requests whose response is not over yet (the fetch analogue of open connections). */
  pending(): number;
  /** The most calls each token had in flight at once (with `accountLimits`). */
  peakInFlight(): Record<string, number>;
  /** How many calls were refused with a 429 for a per-account limit (with `accountLimits`). */
  limitRefusals(): number;
  /** Breaks every pending response as a dying server would, and stops their handlers. */
  close(): Promise<void>;
}

function recordBody(raw: Uint8Array): unknown {
  const text = new TextDecoder().decode(raw);
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Creates the double; `fetch` behaves like a real fetch against Puter, failures included. */
export function createPuterDouble(options: PuterDoubleOptions = {}): FetchPuterDouble {
  const shutdown = new AbortController();
  const live = new Set<Reply>();
  const requests: RecordedRequest[] = [];
  const state: DoubleState = { modelsStatus: 200 };
  const intervalMs = options.intervalMs ?? 5;
  const fakeDelayMs = options.fakeDelayMs ?? 500;
  const account = options.accountLimits ? createAccountLimiter(options.accountLimits) : undefined;

  async function fetchDouble(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    // The constructor rejects what fetch rejects (a GET with a body, a stream body without duplex …).
    const request = new Request(input, init);
    if (request.signal.aborted) throw request.signal.reason;
    if (shutdown.signal.aborted) throw new TypeError("fetch failed", { cause: new Error("connect ECONNREFUSED") });
    const cancelled = new AbortController();
    const { reply, response, closed } = createReply(request.signal, () => cancelled.abort());
    live.add(reply);
    void closed.then(() => live.delete(reply));
    const url = new URL(request.url);
    const record: RecordedRequest = {
      method: request.method,
      path: url.pathname + url.search,
      headers: Object.fromEntries(request.headers),
      body: undefined,
      closed,
    };
    requests.push(record);
    const raw = new Uint8Array(await request.arrayBuffer());
    record.body = recordBody(raw);
    const signal = AbortSignal.any([shutdown.signal, request.signal, cancelled.signal]);
    const ctx = { request, reply, signal, intervalMs, fakeDelayMs, account, closed };
    route(ctx, raw, state).catch(() => {
      // An unexpected failure becomes Puter's generic 500, or a dead connection once the 200 is out.
      if (!reply.headSent) sendError(ctx, 500, "Internal Server Error", "internal_error");
      else reply.cut();
    });
    return response;
  }

  return {
    fetch: fetchDouble,
    url: "http://puter-double.invalid",
    requests,
    setModelsStatus: (status) => {
      state.modelsStatus = status;
    },
    pending: () => live.size,
    peakInFlight: () => account?.peaks() ?? {},
    limitRefusals: () => account?.refused() ?? 0,
    close: async () => {
      for (const reply of live) {
        if (reply.headSent) reply.cut();
        else reply.reset();
      }
      shutdown.abort();
    },
  };
}
