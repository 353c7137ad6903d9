/**
 * What one request learned on its way, for its log line and the metrics: filled in by the parts
 * that know (the chat exchange, the pool), read once the response is out. Never a token or prompt.
 */
export interface Trace {
  model?: string;
  /** The pool token's hash, in pool mode. */
  tokenHash?: string;
  /** Puter's HTTP status for the call, when one was made. */
  upstreamStatus?: number;
  /** Time spent waiting on Puter before the response could start, in ms. */
  upstreamMs: number;
  /** A Puter failure inside a stream, by its code. */
  streamError?: string;
}

const traces = new WeakMap<Request, Trace>();

/** The trace of a request, made on first use. */
export function traceOf(request: Request): Trace {
  let trace = traces.get(request);
  if (!trace) traces.set(request, (trace = { upstreamMs: 0 }));
  return trace;
}
