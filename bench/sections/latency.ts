/**
 * Added latency: the same non-stream request, one at a time, along every path; each path's p50 and
 * p99 minus the direct path's from the same round, so slow drift on a shared machine cancels out.
 */
import type { BenchConfig } from "../config.ts";
import type { Running } from "../launch.ts";
import { runLoad } from "../lib/load.ts";
import { type Spread, spread } from "../lib/stats.ts";
import type { PathId } from "../paths.ts";

export interface LatencyRow {
  path: PathId;
  /** ms */
  p50: Spread;
  p99: Spread;
  /** ms over the direct path, paired by round. */
  addedP50: Spread;
  addedP99: Spread;
  errors: number;
}

/** Each round visits the paths in a rotated order, so no path always runs first or last. */
export function rotate<T>(items: T[], round: number): T[] {
  const k = round % Math.max(1, items.length);
  return [...items.slice(k), ...items.slice(0, k)];
}

export async function measureLatency(paths: Running[], config: BenchConfig, log: (line: string) => void): Promise<LatencyRow[]> {
  const p50s = new Map<PathId, number[]>();
  const p99s = new Map<PathId, number[]>();
  const errors = new Map<PathId, number>();
  for (const running of paths) {
    // Warm the JIT and the upstream connection pool before anything is timed.
    await runLoad(running.spec.request(running.port, "bench-fast", false), { connections: 1, amount: Math.min(500, config.sequentialRequests) });
  }
  for (let round = 0; round < config.rounds; round++) {
    for (const running of rotate(paths, round)) {
      const id = running.spec.id;
      const result = await runLoad(running.spec.request(running.port, "bench-fast", false), { connections: 1, amount: config.sequentialRequests });
      p50s.set(id, [...(p50s.get(id) ?? []), result.p50]);
      p99s.set(id, [...(p99s.get(id) ?? []), result.p99]);
      errors.set(id, (errors.get(id) ?? 0) + result.errors);
      log(`  latency round ${round + 1} ${id}: p50 ${result.p50.toFixed(3)} ms, p99 ${result.p99.toFixed(3)} ms`);
    }
  }
  const direct50 = p50s.get("direct") ?? [];
  const direct99 = p99s.get("direct") ?? [];
  const minus = (values: number[], base: number[]) => values.map((v, i) => v - (base[i] ?? Number.NaN));
  return paths.map(({ spec }) => {
    const v50 = p50s.get(spec.id) ?? [];
    const v99 = p99s.get(spec.id) ?? [];
    return {
      path: spec.id,
      p50: spread(v50),
      p99: spread(v99),
      addedP50: spread(minus(v50, direct50)),
      addedP99: spread(minus(v99, direct99)),
      errors: errors.get(spec.id) ?? 0,
    };
  });
}
