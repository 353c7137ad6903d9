import { isRecord } from "../../src/json.ts";
/**
 * Puter's other AI drivers (protocol §6) as the double plays them: image `generate`, TTS
 * `synthesize` (raw audio, chunked) and speech-to-text `transcribe`/`translate`. The model name
 * picks the scenario, as for chat (see MEDIA_MODELS).
 */
import { createHash } from "node:crypto";
import { sendError, sendJson } from "./http-util.ts";
import type { RunContext } from "./run-context.ts";
import { sleep } from "./stream-writer.ts";

/** A 1×1 PNG: what every generated image is. */
export const PNG_BASE64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
export const TEST_IMAGE_PATH = "/test-assets/image.png";
/** The audio every synthesis answers: AUDIO_CHUNKS chunks of AUDIO_CHUNK_BYTES. */
export const AUDIO_CHUNKS = 4;
export const AUDIO_CHUNK_BYTES = 1024;
/** Gap between audio chunks of `tts-slow`. */
export const SLOW_GAP_MS = 150;
/** Puter's limit on a file to transcribe. */
export const STT_MAX_BYTES = 25 * 1024 * 1024;

/** Scenario model names: any other model answers normally. */
export const MEDIA_MODELS = {
  imageUrl: "image-url", // generate answers an http URL served by the double
  ttsSlow: "tts-slow",
  ttsCut: "tts-cut", // two chunks, then the connection breaks
  funds: "error-402",
  rate: "error-429",
  bad: "error-400",
} as const;

/** Chunk `i` of the audio: recognisable bytes, the same on every run. */
export function audioChunk(i: number): Uint8Array {
  return Uint8Array.from({ length: AUDIO_CHUNK_BYTES }, (_, j) => (i * 31 + j) % 251);
}


/** The error scenarios every media driver shares; true when one answered. */
function sendScenarioError(ctx: RunContext, model: unknown): boolean {
  if (model === MEDIA_MODELS.funds) sendError(ctx, 402, "No usage left for request.", "insufficient_funds");
  else if (model === MEDIA_MODELS.rate) sendError(ctx, 429, "Too many concurrent requests.", "too_many_requests");
  else if (model === MEDIA_MODELS.bad) sendError(ctx, 400, "Invalid value for field 'quality'", "field_invalid", { key: "quality", expected: "low|medium|high", got: "ultra" });
  else return false;
  return true;
}

function generateImage(ctx: RunContext, args: Record<string, unknown>): void {
  if (typeof args.prompt !== "string" || !args.prompt) return sendError(ctx, 400, "Missing required field: prompt", "field_missing", { key: "prompt" });
  if (args.model === MEDIA_MODELS.imageUrl) {
    const host = ctx.request.headers.get("host");
    const origin = host ? `http://${host}` : new URL(ctx.request.url).origin;
    return sendJson(ctx, 200, { success: true, result: `${origin}${TEST_IMAGE_PATH}`, service: { name: "ai-image" } });
  }
  sendJson(ctx, 200, { success: true, result: `data:image/png;base64,${PNG_BASE64}`, service: { name: "ai-image" } });
}

async function synthesize(ctx: RunContext, args: Record<string, unknown>): Promise<void> {
  if (typeof args.text !== "string" || !args.text) return sendError(ctx, 400, "Missing required field: text", "field_missing", { key: "text" });
  const { reply, signal } = ctx;
  reply.head(200, { "Content-Type": "audio/mpeg", "Transfer-Encoding": "chunked" });
  const gap = args.model === MEDIA_MODELS.ttsSlow ? SLOW_GAP_MS : ctx.intervalMs;
  for (let i = 0; i < AUDIO_CHUNKS; i++) {
    if (i > 0) await sleep(gap, signal);
    if (signal.aborted) return;
    if (args.model === MEDIA_MODELS.ttsCut && i === 2) return reply.cut();
    await reply.write(audioChunk(i));
  }
  reply.end();
}

function transcribe(ctx: RunContext, method: string, args: Record<string, unknown>): void {
  if (args.stream === true) return sendError(ctx, 400, "Streaming is not supported for speech-to-text", "bad_request");
  const match = typeof args.file === "string" ? /^data:([^;,]*);base64,(.*)$/s.exec(args.file) : null;
  if (!match) return sendError(ctx, 400, "Missing or invalid field: file", "field_invalid", { key: "file" });
  const bytes = Buffer.from(match[2] ?? "", "base64");
  if (bytes.length > STT_MAX_BYTES) return sendError(ctx, 400, "File exceeds the 25 MB limit", "file_too_large");
  const sha = createHash("sha256").update(bytes).digest("hex");
  const text = `${method} ${bytes.length} bytes ${match[1]} sha256=${sha}`;
  const format = args.response_format ?? "json";
  let result: unknown = { text, usage: { type: "duration", seconds: 1 } };
  if (format === "text") result = text;
  else if (format === "srt") result = `1\n00:00:00,000 --> 00:00:01,000\n${text}\n`;
  else if (format === "vtt") result = `WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n${text}\n`;
  else if (format === "verbose_json") result = { task: method, language: args.language ?? "english", duration: 1, text, segments: [] };
  sendJson(ctx, 200, { success: true, result, service: { name: "ai-speech2txt" } });
}

/** Interfaces this file answers, with their default driver and methods. */
export const MEDIA_INTERFACES: Record<string, { driver: string; methods: string[] }> = {
  "puter-image-generation": { driver: "ai-image", methods: ["generate"] },
  "puter-tts": { driver: "ai-tts", methods: ["synthesize"] },
  "puter-speech2txt": { driver: "ai-speech2txt", methods: ["transcribe", "translate"] },
};

/** One media driver call, once the envelope was checked. */
export async function handleMediaCall(ctx: RunContext, iface: string, method: string, rawArgs: unknown): Promise<void> {
  const known = MEDIA_INTERFACES[iface];
  if (!known?.methods.includes(method)) return sendError(ctx, 404, `Method '${method}' not found on driver '${iface}'`, "not_found");
  const args = isRecord(rawArgs) ? rawArgs : {};
  if (sendScenarioError(ctx, args.model)) return;
  if (iface === "puter-image-generation") return generateImage(ctx, args);
  if (iface === "puter-tts") return synthesize(ctx, args);
  return transcribe(ctx, method, args);
}

/** `GET /test-assets/image.png`: the image an `image-url` generation points at. */
export function sendTestImage(ctx: RunContext | Omit<RunContext, "generation">): void {
  const bytes = Buffer.from(PNG_BASE64, "base64");
  ctx.reply.head(200, { "Content-Type": "image/png", "Content-Length": String(bytes.length) });
  void ctx.reply.write(new Uint8Array(bytes));
  ctx.reply.end();
}
