/**
 * Streaming: how much later the first byte arrives than on the direct path, and whether the
 * upstream's rhythm survives (the double writes a delta every tickMs; we time what the client sees).
 */
import type { BenchConfig } from "../config.ts";
import type { Running } from "../launch.ts";
import { keepAliveAgent, timedRequest } from "../lib/http.ts";
import { percentile, type Spread, sorted, spread } from "../lib/stats.ts";
import type { PathId } from "../paths.ts";
import { checkAnswer, streamCompleted } from "../workload.ts";
import { rotate } from "./latency.ts";

export interface StreamingRow {
  path: PathId;
  /** ms to the first body byte of a fast stream, p50 per round */
  ttfb: Spread;
  /** ms over the direct path, paired by round */
  addedTtfb: Spread;
  /** ms between bursts the client saw (the upstream sent one every tickMs) */
  gapMedian: Spread;
  gapP99: Spread;
  gapMax: Spread;
  /** bursts seen per stream, against tickCount + 1 writes sent */
  bursts: Spread;
  errors: number;
  /** every round kept the rhythm: enough bursts, median gap within 20 %, p99 gap under 2 ticks */
  survives: boolean;
}

/** Fast streams per round for the first-byte figure (cheap, so more of them). */
const FAST_STREAMS = 60;

/** Arrivals closer than this are one burst: a proxy may write one upstream line as two chunks. */
const burstWindow = (tickMs: number) => tickMs / 5;

function bursts(arrivals: number[], tickMs: number): number[] {
  const starts: number[] = [];
  for (const t of arrivals) if (starts.length === 0 || t - (starts.at(-1) ?? 0) > burstWindow(tickMs)) starts.push(t);
  return starts;
}

interface Round {
  ttfb: number;
  gaps: number[];
  burstCounts: number[];
  errors: number;
}

async function oneRound(running: Running, config: BenchConfig): Promise<Round> {
  const round: Round = { ttfb: Number.NaN, gaps: [], burstCounts: [], errors: 0 };
  const firstBytes: number[] = [];
  for (let i = 0; i < (config.quick ? 20 : FAST_STREAMS); i++) {
    const res = await timedRequest(running.spec.request(running.port, "bench-fast", true), keepAliveAgent, 10_000).catch(() => undefined);
    if (!res || checkAnswer(res.status, res.text, true)) round.errors += 1;
    else firstBytes.push(res.firstByteMs);
  }
  round.ttfb = percentile(sorted(firstBytes), 50);
  const deadline = config.tickMs * config.tickCount * 4 + 5_000;
  for (let i = 0; i < config.streamsPerRound; i++) {
    const res = await timedRequest(running.spec.request(running.port, "bench-tick", true), keepAliveAgent, deadline).catch(() => undefined);
    if (!res || res.status !== 200 || !streamCompleted(res.text)) {
      round.errors += 1;
      continue;
    }
    const starts = bursts(res.arrivals, config.tickMs);
    round.burstCounts.push(starts.length);
    for (let k = 1; k < starts.length; k++) round.gaps.push((starts[k] ?? 0) - (starts[k - 1] ?? 0));
  }
  return round;
}

export async function measureStreaming(paths: Running[], config: BenchConfig, log: (line: string) => void): Promise<StreamingRow[]> {
  const rounds = new Map<PathId, Round[]>();
  for (let r = 0; r < config.rounds; r++) {
    for (const running of rotate(paths, r)) {
      const result = await oneRound(running, config);
      rounds.set(running.spec.id, [...(rounds.get(running.spec.id) ?? []), result]);
      const g = sorted(result.gaps);
      log(
        `  streaming round ${r + 1} ${running.spec.id}: ttfb ${result.ttfb.toFixed(3)} ms, gap p50 ${percentile(g, 50).toFixed(1)} ms, ` +
          `p99 ${percentile(g, 99).toFixed(1)} ms, errors ${result.errors}`,
      );
    }
  }
  const direct = rounds.get("direct") ?? [];
  const expectedBursts = config.tickCount + 1;
  return paths.map(({ spec }) => {
    const list = rounds.get(spec.id) ?? [];
    const gapsBy = (p: number) => list.map((r) => percentile(sorted(r.gaps), p));
    const medians = gapsBy(50);
    const p99s = gapsBy(99);
    const burstMeans = list.map((r) => r.burstCounts.reduce((a, b) => a + b, 0) / Math.max(1, r.burstCounts.length));
    const survives =
      list.length > 0 &&
      list.every((r, i) => {
        const med = medians[i] ?? Number.NaN;
        return r.errors === 0 && (burstMeans[i] ?? 0) >= 0.9 * expectedBursts && Math.abs(med - config.tickMs) <= 0.2 * config.tickMs && (p99s[i] ?? Infinity) < 2 * config.tickMs;
      });
    return {
      path: spec.id,
      ttfb: spread(list.map((r) => r.ttfb)),
      addedTtfb: spread(list.map((r, i) => r.ttfb - (direct[i]?.ttfb ?? Number.NaN))),
      gapMedian: spread(medians),
      gapP99: spread(p99s),
      gapMax: spread(gapsBy(100)),
      bursts: spread(burstMeans),
      errors: list.reduce((n, r) => n + r.errors, 0),
      survives,
    };
  });
}
