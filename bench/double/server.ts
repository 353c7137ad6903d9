/**
 * The bench's upstream double: Puter's `POST /drivers/call` and OpenAI's `POST /v1/chat/completions`,
 * answering from precomputed bytes so that it costs as little as possible and the same every time.
 * Run in its own process: `node --import tsx bench/double/server.ts` (env: PORT, BENCH_TICK_MS,
 * BENCH_TICK_COUNT, BENCH_HOLD_MS, BENCH_HOLD_MAX_MS). Prints `bench-double listening on <port>`.
 *
 * The model name picks the scenario, since it is the one field every gateway passes through as is:
 *   bench-fast  whole answer at once (JSON, or the whole stream in one write)
 *   bench-tick  stream: one delta every BENCH_TICK_MS, BENCH_TICK_COUNT of them, then the end
 *   bench-hold  stream: one delta every BENCH_HOLD_MS until POST /control/release (or the max)
 * A Puter speech call (`puter-tts` / `synthesize`) is answered with raw audio, always streamed: in
 * one write for bench-fast, one frame every BENCH_TICK_MS for bench-tick (AUDIO_FRAME_COUNT frames).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { AUDIO_FRAME_COUNT, DELTAS, openaiJson, openaiStream, puterAudio, puterJson, puterStream, type StreamBytes } from "./answers.ts";

const env = (name: string, fallback: number): number => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value >= 0 ? value : fallback;
};
const port = env("PORT", 0);
const tickMs = env("BENCH_TICK_MS", 25);
const tickCount = env("BENCH_TICK_COUNT", 20);
const holdMs = env("BENCH_HOLD_MS", 1_000);
const holdMaxMs = env("BENCH_HOLD_MAX_MS", 300_000);

type Dialect = "puter" | "openai";
const MODELS = ["bench-fast", "bench-tick", "bench-hold"] as const;
type Model = (typeof MODELS)[number];

/** Precomputed per dialect and model: the model name is echoed in the answers. */
const answers = new Map<string, { json: Uint8Array; stream: StreamBytes }>();
for (const model of MODELS) {
  answers.set(`puter:${model}`, { json: puterJson(model), stream: puterStream() });
  answers.set(`openai:${model}`, { json: openaiJson(model), stream: openaiStream(model) });
}

const AUDIO = puterAudio();

const STREAM_TYPE: Record<Dialect, string> = { puter: "application/x-ndjson", openai: "text/event-stream; charset=utf-8" };

/** Held streams, so the memory bench can end them all at once when it has measured. */
const held = new Set<() => void>();
let served = 0;
/** TCP connections accepted: a gateway that does not reuse its upstream connections shows here. */
let accepted = 0;

function pickModel(body: string): Model {
  if (body.includes('"bench-hold"')) return "bench-hold";
  if (body.includes('"bench-tick"')) return "bench-tick";
  return "bench-fast";
}

function sendJson(res: ServerResponse, status: number, body: Uint8Array): void {
  res.writeHead(status, { "content-type": "application/json", "content-length": body.length });
  res.end(body);
}

/** Writes one frame every `intervalMs`; `count` frames, or until released when `count` is Infinity. */
function drip(res: ServerResponse, bytes: StreamBytes, intervalMs: number, count: number): void {
  let sent = 0;
  const finish = () => {
    clearInterval(timer);
    clearTimeout(cap);
    held.delete(finish);
    if (!res.writableEnded) res.end(bytes.tail);
  };
  const tick = () => {
    if (sent >= count) return finish();
    res.write(bytes.frames[sent % bytes.frames.length]);
    sent += 1;
  };
  const timer = setInterval(tick, intervalMs);
  const cap = setTimeout(finish, holdMaxMs);
  if (count === Infinity) held.add(finish);
  res.on("close", () => {
    clearInterval(timer);
    clearTimeout(cap);
    held.delete(finish);
  });
  tick();
}

/** A streamed answer as the model says: in one write, one frame a tick, or held until released. */
function sendStream(res: ServerResponse, type: string, bytes: StreamBytes, model: Model, ticks: number): void {
  res.writeHead(200, { "content-type": type, "cache-control": "no-cache" });
  if (model === "bench-fast") res.end(bytes.whole);
  else if (model === "bench-tick") drip(res, bytes, tickMs, ticks);
  else drip(res, bytes, holdMs, Infinity);
}

function answer(res: ServerResponse, dialect: Dialect, body: string): void {
  served += 1;
  const model = pickModel(body);
  if (dialect === "puter" && body.includes('"interface":"puter-tts"')) return sendStream(res, "audio/mpeg", AUDIO, model, AUDIO_FRAME_COUNT);
  const set = answers.get(`${dialect}:${model}`);
  if (!set) return sendJson(res, 500, Buffer.from("{}"));
  if (!body.includes('"stream":true')) return sendJson(res, 200, set.json);
  sendStream(res, STREAM_TYPE[dialect], set.stream, model, tickCount);
}

function control(req: IncomingMessage, res: ServerResponse): void {
  if (req.url === "/control/release") {
    const count = held.size;
    for (const finish of [...held]) finish();
    return sendJson(res, 200, Buffer.from(JSON.stringify({ released: count })));
  }
  const stats = { held: held.size, served, accepted, deltas: DELTAS.length };
  sendJson(res, 200, Buffer.from(JSON.stringify(stats)));
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    const path = req.url ?? "";
    if (path.startsWith("/control/")) return control(req, res);
    if (req.method !== "POST") return sendJson(res, 404, Buffer.from('{"error":"not found"}'));
    const body = Buffer.concat(chunks).toString("utf8");
    if (path === "/drivers/call") return answer(res, "puter", body);
    if (path === "/v1/chat/completions") return answer(res, "openai", body);
    sendJson(res, 404, Buffer.from('{"error":"not found"}'));
  });
});
server.on("connection", () => {
  accepted += 1;
});
// Gateways keep their upstream connections alive; so must we, or we measure TCP handshakes.
server.keepAliveTimeout = 120_000;
server.headersTimeout = 125_000;
server.requestTimeout = 0;
server.listen(port, "127.0.0.1", 4096, () => {
  const address = server.address();
  console.log(`bench-double listening on ${typeof address === "object" && address ? address.port : port}`);
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => process.exit(0));
