/**
 * Cold start (spawn to the first correct answer, probed every 2 ms) and the size of the one-file
 * bundle. The first start of each runtime is not counted: it fills the OS file cache (and Deno's
 * module cache), which a deployed server has warm too.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { BenchConfig } from "../config.ts";
import { launch, shutdown } from "../launch.ts";
import { type Spread, spread } from "../lib/stats.ts";
import { type PathId, type PathSpec, ROOT } from "../paths.ts";

export interface ColdStartRow {
  path: PathId;
  /** ms from spawn to the first correct answer */
  readyMs: Spread;
  error?: string;
}

export async function measureColdStart(spec: PathSpec, config: BenchConfig, doublePort: number, log: (line: string) => void): Promise<ColdStartRow> {
  const times: number[] = [];
  try {
    for (let i = 0; i <= config.coldRounds; i++) {
      const running = await launch(spec, doublePort, 60_000);
      await shutdown(running);
      if (i > 0) times.push(running.readyMs);
      log(`  cold start ${spec.id}${i === 0 ? " (warm-up, not counted)" : ""}: ${running.readyMs.toFixed(1)} ms`);
    }
  } catch (error) {
    return { path: spec.id, readyMs: spread(times), error: (error as Error).message.split("\n")[0] };
  }
  return { path: spec.id, readyMs: spread(times) };
}

export interface BundleSize {
  file: string;
  exists: boolean;
  bytes?: number;
  gzipBytes?: number;
}

export function measureBundle(): BundleSize {
  const file = join("dist", "deno-puter-proxy.js");
  const path = join(ROOT, file);
  if (!existsSync(path)) return { file, exists: false };
  return { file, exists: true, bytes: statSync(path).size, gzipBytes: gzipSync(readFileSync(path), { level: 9 }).length };
}
