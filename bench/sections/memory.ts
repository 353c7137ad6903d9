/**
 * Memory with many open streams: a fresh server per level (the high-water mark never goes down),
 * streams opened in batches until all are held open by the double, RSS sampled from /proc, then
 * all released at once and every stream checked for a complete ending.
 */
import { Agent, request } from "node:http";
import { launch, shutdown } from "../launch.ts";
import { control } from "../lib/http.ts";
import { openFileLimit, readTreeRss, sleep, waitFor } from "../lib/proc.ts";
import type { PathId, PathSpec } from "../paths.ts";
import { streamCompleted } from "../workload.ts";

export interface MemoryRow {
  path: PathId;
  /** Streams asked for. */
  requested: number;
  /** Streams actually attempted (fewer when the open-file limit cannot hold them). */
  attempted: number;
  /** Why fewer were attempted, if they were. */
  note?: string;
  /** Streams that were open at the same time. */
  peakOpen: number;
  /** MiB: after start and one warm request; the highest RSS sampled (every 100 ms) with the streams open. */
  baselineMb: number;
  peakRssMb: number;
  /** MiB: the kernel's high-water mark (VmHWM) over the process's life, start-up included. */
  hwmMb: number;
  /** KiB of peak RSS above baseline per open stream. */
  perStreamKb: number;
  /** Streams that failed to open, got a non-200 or ended without [DONE]. */
  errors: number;
  firstError?: string;
  /** Seconds from the first stream opened to the last (or to giving up). */
  openSeconds: number;
}

/** Streams opened per batch: keeps the listen backlog from overflowing (SYN retries would add seconds). */
const BATCH = 250;
/** Opening all streams of one level may take this long before we measure what is open. */
const OPEN_DEADLINE_MS = 120_000;
/** Sockets a server needs besides two per proxied stream (stdio, epoll, the runtime's own). */
const FD_HEADROOM = 200;

type State = "opening" | "open" | "done" | "failed";

export async function measureMemory(spec: PathSpec, level: number, doublePort: number, log: (line: string) => void): Promise<MemoryRow> {
  const limit = openFileLimit();
  // Each proxied stream holds two sockets in the gateway: one from the client, one to the double.
  const feasible = Number.isFinite(limit) ? Math.floor((limit - FD_HEADROOM) / 2 / 100) * 100 : level;
  const attempted = Math.min(level, feasible);
  const note = attempted < level ? `the open-file limit (${limit}) fits ${attempted}: the gateway holds 2 sockets per stream` : undefined;

  const running = await launch(spec, doublePort);
  const pid = running.child?.pid ?? -1;
  const agent = new Agent({ keepAlive: false, maxSockets: Infinity });
  const states: State[] = [];
  let firstError: string | undefined;
  const fail = (i: number, why: string) => {
    if (states[i] === "done" || states[i] === "failed") return;
    states[i] = "failed";
    firstError ??= why;
  };
  const count = (state: State) => states.filter((s) => s === state).length;
  let peakKb = 0;
  let hwmKb = 0;
  let peakOpen = 0;
  const sampler = setInterval(() => {
    const rss = readTreeRss(pid);
    if (rss) peakKb = Math.max(peakKb, rss.rssKb);
  }, 100);
  const baselineKb = readTreeRss(pid)?.rssKb ?? Number.NaN;
  const started = performance.now();
  let openSeconds = Number.NaN;
  try {
    const openBy = performance.now() + OPEN_DEADLINE_MS;
    for (let from = 0; from < attempted; from += BATCH) {
      const to = Math.min(attempted, from + BATCH);
      for (let i = from; i < to; i++) openStream(i);
      const settled = await waitFor(`streams ${from}..${to} to open`, Math.max(1, openBy - performance.now()), 20, async () =>
        states.slice(from, to).every((s) => s !== "opening") ? true : undefined,
      ).catch(() => false);
      if (!settled) {
        // Measure what did open rather than nothing: the shortfall is reported as errors.
        firstError ??= `only ${count("open")} of ${attempted} streams open after ${OPEN_DEADLINE_MS / 1000} s`;
        break;
      }
    }
    peakOpen = count("open");
    openSeconds = (performance.now() - started) / 1000;
    log(`  memory ${spec.id} ${attempted}: ${peakOpen} open after ${openSeconds.toFixed(1)} s`);
    // Hold them a few seconds while the double keeps ticking, so steady-state buffers are counted.
    await sleep(3_000);
    peakOpen = Math.max(peakOpen, count("open"));
    await control(doublePort, "/control/release");
    await waitFor("released streams to end", 60_000, 50, async () => (states.every((s) => s === "done" || s === "failed") ? true : undefined)).catch((e: Error) => {
      firstError ??= e.message;
    });
  } finally {
    clearInterval(sampler);
    const final = readTreeRss(pid);
    if (final) hwmKb = final.hwmKb;
    agent.destroy();
    await shutdown(running);
    // Anything the double still holds (a failed run) must not leak into the next level.
    await control(doublePort, "/control/release").catch(() => undefined);
  }
  // Streams never started (opening stopped early) count as errors too.
  const errors = attempted - states.filter((s) => s === "done").length;
  return {
    path: spec.id,
    requested: level,
    attempted,
    note,
    peakOpen,
    baselineMb: baselineKb / 1024,
    peakRssMb: peakKb / 1024,
    hwmMb: hwmKb / 1024,
    perStreamKb: peakOpen > 0 ? (peakKb - baselineKb) / peakOpen : Number.NaN,
    errors,
    firstError,
    openSeconds,
  };

  function openStream(i: number): void {
    states[i] = "opening";
    const req = spec.request(running.port, "bench-hold", true);
    const body = Buffer.from(req.body);
    const outgoing = request(
      { host: "127.0.0.1", port: req.port, path: req.path, method: "POST", agent, headers: { ...req.headers, "content-length": body.length } },
      (res) => {
        if (res.statusCode !== 200) fail(i, `HTTP ${res.statusCode}`);
        let tail = "";
        res.on("data", (chunk: Buffer) => {
          if (states[i] === "opening") states[i] = "open";
          // Only the end matters: keep a short tail instead of the whole body.
          tail = (tail + chunk.toString("utf8")).slice(-400);
        });
        res.on("end", () => {
          if (streamCompleted(tail)) {
            if (states[i] !== "failed") states[i] = "done";
          } else fail(i, "stream ended without [DONE]");
        });
        res.on("error", (e) => fail(i, e.message));
      },
    );
    outgoing.on("error", (e) => fail(i, e.message));
    outgoing.end(body);
  }
}
