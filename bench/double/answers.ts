/**
 * The fixed bytes the bench double serves, computed once at start. Puter's shapes and OpenAI's
 * carry the same assistant text, split into the same deltas, so a gateway that speaks OpenAI
 * upstream moves as many content bytes as one that speaks Puter.
 */

/** One assistant answer of about 1 KB (≈200 tokens), a little non-ASCII included on purpose. */
const SENTENCE =
  "A gateway adds a hop, so it should add as little as it can: parse once, copy bytes, " +
  "and get out of the way — the model is slow enough already. ";
export const ANSWER_TEXT = SENTENCE.repeat(7).trim();

/** The text split into this many stream deltas (one NDJSON line or SSE event each). */
export const DELTA_COUNT = 40;

function splitText(text: string, parts: number): string[] {
  const size = Math.ceil(text.length / parts);
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

export const DELTAS = splitText(ANSWER_TEXT, DELTA_COUNT);

const USAGE = { prompt_tokens: 312, completion_tokens: 214, cached_tokens: 0, usd_cents: 0.0131 };
const OPENAI_USAGE = { prompt_tokens: 312, completion_tokens: 214, total_tokens: 526 };
const CREATED = 1_767_225_600;
const ID = "chatcmpl-bench0000000000000000000000";

const encoder = new TextEncoder();
const bytes = (text: string): Uint8Array => encoder.encode(text);

/** Puter's non-stream envelope, OpenAI-family provider shape (docs/puter-wire.md §4a). */
export function puterJson(model: string): Uint8Array {
  return bytes(
    JSON.stringify({
      success: true,
      result: {
        index: 0,
        message: { role: "assistant", content: ANSWER_TEXT, refusal: null },
        logprobs: null,
        finish_reason: "stop",
        usage: USAGE,
        via_ai_chat_service: true,
      },
      service: { name: "ai-chat" },
      metadata: { service_used: "openai-completion", providerUsed: model },
    }),
  );
}

/** One NDJSON line per delta (docs/puter-wire.md §3). */
export function puterLine(text: string): Uint8Array {
  return bytes(`${JSON.stringify({ type: "text", text })}\n`);
}

/** The last NDJSON line of a successful Puter stream. */
export const PUTER_USAGE_LINE = bytes(`${JSON.stringify({ type: "usage", usage: USAGE })}\n`);

/** OpenAI's non-stream answer with the same text. */
export function openaiJson(model: string): Uint8Array {
  return bytes(
    JSON.stringify({
      id: ID,
      object: "chat.completion",
      created: CREATED,
      model,
      choices: [{ index: 0, message: { role: "assistant", content: ANSWER_TEXT, refusal: null }, logprobs: null, finish_reason: "stop" }],
      usage: OPENAI_USAGE,
      system_fingerprint: null,
    }),
  );
}

function openaiChunk(model: string, delta: Record<string, unknown>, finish: string | null): string {
  const chunk = { id: ID, object: "chat.completion.chunk", created: CREATED, model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] };
  return `data: ${JSON.stringify(chunk)}\n\n`;
}

/** One SSE event per delta, the first one also carrying the role, as OpenAI sends it. */
export function openaiEvent(model: string, text: string, first: boolean): Uint8Array {
  return bytes(openaiChunk(model, first ? { role: "assistant", content: text } : { content: text }, null));
}

/** The finish chunk and `[DONE]`. */
export function openaiTail(model: string): Uint8Array {
  return bytes(`${openaiChunk(model, {}, "stop")}data: [DONE]\n\n`);
}

/** Everything a fast (no delay) stream sends, pre-joined, per dialect. */
export interface StreamBytes {
  /** The deltas, one encoded frame each. */
  frames: Uint8Array[];
  /** What ends the stream after the last delta. */
  tail: Uint8Array;
  /** frames + tail as one buffer, for the fast scenario's single write. */
  whole: Uint8Array;
}

function join(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export function puterStream(): StreamBytes {
  const frames = DELTAS.map(puterLine);
  return { frames, tail: PUTER_USAGE_LINE, whole: join([...frames, PUTER_USAGE_LINE]) };
}

export function openaiStream(model: string): StreamBytes {
  const frames = DELTAS.map((text, i) => openaiEvent(model, text, i === 0));
  const tail = openaiTail(model);
  return { frames, tail, whole: join([...frames, tail]) };
}

/** Audio frames a speech call streams: recognisable ASCII bytes (so the check compares text), 4 KiB each. */
export const AUDIO_FRAME_COUNT = 4;
const AUDIO_FRAMES = Array.from({ length: AUDIO_FRAME_COUNT }, (_, i) => bytes(`ID3-bench-audio-frame-${i}:`.padEnd(4096, String(i))));

/** All the audio, as the client should receive it. */
export const AUDIO_TEXT = AUDIO_FRAMES.map((frame) => new TextDecoder().decode(frame)).join("");

/** Puter's `synthesize` answer: raw audio, no envelope (docs/puter-wire.md). */
export function puterAudio(): StreamBytes {
  return { frames: AUDIO_FRAMES, tail: new Uint8Array(0), whole: join(AUDIO_FRAMES) };
}
