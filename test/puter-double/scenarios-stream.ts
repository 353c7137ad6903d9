import { claudeAnswer, openAIAnswer } from "./answer-builders.ts";
import { errorBody } from "./error-body.ts";
import type { BehaviourScenario } from "./scenario-types.ts";

const OPENAI = { service: "openai-completion", providerUsed: "gpt-4o-mini", finish: "stop" };

const ticks = Array.from({ length: 10 }, (_, i) => `tick ${i} `);
const HAIKU = { service: "claude", providerUsed: "claude-haiku-4-5-20251001" };

const RATE_MESSAGE =
  "This request would exceed the rate limit for your organization of 50,000 input tokens per minute.";
const ENDED_EARLY = "Stream ended before completion";

/** Non-stream twin of an in-band failure: caught before the response, classified from its one attempt. */
function attemptFailure(status: number, code: string, message: string, attempt: Record<string, unknown>) {
  return { status, body: errorBody(message, code, { attempts: [attempt] }) };
}

/** How a stream behaves on the wire: in-band errors, awkward chunking, slowness, stalls, cuts. */
export const streamScenarios = {
  // Claude opens its upstream stream after the 200, so an Anthropic overload arrives in-band. Without
  // stream, the same failure is caught before the response and classified as a 5xx attempt.
  "stream/mid-error": claudeAnswer({
    ...HAIKU,
    text: ["Partial answer ", "before the error"],
    usage: null,
    finish: "end_turn",
    streamTail: [{ type: "error", message: "Overloaded" }],
    newerStreamTail: [{ type: "error", message: "Overloaded", code: "overloaded_error", status: 529 }],
    streamError: "Overloaded",
    nonStream: {
      status: 400,
      body: errorBody("AI provider unavailable", "upstream_provider_unavailable", {
        attempts: [{ model: "claude-haiku-4-5-20251001", provider: "claude", status: 529, error: "Overloaded" }],
      }),
    },
    promptTokens: null,
    completionTokens: null,
  }),
  // Newer servers give the in-band error a status (429) and Anthropic's error type (docs/puter-wire.md §3.2).
  "stream/mid-error-rate-limited": claudeAnswer({
    ...HAIKU,
    text: ["Partial answer ", "before the rate limit"],
    usage: null,
    finish: "end_turn",
    streamTail: [{ type: "error", message: RATE_MESSAGE }],
    newerStreamTail: [{ type: "error", message: RATE_MESSAGE, code: "rate_limit_error", status: 429 }],
    streamError: RATE_MESSAGE,
    nonStream: attemptFailure(429, "upstream_rate_limited", "AI provider rate limit exceeded", {
      model: HAIKU.providerUsed,
      provider: "claude",
      status: 429,
      code: "rate_limit_error",
      error: RATE_MESSAGE,
    }),
    promptTokens: null,
    completionTokens: null,
  }),
  // A provider that returns without finishing: newer servers say so with a status-500 error line;
  // older ones just stop, with neither usage nor error (olderStreamError: null).
  "stream/ended-early": openAIAnswer({
    ...OPENAI,
    text: ["Half an answer ", "and then"],
    usage: null,
    streamTail: [],
    newerStreamTail: [{ type: "error", message: ENDED_EARLY, status: 500 }],
    streamError: ENDED_EARLY,
    olderStreamError: null,
    nonStream: attemptFailure(400, "upstream_provider_unavailable", "AI provider unavailable", {
      model: "gpt-4o-mini",
      provider: "openai-completion",
      status: 500,
      error: ENDED_EARLY,
    }),
    promptTokens: null,
    completionTokens: null,
  }),
  "stream/split-utf8": openAIAnswer({
    ...OPENAI,
    text: ["naïve café — ", "日本語 ", "🎉🎉"],
    usage: { prompt_tokens: 5, completion_tokens: 9, cached_tokens: 0, usd_cents: 0.000615 },
    delivery: "split",
    promptTokens: 5,
    completionTokens: 9,
  }),
  "stream/slow": openAIAnswer({
    ...OPENAI,
    text: ticks,
    usage: { prompt_tokens: 4, completion_tokens: 20, cached_tokens: 0, usd_cents: 0.00126 },
    lineGapMs: 50,
    promptTokens: 4,
    completionTokens: 20,
  }),
  "stream/stall": openAIAnswer({
    ...OPENAI,
    text: ["Waiting for the rest"],
    usage: null,
    delivery: "stall",
    promptTokens: null,
    completionTokens: null,
  }),
  "stream/cut": openAIAnswer({
    ...OPENAI,
    text: ["Cut off "],
    usage: null,
    delivery: "cut",
    promptTokens: null,
    completionTokens: null,
  }),
  "stream/long": { kind: "long" } satisfies BehaviourScenario,
};
