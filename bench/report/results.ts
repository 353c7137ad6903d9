/** The shape of latest.json, and the targets judged against it. */
import type { BenchConfig } from "../config.ts";
import type { Spread } from "../lib/stats.ts";
import type { PathId } from "../paths.ts";
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
  targets: TargetResult[];
  notes: string[];
  durationS: number;
}

const ms = (v: number) => `${v.toFixed(3)} ms`;
const fine = (s: Spread | undefined): s is Spread => s !== undefined && Number.isFinite(s.median);

/** The targets, each judged on the medians over rounds of the proxy on Node. */
export function judgeTargets(r: Omit<BenchResults, "targets">): TargetResult[] {
  const lat = (id: PathId) => r.latency.find((row) => row.path === id)?.addedP50;
  const rps = (id: PathId) => r.throughput.find((row) => row.path === id && row.connections === 64)?.rps;
  const mem = (level: number) => r.memory.find((row) => row.path === "node" && row.requested === level);
  const node = lat("node");
  const portkey = lat("portkey");
  const out: TargetResult[] = [];

  out.push(fine(node) ? { target: "added p50 latency ≤ 0.3 ms over direct (Node)", measured: ms(node.median), met: node.median <= 0.3 } : missing("added p50 latency ≤ 0.3 ms"));
  if (fine(node) && fine(portkey)) {
    const ratio = node.median / portkey.median;
    out.push({ target: "added p50 ≤ 0.33× Portkey's added p50", measured: `${ratio.toFixed(2)}× (${ms(node.median)} vs ${ms(portkey.median)})`, met: ratio <= 0.33 });
  } else out.push(missing("added p50 ≤ 0.33× Portkey's"));

  const ours = rps("node");
  const theirs = rps("portkey");
  if (fine(ours) && fine(theirs)) {
    const ratio = ours.median / theirs.median;
    out.push({ target: "throughput at 64 connections ≥ 2× Portkey's", measured: `${ratio.toFixed(2)}× (${Math.round(ours.median)} vs ${Math.round(theirs.median)} req/s)`, met: ratio >= 2 });
  } else out.push(missing("throughput at 64 connections ≥ 2× Portkey's"));

  for (const [level, limitMb] of [[1_000, 100], [10_000, 200]] as const) {
    const row = mem(level);
    const name = `${level.toLocaleString("en-US")} open streams < ${limitMb} MB RSS, no errors`;
    if (!row) {
      out.push(missing(name));
      continue;
    }
    const partial = row.attempted < row.requested ? ` — only ${row.attempted.toLocaleString("en-US")} could be opened here (${row.note})` : "";
    const met = row.peakRssMb < limitMb && row.errors === 0;
    out.push({ target: name, measured: `${row.peakRssMb.toFixed(1)} MB, ${row.errors} errors${partial}`, met: partial && met ? null : met });
  }

  const cold = r.coldStart.find((row) => row.path === "node")?.readyMs;
  out.push(fine(cold) ? { target: "cold start < 150 ms on Node", measured: `${cold.median.toFixed(0)} ms`, met: cold.median < 150 } : missing("cold start < 150 ms on Node"));
  return out;
}

function missing(target: string): TargetResult {
  return { target, measured: "not measured in this run", met: null };
}
