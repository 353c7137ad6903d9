/** The shape of latest.json, and the targets judged against it. */
import type { BenchConfig } from "../config.ts";
import type { Spread } from "../lib/stats.ts";
import type { PathId } from "../paths.ts";
import type { BodyRow, DeltaRow } from "../sections/bodies.ts";
import type { LatencyRow } from "../sections/latency.ts";
import type { MemoryRow } from "../sections/memory.ts";
import type { BundleSize, ColdStartRow } from "../sections/startup.ts";
import type { StreamingRow } from "../sections/streaming.ts";
import type { SurfaceRow } from "../sections/surfaces.ts";
import type { ThroughputRow } from "../sections/throughput.ts";
import type { MachineInfo } from "./machine.ts";

export interface PathStatus {
  id: PathId;
  label: string;
  /** ok: measured; unavailable: its entry or binary is missing; failed: it started but answered wrongly. */
  status: "ok" | "unavailable" | "failed";
  reason?: string;
}

export interface TargetResult {
  target: string;
  measured: string;
  /** null when it could not be judged (a path missing, a section skipped). */
  met: boolean | null;
}

export interface BenchResults {
  machine: MachineInfo;
  config: BenchConfig;
  paths: PathStatus[];
  latency: LatencyRow[];
  throughput: ThroughputRow[];
  streaming: StreamingRow[];
  surfaces: SurfaceRow[];
  memory: MemoryRow[];
  coldStart: ColdStartRow[];
  bundle?: BundleSize;
  bodies: BodyRow[];
  deltas: DeltaRow[];
  targets: TargetResult[];
  notes: string[];
  durationS: number;
}

const ms = (v: number) => `${v.toFixed(3)} ms`;
const fine = (s: Spread | undefined): s is Spread => s !== undefined && Number.isFinite(s.median);

const RUNTIMES = [
  ["node", "Node"],
  ["deno", "Deno"],
  ["bun", "Bun"],
] as const;

/** `measured` with the runtime's floor beside it, when the run has one (what its HTTP stack alone costs). */
function withFloor(value: string, floor: string | undefined): string {
  return floor ? `${value} (floor ${floor})` : value;
}

