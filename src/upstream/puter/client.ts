import { UpstreamError, UpstreamTimeoutError } from "../../errors.ts";

export interface PuterClientOptions {
  fetch: typeof fetch;
  /** Puter's API base URL, without a trailing slash. */
  baseUrl: string;
  /** Deadline for Puter to start answering, in ms. */
  timeoutMs: number;
}

/** A Puter response whose headers have arrived, and the deadline still running on it. */
export interface PuterCall {
  response: Response;
  /** Stops the answer deadline: for a stream, once its headers are in (idle deadlines take over). */
  settle(): void;
  /** Reads the whole body under the deadline, then settles. */
  text(): Promise<string>;
}

/** The chat driver call envelope; the chat driver is always `ai-chat` (protocol section 1.3). */
export function buildCompleteBody(args: Record<string, unknown>): string {
  return JSON.stringify({ interface: "puter-chat-completion", driver: "ai-chat", method: "complete", args });
}

/**
 * The only code that talks to Puter's chat driver. The token goes in `Authorization` and nowhere
 * else. A client that goes away (`signal`) aborts the call at once; a Puter that does not answer
 * within `timeoutMs` is a 504; a Puter that cannot be reached is a 502 whose message names no URL.
 */
export async function callPuter(
  options: PuterClientOptions,
  token: string,
  args: Record<string, unknown>,
  signal: AbortSignal | undefined,
): Promise<PuterCall> {
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
  // A deadline that fires while the body is read must fail that read as a timeout too.
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
      body: buildCompleteBody(args),
      signal: controller.signal,
    });
  } catch (error) {
    return fail(error, false);
  }
  const text = async (): Promise<string> => {
    try {
      const body = await response.text();
      settle();
      return body;
    } catch (error) {
      return fail(error, true);
    }
  };
  return { response, settle, text };
}
