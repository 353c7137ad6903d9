import { UpstreamError, UpstreamTimeoutError } from "../../errors.ts";

export interface DriverClientOptions {
  fetch: typeof fetch;
  /** Puter's API base URL, without a trailing slash. */
  baseUrl: string;
  /** Deadline in ms: for a whole answer, until its last byte; for a stream, until its headers. */
  timeoutMs: number;
  /** Streams are read with buffers of our own (stream/byte-reader.ts): for fetches that give each read a large one. */
  byteReads?: boolean;
}

/** One `/drivers/call` (docs/puter-wire.md §1): which driver interface and method, with what args. */
export interface DriverCall {
  interface: string;
  /** Puter picks the interface's default driver when absent. */
  driver?: string;
  method: string;
  args: Record<string, unknown>;
}

/**
 * Puter's reply: a whole body read to its end, or a body still streaming (NDJSON, raw audio), handed
 * over once its headers are in; from then on the reader owns the pace (and its idle deadline).
 */
export type DriverReply =
  | { kind: "whole"; status: number; headers: Headers; text: string }
  | { kind: "stream"; status: number; headers: Headers; body: ReadableStream<Uint8Array> };

export interface CallOptions {
  /** The client's own signal: its leaving aborts the call at once. */
  signal?: AbortSignal;
  /** Whether a streamed success may be handed over unread; otherwise every byte is read under the deadline. */
  stream: boolean;
}

/** A JSON body is a whole answer or an error, never a stream, whatever the client asked for. */
function isStreamed(response: Response): boolean {
  const type = (response.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  // `application/json` and `…+json` are documents; `application/x-ndjson` is a stream of them.
  return response.status >= 200 && response.status < 300 && response.body !== null && !/(^|\/|\+)json$/.test(type);
}

/**
 * The only code that talks to Puter's drivers. The token goes in `Authorization` and nowhere else.
 * The call owns its deadline from start to end: a client that goes away aborts it at once; a Puter
 * that does not answer within `timeoutMs` is a 504; one that cannot be reached, breaks off, or
 * redirects elsewhere is a 502 whose message names no URL. Redirects are never followed: the
 * conversation and the token go to the configured Puter and nowhere else.
 */
export async function callDriver(options: DriverClientOptions, token: string, call: DriverCall, { signal, stream }: CallOptions): Promise<DriverReply> {
  // Built before the call, so a body that cannot be serialised is the proxy's fault, not Puter's.
  const body = JSON.stringify(call.driver === undefined ? { interface: call.interface, method: call.method, args: call.args } : call);
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs);
  const onClientAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener("abort", onClientAbort, { once: true });
  const settle = () => {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onClientAbort);
  };
  const fail = (error: unknown, reading: boolean): never => {
    settle();
    if (timedOut) throw new UpstreamTimeoutError(`Puter did not answer within ${options.timeoutMs} ms.`);
    if (signal?.aborted) throw error;
    if (reading) throw new UpstreamError("The connection to Puter broke off before the answer was complete.", "upstream_disconnected");
    throw new UpstreamError("Could not reach Puter: the connection failed.", "upstream_unreachable");
  };
  if (signal?.aborted) onClientAbort();

  let response: Response;
  try {
    // Called unbound: Workers' fetch throws "Illegal invocation" when called as a method.
    const fetchFn = options.fetch;
    response = await fetchFn(`${options.baseUrl}/drivers/call`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body,
      redirect: "manual",
      signal: controller.signal,
    });
  } catch (error) {
    return fail(error, false);
  }
  // Whatever goes wrong from here, the deadline and the client's listener go with it.
  try {
    if (response.status >= 300 && response.status < 400) {
      settle();
      void response.body?.cancel().catch(() => {});
      throw new UpstreamError(`Puter answered with a redirect (HTTP ${response.status}), which the proxy does not follow.`, "upstream_redirect");
    }
    if (stream && isStreamed(response)) {
      settle();
      return { kind: "stream", status: response.status, headers: response.headers, body: response.body as ReadableStream<Uint8Array> };
    }
    try {
      const text = await response.text();
      settle();
      return { kind: "whole", status: response.status, headers: response.headers, text };
    } catch (error) {
      return fail(error, true);
    }
  } catch (error) {
    settle();
    throw error;
  }
}
