/**
 * The one workload every path is given: a short chat (system prompt, one earlier exchange, a
 * follow-up), about 1.3 KB, as an OpenAI request for gateways and as the Puter call this proxy
 * would make for the direct path.
 */
import { ANSWER_TEXT, AUDIO_TEXT } from "./double/answers.ts";

export type Model = "bench-fast" | "bench-tick" | "bench-hold";

const MESSAGES = [
  {
    role: "system",
    content:
      "You are a concise technical assistant for a team that runs LLM gateways in production. " +
      "Answer in plain prose, at most three short paragraphs, with no marketing language. " +
      "When a number matters, give the number and say how it was measured.",
  },
  {
    role: "user",
    content:
      "We put a proxy in front of our model provider so that every team can use the same API key " +
      "format and we can swap vendors later. Some engineers worry that the proxy adds latency to " +
      "every call. What does a gateway typically cost per request, and where does the time go?",
  },
  {
    role: "assistant",
    content:
      "On the same host a well-built gateway adds well under a millisecond: it parses the request, " +
      "rewrites a few fields, opens or reuses an upstream connection and copies the answer back. " +
      "The model itself takes hundreds of milliseconds to seconds, so the hop is rarely what users feel.",
  },
  { role: "user", content: "And for streaming? Does the proxy hold chunks back or change their timing?" },
];

/** The OpenAI chat request body a client sends to a gateway. */
export function openaiBody(model: Model, stream: boolean): string {
  return JSON.stringify({ model, messages: MESSAGES, stream, max_tokens: 512, temperature: 0.7 });
}

/** The Puter driver call the proxy makes for that request (mode raw: messages unchanged). */
export function puterBody(model: Model, stream: boolean): string {
  const args = { model, messages: MESSAGES, stream, temperature: 0.7, max_tokens: 512 };
  return JSON.stringify({ interface: "puter-chat-completion", driver: "ai-chat", method: "complete", args });
}

export const TOKEN = "bench-token-0000000000000000000000000000";

/** The API dialects the proxy speaks over Puter: the chat-like ones, and speech (streamed audio). */
export type Surface = "chat" | "messages" | "responses" | "speech";
export const SURFACES: readonly Surface[] = ["chat", "messages", "responses", "speech"];

const SPEECH = { input: "A gateway adds a hop, so it should add as little as it can.", voice: "alloy" };

/** The Puter speech call the proxy makes for {@link surfaceRequest}'s speech request, sent direct. */
export function puterSpeechRequest(port: number, model: Model) {
  const args = { text: SPEECH.input, voice: SPEECH.voice, model, response_format: "mp3", provider: "openai" };
  const headers = { "content-type": "application/json", authorization: `Bearer ${TOKEN}` };
  return { port, path: "/drivers/call", headers, body: JSON.stringify({ interface: "puter-tts", method: "synthesize", args }) };
}

/** The same conversation as each dialect's client sends it to the proxy (speech: a line to speak). */
export function surfaceRequest(surface: Surface, port: number, model: Model, stream: boolean) {
  const headers: Record<string, string> = { "content-type": "application/json", authorization: `Bearer ${TOKEN}` };
  if (surface === "chat") return { port, path: "/v1/chat/completions", headers, body: openaiBody(model, stream) };
  if (surface === "speech") return { port, path: "/v1/audio/speech", headers, body: JSON.stringify({ model, ...SPEECH }) };
  const [system, ...turns] = MESSAGES;
  if (surface === "messages") {
    const body = { model, system: system?.content, messages: turns, stream, max_tokens: 512, temperature: 0.7 };
    return { port, path: "/v1/messages", headers: { ...headers, "anthropic-version": "2023-06-01" }, body: JSON.stringify(body) };
  }
  const input = turns.map((turn) => ({ role: turn.role, content: turn.content }));
  const body = { model, instructions: system?.content, input, stream, max_output_tokens: 512, temperature: 0.7, store: false };
  return { port, path: "/v1/responses", headers, body: JSON.stringify(body) };
}

/** Joins the text deltas of an SSE (OpenAI) or NDJSON (Puter) stream body. */
export function streamedText(body: string): string {
  let text = "";
  for (const raw of body.split("\n")) {
    const line = raw.startsWith("data: ") ? raw.slice(6) : raw;
    if (!line.startsWith("{")) continue;
    const value = JSON.parse(line) as { type?: string; text?: string; delta?: unknown; choices?: { delta?: { content?: string } }[] };
    // Anthropic's text deltas and the Responses API's output text deltas, besides OpenAI chat and Puter's lines.
    const anthropic = value.type === "content_block_delta" ? (value.delta as { text?: string }).text : undefined;
    const responses = value.type === "response.output_text.delta" && typeof value.delta === "string" ? value.delta : undefined;
    text += value.choices?.[0]?.delta?.content ?? anthropic ?? responses ?? (typeof value.text === "string" && !value.type?.startsWith("response.") ? value.text : "");
  }
  return text;
}

/** Whether a stream body ended the way a complete answer ends ([DONE] for SSE, usage for NDJSON). */
export function streamCompleted(body: string): boolean {
  return body.includes("data: [DONE]") || body.includes('"type":"usage"') || body.includes("event: message_stop") || body.includes("event: response.completed");
}

type Answer = { choices?: { message?: { content?: string } }[]; result?: { message?: { content?: string } } };

/** The assistant text of a whole answer, OpenAI's shape or Puter's envelope. */
function answerText(body: string): string | undefined {
  const value = JSON.parse(body) as Answer;
  return value.choices?.[0]?.message?.content ?? value.result?.message?.content;
}

/** Checks a speech answer carries the double's audio whole; returns what is wrong, or undefined. */
export function checkAudio(status: number, body: string): string | undefined {
  if (status !== 200) return `HTTP ${status}: ${body.slice(0, 160)}`;
  return body === AUDIO_TEXT ? undefined : `unexpected audio: ${body.length} bytes, starting ${JSON.stringify(body.slice(0, 40))}`;
}

/** Checks one answer carries the fixed text; returns what is wrong, or undefined. */
export function checkAnswer(status: number, body: string, stream: boolean): string | undefined {
  if (status !== 200) return `HTTP ${status}: ${body.slice(0, 160)}`;
  try {
    const text = stream ? streamedText(body) : answerText(body);
    if (text !== ANSWER_TEXT) return `unexpected answer text: ${String(text).slice(0, 80)}`;
    if (stream && !streamCompleted(body)) return "the stream did not end with [DONE] / usage";
  } catch (error) {
    return `unparsable answer: ${(error as Error).message}`;
  }
  return undefined;
}
