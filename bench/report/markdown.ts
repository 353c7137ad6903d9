/** LATEST.md: the results as tables a reader can take in, with ratios against direct and Portkey. */
import type { Spread } from "../lib/stats.ts";
import type { PathId } from "../paths.ts";
import type { BenchResults } from "./results.ts";

const LABELS: Record<PathId, string> = {
  direct: "direct (limit)",
  "node-floor": "floor, Node²",
  "deno-floor": "floor, Deno²",
  node: "**proxy, Node**",
  deno: "proxy, Deno",
  bun: "proxy, Bun",
  "deno-bundle": "bundle, Deno",
  portkey: "Portkey",
  "portkey-shim": "Portkey¹",
};

const num = (v: number, digits: number) => (Number.isFinite(v) ? v.toFixed(digits) : "–");
/** `median (min–max)`: the median over rounds first, because that is the figure to read. */
const s = (v: Spread | undefined, digits = 3) => (v && Number.isFinite(v.median) ? `${num(v.median, digits)} (${num(v.min, digits)}–${num(v.max, digits)})` : "–");
const ratio = (a: number | undefined, b: number | undefined) => (a !== undefined && b !== undefined && Number.isFinite(a / b) && b !== 0 ? `${(a / b).toFixed(2)}×` : "–");
const row = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;
const head = (cells: string[]) => [row(cells), row(cells.map((c) => (c.startsWith(" ") ? "---" : "---:")))].join("\n");
const mark = (met: boolean | null) => (met === null ? "⚠️ not judged" : met ? "✅ met" : "❌ missed");

