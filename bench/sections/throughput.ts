/**
 * Throughput and latency under load at each connection count. Client, gateway and double share
 * the machine's cores, so these are figures for "everything on one small box", not server limits.
 */
import type { BenchConfig } from "../config.ts";
import type { Running } from "../launch.ts";
import { runLoad } from "../lib/load.ts";
import { type Spread, spread } from "../lib/stats.ts";
import type { PathId } from "../paths.ts";
import { rotate } from "./latency.ts";

export interface ThroughputRow {
  path: PathId;
  connections: number;
  /** requests per second */
  rps: Spread;
  /** ms */
  p50: Spread;
  p99: Spread;
  errors: number;
}

export async function measureThroughput(paths: Running[], config: BenchConfig, log: (line: string) => void): Promise<ThroughputRow[]> {
  const rows: ThroughputRow[] = [];
  for (const running of paths) {
    await runLoad(running.spec.request(running.port, "bench-fast", false), { connections: 64, durationS: Math.max(1, Math.round(config.durationS / 2)) });
  }
  for (const connections of config.connections) {
    const samples = new Map<PathId, { rps: number[]; p50: number[]; p99: number[]; errors: number }>();
    for (let round = 0; round < config.rounds; round++) {
      for (const running of rotate(paths, round)) {
        const id = running.spec.id;
        const result = await runLoad(running.spec.request(running.port, "bench-fast", false), { connections, durationS: config.durationS });
        const entry = samples.get(id) ?? { rps: [], p50: [], p99: [], errors: 0 };
        entry.rps.push(result.rps);
        entry.p50.push(result.p50);
        entry.p99.push(result.p99);
        entry.errors += result.errors;
        samples.set(id, entry);
        log(`  throughput c=${connections} round ${round + 1} ${id}: ${Math.round(result.rps)} req/s, p50 ${result.p50.toFixed(2)} ms, p99 ${result.p99.toFixed(2)} ms, errors ${result.errors}`);
      }
    }
    for (const { spec } of paths) {
      const entry = samples.get(spec.id);
      if (!entry) continue;
      rows.push({ path: spec.id, connections, rps: spread(entry.rps), p50: spread(entry.p50), p99: spread(entry.p99), errors: entry.errors });
    }
  }
  return rows;
}
