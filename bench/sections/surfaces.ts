/**
 * Every surface on every proxy path: the same conversation as OpenAI chat, Anthropic Messages and
 * the Responses API, streamed, and a line spoken through `POST /v1/audio/speech` (Puter's raw audio,
 * one frame a tick), each timed to the first body byte and to the end, so a dialect's cost shows
 * against chat's on the same runtime. The direct path makes Puter's own chat and speech calls.
 */
import type { BenchConfig } from "../config.ts";
import type { Running } from "../launch.ts";
import { type BenchRequest, keepAliveAgent, timedRequest } from "../lib/http.ts";
import { percentile, type Spread, sorted, spread } from "../lib/stats.ts";
import type { PathId } from "../paths.ts";
import { checkAnswer, checkAudio, type Model, puterSpeechRequest, type Surface, SURFACES, surfaceRequest } from "../workload.ts";

export interface SurfaceRow {
  path: PathId;
  surface: Surface;
  /** ms to the first body byte, p50 per round */
  ttfb: Spread;
  /** ms to the end of the stream, p50 per round */
  total: Spread;
  /** this surface's first byte over chat's on the same path, median of rounds */
  ttfbVsChat: number;
  errors: number;
}

const STREAMS = 40;
/**
 * Every surface's answer arrives at once, so first bytes compare like for like (speech's dripped
 * delivery is timed by the test suite's media tests, which check audio streams through as it comes).
 */
const MODEL: Record<Surface, Model> = { chat: "bench-fast", messages: "bench-fast", responses: "bench-fast", speech: "bench-fast" };
/** What the direct path can be asked: Puter's own calls. */
const DIRECT: readonly Surface[] = ["chat", "speech"];

function requestFor(running: Running, surface: Surface): BenchRequest {
  if (running.spec.id !== "direct") return surfaceRequest(surface, running.port, MODEL[surface], true);
  if (surface === "chat") return running.spec.request(running.port, MODEL.chat, true);
  return puterSpeechRequest(running.port, MODEL.speech);
}

async function round(running: Running, surface: Surface, config: BenchConfig) {
  const firstBytes: number[] = [];
  const totals: number[] = [];
  let errors = 0;
  for (let i = 0; i < (config.quick ? 15 : STREAMS); i++) {
    const res = await timedRequest(requestFor(running, surface), keepAliveAgent, 10_000).catch(() => undefined);
    if (!res || (surface === "speech" ? checkAudio(res.status, res.text) : checkAnswer(res.status, res.text, true))) errors += 1;
    else {
      firstBytes.push(res.firstByteMs);
      totals.push(res.totalMs);
    }
  }
  return { ttfb: percentile(sorted(firstBytes), 50), total: percentile(sorted(totals), 50), errors };
}

export async function measureSurfaces(paths: Running[], config: BenchConfig, log: (line: string) => void): Promise<SurfaceRow[]> {
  const rows: SurfaceRow[] = [];
  for (const running of paths.filter((p) => !p.spec.id.startsWith("portkey"))) {
    const surfaces = running.spec.id === "direct" ? DIRECT : SURFACES;
    const rounds = new Map<Surface, Array<{ ttfb: number; total: number; errors: number }>>();
    for (let r = 0; r < config.rounds; r++) {
      // Surfaces take turns within a round, so drift on the machine touches each alike.
      for (const surface of r % 2 === 0 ? surfaces : [...surfaces].reverse()) {
        const result = await round(running, surface, config);
        rounds.set(surface, [...(rounds.get(surface) ?? []), result]);
        log(`  surfaces round ${r + 1} ${running.spec.id} ${surface}: first byte ${result.ttfb.toFixed(3)} ms, end ${result.total.toFixed(3)} ms, errors ${result.errors}`);
      }
    }
    const chat = rounds.get("chat") ?? [];
    for (const surface of surfaces) {
      const list = rounds.get(surface) ?? [];
      const ratios = sorted(list.map((r, i) => r.ttfb / (chat[i]?.ttfb ?? Number.NaN)));
      rows.push({ path: running.spec.id, surface, ttfb: spread(list.map((r) => r.ttfb)), total: spread(list.map((r) => r.total)), ttfbVsChat: percentile(ratios, 50), errors: list.reduce((n, r) => n + r.errors, 0) });
    }
  }
  return rows;
}
