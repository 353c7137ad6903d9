/**
 * The proxy's metrics in Prometheus' text format (`GET /metrics`). Labels carry routes, statuses,
 * codes and token hashes: never a token, an access key or a prompt.
 */

/** Seconds; from a fraction of a millisecond (the proxy's own work) to minutes (long answers). */
const BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

type Labels = Record<string, string>;

const labelText = (labels: Labels) => {
  const parts = Object.entries(labels).map(([name, value]) => `${name}="${value.replace(/[\\"\n]/g, (c) => (c === "\n" ? "\\n" : `\\${c}`))}"`);
  return parts.length > 0 ? `{${parts.join(",")}}` : "";
};

class Counter {
  // Keyed by the label values joined; the label text is made once per series, not per request.
  readonly values = new Map<string, { labels: string; value: number }>();
  inc(labels: Labels, by = 1) {
    const key = Object.values(labels).join("\u0000");
    const series = this.values.get(key);
    if (series) series.value += by;
    else this.values.set(key, { labels: labelText(labels), value: by });
  }
}

class Histogram {
  readonly series = new Map<string, { counts: number[]; sum: number; count: number; labels: Labels }>();
  observe(labels: Labels, seconds: number) {
    const key = Object.values(labels).join("\u0000");
    let entry = this.series.get(key);
    if (!entry) this.series.set(key, (entry = { counts: BUCKETS.map(() => 0), sum: 0, count: 0, labels }));
    for (let i = 0; i < BUCKETS.length; i++) if (seconds <= (BUCKETS[i] as number)) entry.counts[i] = (entry.counts[i] as number) + 1;
    entry.sum += seconds;
    entry.count++;
  }
}

/** Each pool token's state, as the pool reports it. */
export interface TokenGauge {
  hash: string;
  inFlight: number;
  state: "ready" | "resting" | "disabled";
}

export function createMetrics() {
  const requests = new Counter();
  const duration = new Histogram();
  const overhead = new Histogram();
  const upstreamErrors = new Counter();
  let openStreams = 0;
  return {
    /** One answered request: its route, status, time to the response, and the part of it spent waiting on Puter. */
    request(route: string, status: number, ms: number, upstreamMs: number) {
      requests.inc({ route, status: String(status) });
      duration.observe({ route }, ms / 1000);
      overhead.observe({ route }, Math.max(ms - upstreamMs, 0) / 1000);
    },
    upstreamError(code: string) {
      upstreamErrors.inc({ code });
    },
    streamOpened: () => void openStreams++,
    streamClosed: () => void openStreams--,
    /** The text format; `tokens` are the pool's, when there is one. */
    render(tokens: TokenGauge[] = []): string {
      const lines: string[] = [];
      const family = (name: string, type: string, help: string) => lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
      family("puter_proxy_requests_total", "counter", "Requests answered, by route and HTTP status.");
      for (const { labels, value } of requests.values.values()) lines.push(`puter_proxy_requests_total${labels} ${value}`);
      const histogram = (name: string, data: Histogram) => {
        for (const { counts, sum, count, labels } of data.series.values()) {
          BUCKETS.forEach((bound, i) => lines.push(`${name}_bucket${labelText({ ...labels, le: String(bound) })} ${counts[i]}`));
          lines.push(`${name}_bucket${labelText({ ...labels, le: "+Inf" })} ${count}`, `${name}_sum${labelText(labels)} ${sum}`, `${name}_count${labelText(labels)} ${count}`);
        }
      };
      family("puter_proxy_request_duration_seconds", "histogram", "Time from the request to the start of the response, by route.");
      histogram("puter_proxy_request_duration_seconds", duration);
      family("puter_proxy_overhead_seconds", "histogram", "The proxy's own overhead: time to the response not spent waiting on Puter, by route.");
      histogram("puter_proxy_overhead_seconds", overhead);
      family("puter_proxy_open_streams", "gauge", "Streams open to clients right now.");
      lines.push(`puter_proxy_open_streams ${openStreams}`);
      family("puter_proxy_upstream_errors_total", "counter", "Failures Puter reported, by Puter's HTTP status or in-stream error code.");
      for (const { labels, value } of upstreamErrors.values.values()) lines.push(`puter_proxy_upstream_errors_total${labels} ${value}`);
      if (tokens.length > 0) {
        family("puter_proxy_pool_token_in_flight", "gauge", "Calls in flight per pool token (by token hash), across instances sharing the store.");
        for (const token of tokens) lines.push(`puter_proxy_pool_token_in_flight${labelText({ token_hash: token.hash })} ${token.inFlight}`);
        family("puter_proxy_pool_token_state", "gauge", "1 for each pool token's current state: ready, resting or disabled.");
        for (const token of tokens) lines.push(`puter_proxy_pool_token_state${labelText({ token_hash: token.hash, state: token.state })} 1`);
      }
      return `${lines.join("\n")}\n`;
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
