/**
 * Load generation with autocannon (raw sockets, pre-built requests: less client cost per request
 * than node:http). Its own histogram keeps whole milliseconds, so latencies are taken from its
 * per-response event instead, which carries the float duration.
 */
import autocannon from "autocannon";
import type { BenchRequest } from "./http.ts";
import { percentile, Samples } from "./stats.ts";

export interface LoadOptions {
  connections: number;
  /** Run for this long... */
  durationS?: number;
  /** ...or for exactly this many requests (sequential latency uses connections 1 and an amount). */
  amount?: number;
}

export interface LoadResult {
  /** 2xx answers completed. */
  ok: number;
  /** Socket errors, timeouts and non-2xx answers. */
  errors: number;
  elapsedS: number;
  rps: number;
  /** ms, over the 2xx answers. */
  p50: number;
  p99: number;
}

export async function runLoad(req: BenchRequest, options: LoadOptions): Promise<LoadResult> {
  const latencies = new Samples(1 << 17);
  const started = performance.now();
  const instance = autocannon({
    url: `http://127.0.0.1:${req.port}${req.path}`,
    method: "POST",
    headers: req.headers,
    body: req.body,
    connections: options.connections,
    pipelining: 1,
    timeout: 20,
    duration: options.durationS ?? 10,
    amount: options.amount,
    // Every figure must be a fresh measurement; autocannon's own table is not used.
    renderProgressBar: false,
    renderResultsTable: false,
    renderLatencyTable: false,
  });
  instance.on("response", (_client: unknown, status: number, _bytes: number, ms: number) => {
    if (status >= 200 && status < 300) latencies.add(ms);
  });
  const result = await instance;
  const elapsedS = (performance.now() - started) / 1000;
  const all = latencies.sorted();
  return {
    ok: all.length,
    errors: result.errors + result.timeouts + result.non2xx,
    elapsedS,
    rps: all.length / elapsedS,
    p50: percentile(all, 50),
    p99: percentile(all, 99),
  };
}