/** The speed issue's goals on every runtime, then the earlier goals against Portkey; medians over rounds. */
export function judgeTargets(r: Omit<BenchResults, "targets">): TargetResult[] {
  const lat = (id: PathId) => r.latency.find((row) => row.path === id)?.addedP50;
  const rps = (id: PathId) => r.throughput.find((row) => row.path === id && row.connections === 64)?.rps;
  const ttfb = (id: PathId) => r.streaming.find((row) => row.path === id)?.addedTtfb;
  const perStream = (id: PathId) => r.memory.find((row) => row.path === id && row.requested === 1_000);
  const floorOf = (id: string) => (id === "node" ? "node-floor" : id === "deno" ? "deno-floor" : undefined) as PathId | undefined;
  const out: TargetResult[] = [];

  for (const [id, name] of RUNTIMES) {
    const floor = floorOf(id);
    const added = ttfb(id);
    const floorTtfb = floor ? ttfb(floor) : undefined;
    const target = `stream: first byte added ≤ 0.5 ms (${name})`;
    out.push(fine(added) ? { target, measured: withFloor(ms(added.median), fine(floorTtfb) ? ms(floorTtfb.median) : undefined), met: added.median <= 0.5 } : missing(target));
  }
  for (const [id, name] of RUNTIMES) {
    const floor = floorOf(id);
    const added = lat(id);
    const floorLat = floor ? lat(floor) : undefined;
    const target = `non-stream: added p50 ≤ 0.3 ms (${name})`;
    out.push(fine(added) ? { target, measured: withFloor(ms(added.median), fine(floorLat) ? ms(floorLat.median) : undefined), met: added.median <= 0.3 } : missing(target));
  }
  const direct = rps("direct");
  for (const [id, name] of RUNTIMES.slice(0, 2)) {
    const ours = rps(id);
    const floor = floorOf(id);
    const floorRps = floor ? rps(floor) : undefined;
    const target = `req/s at 64 connections ≥ 0.30× direct (${name})`;
    if (!fine(ours) || !fine(direct)) {
      out.push(missing(target));
      continue;
    }
    const ratio = ours.median / direct.median;
    const floorText = fine(floorRps) ? `${(floorRps.median / direct.median).toFixed(2)}×` : undefined;
    out.push({ target, measured: withFloor(`${ratio.toFixed(2)}× (${Math.round(ours.median)} vs ${Math.round(direct.median)} req/s)`, floorText), met: ratio >= 0.3 });
  }
  for (const [id, name] of RUNTIMES) {
    const row = perStream(id);
    const floor = floorOf(id);
    const floorRow = floor ? perStream(floor) : undefined;
    const target = `memory per open stream ≤ 32 KiB, 1,000 streams, no errors (${name})`;
    if (!row) {
      out.push(missing(target));
      continue;
    }
    const floorText = floorRow && Number.isFinite(floorRow.perStreamKb) ? `${floorRow.perStreamKb.toFixed(1)} KiB` : undefined;
    out.push({ target, measured: withFloor(`${row.perStreamKb.toFixed(1)} KiB, ${row.errors} errors`, floorText), met: row.perStreamKb <= 32 && row.errors === 0 });
  }
  // Chat-like surfaces against chat's first byte (the same Puter call behind each); speech, whose
  // Puter call differs, by what it adds to its own direct call against what chat adds to chat's.
  const surfaceTtfb = (id: PathId, surface: string) => r.surfaces.find((row) => row.path === id && row.surface === surface)?.ttfb.median ?? Number.NaN;
  for (const [id, name] of RUNTIMES) {
    const rows = r.surfaces.filter((row) => row.path === id && row.surface !== "chat");
    const target = `every surface's first byte ≤ 1.10× chat's (${name})`;
    if (rows.length === 0) {
      out.push(missing(target));
      continue;
    }
    const ratios = rows.map((row) => {
      if (row.surface !== "speech") return { surface: row.surface, ratio: row.ttfbVsChat, what: "" };
      const added = (surface: string) => surfaceTtfb(id, surface) - surfaceTtfb("direct", surface);
      return { surface: row.surface, ratio: added("speech") / added("chat"), what: " (added over direct)" };
    });
    out.push({ target, measured: ratios.map((x) => `${x.surface} ${x.ratio.toFixed(2)}×${x.what}`).join(", "), met: ratios.every((x) => x.ratio <= 1.1) });
  }
  const cold = r.coldStart.find((row) => row.path === "node")?.readyMs;
  out.push(fine(cold) ? { target: "cold start ≤ 150 ms (Node)", measured: `${cold.median.toFixed(0)} ms`, met: cold.median <= 150 } : missing("cold start ≤ 150 ms (Node)"));
  const bundle = r.bundle;
  out.push(bundle?.exists && bundle.bytes !== undefined ? { target: "one-file Deno bundle < 150 KB, every surface and the page", measured: `${(bundle.bytes / 1000).toFixed(1)} kB`, met: bundle.bytes < 150_000 } : missing("one-file Deno bundle < 150 KB"));

  for (const body of r.bodies.filter((b) => !b.name.includes("conversation"))) {
    const ratio = body.proxyMs / body.baselineMs;
    const own = (body.proxyMs - body.readingMs) / body.baselineMs;
    out.push({ target: `${body.name}: ≤ 1.5× JSON.parse + stringify`, measured: `${ratio.toFixed(2)}× (${body.proxyMs.toFixed(1)} vs ${body.baselineMs.toFixed(1)} ms; without reading the body as text ${own.toFixed(2)}×)`, met: ratio <= 1.5 });
  }
  const [short, long] = [r.deltas.find((d) => d.deltas === 20), r.deltas.find((d) => d.deltas === 10_000)];
  const deltaTarget = "10,000-delta stream: per delta no more than a 20-delta one's";
  out.push(short && long ? { target: deltaTarget, measured: `${long.perDeltaUs.toFixed(1)} vs ${short.perDeltaUs.toFixed(1)} µs per delta`, met: long.perDeltaUs <= short.perDeltaUs * 1.1 } : missing(deltaTarget));

  // The earlier goals, against Portkey.
  const node = lat("node");
  const portkey = lat("portkey");
  if (fine(node) && fine(portkey)) {
    const ratio = node.median / portkey.median;
    out.push({ target: "added p50 ≤ 0.33× Portkey's added p50 (Node)", measured: `${ratio.toFixed(2)}× (${ms(node.median)} vs ${ms(portkey.median)})`, met: ratio <= 0.33 });
  } else out.push(missing("added p50 ≤ 0.33× Portkey's (Node)"));
  const ours = rps("node");
  const theirs = rps("portkey");
  if (fine(ours) && fine(theirs)) {
    const ratio = ours.median / theirs.median;
    out.push({ target: "throughput at 64 connections ≥ 2× Portkey's (Node)", measured: `${ratio.toFixed(2)}× (${Math.round(ours.median)} vs ${Math.round(theirs.median)} req/s)`, met: ratio >= 2 });
  } else out.push(missing("throughput at 64 connections ≥ 2× Portkey's (Node)"));
  return out;
}

function missing(target: string): TargetResult {
  return { target, measured: "not measured in this run", met: null };
}
