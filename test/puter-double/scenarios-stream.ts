import { claudeAnswer, openAIAnswer } from "./answer-builders.ts";
import { errorBody } from "./error-body.ts";
import type { BehaviourScenario } from "./scenario-types.ts";

const OPENAI = { service: "openai-completion", providerUsed: "gpt-4o-mini", finish: "stop" };

const ticks = Array.from({ length: 10 }, (_, i) => `tick ${i} `);

/** How a stream behaves on the wire: in-band errors, awkward chunking, slowness, stalls, cuts. */
export const streamScenarios = {
  // Claude opens its upstream stream after the 200, so an Anthropic overload arrives in-band. Without
  // stream, the same failure is caught before the response and classified as a 5xx attempt.
  "stream/mid-error": claudeAnswer({
    service: "claude",
    providerUsed: "claude-haiku-4-5-20251001",
    text: ["Partial answer ", "before the error"],
    usage: null,
    finish: "end_turn",
    streamTail: [{ type: "error", message: "Overloaded" }],
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
