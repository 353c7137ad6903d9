/**
 * How much the bench does, from BENCH_* environment variables. The defaults are the full run
 * (about ten minutes on 2 cores); BENCH_QUICK=1 is a one-minute smoke run for development.
 */
import type { PathId } from "./paths.ts";

export type Section = "latency" | "throughput" | "streaming" | "surfaces" | "memory" | "coldstart" | "bundle" | "bodies";
export const SECTIONS: readonly Section[] = ["latency", "throughput", "streaming", "surfaces", "memory", "coldstart", "bundle", "bodies"];

export interface BenchConfig {
  quick: boolean;
  /** Repeated rounds of every timed figure (min / median / max are over these). BENCH_ROUNDS. */
  rounds: number;
  /** Sequential requests per path per round for added latency. BENCH_SEQ_REQUESTS. */
  sequentialRequests: number;
  /** Concurrent connections for the throughput runs. BENCH_CONNECTIONS, comma-separated. */
  connections: number[];
  /** Seconds per throughput run (each path is warmed up once first). BENCH_DURATION_S. */
  durationS: number;
  /** Streams per path per round for first-byte and chunk timing. BENCH_STREAMS_PER_ROUND. */
  streamsPerRound: number;
  /** Upstream interval and count of the timed stream. BENCH_TICK_MS, BENCH_TICK_COUNT. */
  tickMs: number;
  tickCount: number;
  /** Open streams held at once for the memory figure. BENCH_OPEN_STREAMS, comma-separated. */
  openStreams: number[];
  /** How often the double writes to each held stream. BENCH_HOLD_MS. */
  holdMs: number;
  /** Process starts per runtime for cold start. BENCH_COLD_ROUNDS. */
  coldRounds: number;
  /** Only these paths (all by default). BENCH_PATHS, comma-separated ids. */
  paths: PathId[] | undefined;
  /** Only these sections (all by default). BENCH_SECTIONS, comma-separated. */
  sections: Section[];
  /** Where LATEST.md, latest.json and chart.svg go. BENCH_OUT. Default bench/results. */
  outDir: string;
}

function list(raw: string | undefined): string[] | undefined {
  const items = raw?.split(",").map((s) => s.trim()).filter(Boolean);
  return items && items.length > 0 ? items : undefined;
}

function numbers(raw: string | undefined, fallback: number[]): number[] {
  const values = list(raw)?.map(Number).filter((n) => Number.isInteger(n) && n > 0);
  return values && values.length > 0 ? values : fallback;
}

function integer(raw: string | undefined, fallback: number): number {
  const value = Number(raw);
  return raw !== undefined && Number.isInteger(value) && value > 0 ? value : fallback;
}

export function readConfig(env: Record<string, string | undefined>, defaultOut: string): BenchConfig {
  const quick = env.BENCH_QUICK === "1" || env.BENCH_QUICK === "true";
  const sections = (list(env.BENCH_SECTIONS) ?? [...SECTIONS]).filter((s): s is Section => (SECTIONS as readonly string[]).includes(s));
  return {
    quick,
    rounds: integer(env.BENCH_ROUNDS, quick ? 2 : 3),
    sequentialRequests: integer(env.BENCH_SEQ_REQUESTS, quick ? 400 : 3_000),
    connections: numbers(env.BENCH_CONNECTIONS, [1, 16, 64, 256]),
    durationS: integer(env.BENCH_DURATION_S, quick ? 1 : 3),
    streamsPerRound: integer(env.BENCH_STREAMS_PER_ROUND, quick ? 3 : 8),
    tickMs: integer(env.BENCH_TICK_MS, 25),
    tickCount: integer(env.BENCH_TICK_COUNT, 20),
    openStreams: numbers(env.BENCH_OPEN_STREAMS, quick ? [1_000] : [1_000, 10_000]),
    // Slow enough that 10,000 held streams measure memory, not how many chunks a second a gateway relays.
    holdMs: integer(env.BENCH_HOLD_MS, 10_000),
    coldRounds: integer(env.BENCH_COLD_ROUNDS, quick ? 2 : 5),
    paths: list(env.BENCH_PATHS) as PathId[] | undefined,
    sections,
    outDir: env.BENCH_OUT ?? defaultOut,
  };
}