export function renderMarkdown(r: BenchResults): string {
  const m = r.machine;
  const out: string[] = [];
  out.push("# Benchmark results (latest run)", "");
  out.push(`Run ${m.date} on ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.kernel} (load ${m.loadAtStart} at start, open-file limit ${m.openFileLimit}).`);
  out.push(`Node ${m.node}; ${m.deno}; Bun ${m.bun}; Portkey gateway ${m.portkey}; autocannon ${m.autocannon}; hono ${m.hono}, @hono/node-server ${m.honoNodeServer}. Commit ${m.commit}.`);
  out.push("", `Command: \`${m.command}\` (took ${Math.round(r.durationS)} s; ${r.config.rounds} rounds${r.config.quick ? ", quick mode" : ""}).`, "");
  out.push("Every figure is **median (min–max) over rounds**. Client, gateway and upstream double are separate processes sharing the same cores, on loopback.");
  out.push("![chart](chart.svg)", "");

  out.push("## Targets", "", head([" target", " measured (median)", " status"]));
  for (const t of r.targets) out.push(row([t.target, t.measured, mark(t.met)]));

  const direct = r.latency.find((l) => l.path === "direct");
  const pk = r.latency.find((l) => l.path === "portkey");
  if (r.latency.length > 0) {
    out.push("", `## Added latency, non-stream, sequential (${r.config.sequentialRequests} requests per round, ms)`, "");
    out.push(head([" path", "p50", "p99", "added p50", "added p99", "p50 × direct", "added p50 × Portkey's"]));
    for (const l of r.latency) {
      out.push(row([LABELS[l.path], s(l.p50), s(l.p99), s(l.addedP50), s(l.addedP99), ratio(l.p50.median, direct?.p50.median), l.path === "direct" ? "–" : ratio(l.addedP50.median, pk?.addedP50.median)]));
    }
  }

  if (r.throughput.length > 0) {
    out.push("", `## Throughput (${r.config.durationS} s per run; req/s and latency in ms)`, "");
    out.push(head([" path", "connections", "req/s", "× direct", "× Portkey", "p50", "p99", "errors"]));
    for (const t of r.throughput) {
      const at = (id: PathId) => r.throughput.find((x) => x.path === id && x.connections === t.connections)?.rps.median;
      out.push(row([LABELS[t.path], t.connections, s(t.rps, 0), ratio(t.rps.median, at("direct")), t.path === "portkey" ? "–" : ratio(t.rps.median, at("portkey")), s(t.p50, 2), s(t.p99, 2), t.errors]));
    }
  }

  if (r.streaming.length > 0) {
    const c = r.config;
    out.push("", `## Streaming (first byte: ms, p50 of fast streams; rhythm: the double writes ${c.tickCount} deltas ${c.tickMs} ms apart, ${c.streamsPerRound} streams per round)`, "");
    out.push(head([" path", "first byte", "added", "gap p50", "gap p99", "gap max", "bursts seen (of " + (c.tickCount + 1) + ")", "errors", " rhythm kept"]));
    for (const t of r.streaming) {
      out.push(row([LABELS[t.path], s(t.ttfb), s(t.addedTtfb), s(t.gapMedian, 1), s(t.gapP99, 1), s(t.gapMax, 1), s(t.bursts, 1), t.errors, t.survives ? "yes" : "**no**"]));
    }
  }

  if (r.surfaces.length > 0) {
    out.push("", "## Every surface (streamed, the same conversation; ms, p50 of each round's streams)", "");
    out.push("Speech is `POST /v1/audio/speech` (on the direct path, Puter's `puter-tts` call, 16 KiB of audio at once): its Puter call differs from chat's, so compare what it adds to its direct call with what chat adds to chat's.", "");
    out.push(head([" path", "surface", "first byte", "added to direct's", "end", "first byte × chat's", "errors"]));
    for (const x of r.surfaces) {
      const direct = r.surfaces.find((d) => d.path === "direct" && d.surface === x.surface);
      const added = direct && x.path !== "direct" ? num(x.ttfb.median - direct.ttfb.median, 3) : "–";
      out.push(row([LABELS[x.path], x.surface, s(x.ttfb), added, s(x.total), `${x.ttfbVsChat.toFixed(2)}×`, x.errors]));
    }
  }

  if (r.memory.length > 0) {
    out.push("", `## Memory with concurrent open streams (RSS of the gateway process tree, MB; the double writes to each stream every ${r.config.holdMs / 1000} s)`, "");
    out.push(head([" path", "streams asked", "opened at once", "opening took (s)", "baseline", "peak RSS", "lifetime peak (VmHWM)", "KiB per stream", "errors", " note"]));
    for (const x of r.memory) {
      const note = [x.note, x.firstError ? `first error: ${x.firstError}` : ""].filter(Boolean).join("; ");
      out.push(row([LABELS[x.path], x.requested.toLocaleString("en-US"), x.peakOpen.toLocaleString("en-US"), num(x.openSeconds, 1), num(x.baselineMb, 1), num(x.peakRssMb, 1), num(x.hwmMb, 1), num(x.perStreamKb, 1), x.errors, note || "–"]));
    }
  }

  if (r.coldStart.length > 0) {
    out.push("", `## Cold start (spawn → first correct answer, ms, ${r.config.coldRounds} starts after one uncounted)`, "");
    out.push(head([" path", "ready", " note"]));
    for (const c of r.coldStart) out.push(row([LABELS[c.path], s(c.readyMs, 0), c.error ?? "–"]));
  }

  if (r.bundle) {
    const b = r.bundle;
    out.push("", "## One-file bundle", "", b.exists ? `\`${b.file}\`: ${b.bytes?.toLocaleString("en-US")} bytes (${b.gzipBytes?.toLocaleString("en-US")} gzipped).` : `\`${b.file}\`: not available (run \`npm run bundle\` first).`);
  }

  if (r.bodies.length > 0) {
    out.push("", "## Big bodies and long streams (in process, Node; median of 15 runs after 3 warm-up runs)", "");
    out.push(head([" body", "proxy (ms)", "JSON.parse + stringify (ms)", "× time", "reading the body as text (ms)", "rest × parse+stringify", "heap growth proxy / baseline (MB)"]));
    for (const b of r.bodies) {
      out.push(row([b.name, num(b.proxyMs, 1), num(b.baselineMs, 1), ratio(b.proxyMs, b.baselineMs), num(b.readingMs, 1), ratio(b.proxyMs - b.readingMs, b.baselineMs), `${num(b.proxyHeapMb, 1)} / ${num(b.baselineHeapMb, 1)}`]));
    }
    if (r.deltas.length > 0) out.push("", r.deltas.map((d) => `A stream of ${d.deltas.toLocaleString("en-US")} deltas: ${num(d.ms, 2)} ms, ${num(d.perDeltaUs, 1)} µs per delta.`).join(" "));
  }

  const skipped = r.paths.filter((p) => p.status !== "ok");
  if (skipped.length > 0) {
    out.push("", "## Paths not measured", "");
    for (const p of skipped) out.push(`- ${p.label}: ${p.status === "unavailable" ? "not available" : "failed"} (${p.reason})`);
  }
  if (r.notes.length > 0) out.push("", "## Notes", "", ...r.notes.map((n) => `- ${n}`));
  out.push("", "Raw data: [latest.json](latest.json). How it is measured: [bench/README.md](../README.md).", "");
  return out.join("\n");
}
