import { openAIAnswer } from "./answer-builders.ts";
import type { AnswerScenario, JsonScenario } from "./scenario-types.ts";

// v1 shapes (protocol sections 3, 4.3 and 9) that a proxy must still accept.

const LIMIT_TEXT = "You have reached your AI usage limit for this account.";
const FUNDS_MESSAGE = "Available funding is insufficient for this request.";
const ZERO_ID = "00000000-0000-0000-0000-000000000000";

/** v1 `DriverService` answered driver errors with HTTP 200 and `success:false`. */
const insufficientFundsV1 = {
  status: 200,
  body: {
    success: false,
    error: {
      code: "insufficient_funds",
      message: FUNDS_MESSAGE,
      status: 402,
      delegate: "usage-limited-chat",
      $: "heyputer:api/APIError",
    },
  },
};

/** A result in the shape v1's UsageLimitedChatService returned (Anthropic message inside a choice). */
function usageLimitedResult(model: string, text: string, usage?: Record<string, number>): Record<string, unknown> {
  const usageFields = usage ? { usage } : {};
  return {
    index: 0,
    message: {
      id: ZERO_ID,
      type: "message",
      role: "assistant",
      model,
      content: [{ type: "text", text }],
      stop_reason: "end_turn",
      stop_sequence: null,
      ...usageFields,
    },
    ...usageFields,
    logprobs: null,
    finish_reason: "stop",
  };
}

const LIMIT_USAGE = { input_tokens: 0, output_tokens: 1 };

const usageLimited: AnswerScenario = {
  kind: "answer",
  result: usageLimitedResult("usage-limited", LIMIT_TEXT, LIMIT_USAGE),
  metadata: { usage_limited: true },
  lines: [
    { type: "text", text: LIMIT_TEXT, metadata: { usage_limited: true } },
    { type: "usage", usage: LIMIT_USAGE },
  ],
  expected: {
    text: LIMIT_TEXT,
    reasoning: "",
    toolCalls: [],
    finishReason: "stop",
    usage: LIMIT_USAGE,
    promptTokens: 0,
    completionTokens: 1,
    service: "usage-limited-chat",
    providerUsed: "usage-limited",
  },
};

const ANTHROPIC_TEXT = ["Hello from", " an Anthropic-style event stream."];

// The first delta uses Anthropic's `text_delta`; the second `text`, which is what Puter's v1
// UsageLimitedChatService actually wrote. A proxy should take both.
const anthropicEvents: AnswerScenario = {
  kind: "answer",
  result: usageLimitedResult("claude-3-5-sonnet-latest", ANTHROPIC_TEXT.join("")),
  lines: [
    { type: "content_block_start", index: 0 },
    { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: ANTHROPIC_TEXT[0] } },
    { type: "content_block_delta", index: 0, delta: { type: "text", text: ANTHROPIC_TEXT[1] } },
    { type: "content_block_stop", index: 0 },
    { type: "message_stop", stop_reason: "end_turn" },
  ],
  expected: {
    text: ANTHROPIC_TEXT.join(""),
    reasoning: "",
    toolCalls: [],
    finishReason: "stop",
    usage: null,
    promptTokens: null,
    completionTokens: null,
    service: "claude",
    providerUsed: "claude-3-5-sonnet-latest",
  },
};

const LEGACY = { service: "openai-completion", providerUsed: "gpt-4o-mini", finish: "stop" };

export const legacyScenarios = {
  "legacy/array-usage": openAIAnswer({
    ...LEGACY,
    text: ["Hello from", " a legacy", " usage array."],
    usage: [
      { type: "prompt", model: "gpt-4o-mini", amount: 14, cost: 210 },
      { type: "completion", model: "gpt-4o-mini", amount: 6, cost: 360 },
    ],
    promptTokens: 14,
    completionTokens: 6,
  }),
  "legacy/untyped-lines": openAIAnswer({
    ...LEGACY,
    text: ["Hello ", "from ", "2024."],
    untypedLines: true,
    usage: null,
    promptTokens: null,
    completionTokens: null,
  }),
  "legacy/no-usage": openAIAnswer({
    ...LEGACY,
    text: ["No usage", " line", " follows."],
    usage: null,
    promptTokens: null,
    completionTokens: null,
  }),
  "legacy/usage-limited": usageLimited,
  "legacy/success-false": { kind: "json", response: insufficientFundsV1 } satisfies JsonScenario,
  "legacy/success-false-string": {
    kind: "json",
    response: {
      status: 200,
      body: {
        success: false,
        error: "Model not found, please try one of the following models listed here: https://developer.puter.com/ai/models/",
      },
    },
  } satisfies JsonScenario,
  "legacy/anthropic-events": anthropicEvents,
  "legacy/stream-insufficient-funds": openAIAnswer({
    ...LEGACY,
    text: ["Partial answer before"],
    usage: null,
    streamTail: [{ error: { code: "insufficient_funds", message: FUNDS_MESSAGE } }],
    streamError: FUNDS_MESSAGE,
    nonStream: insufficientFundsV1,
    promptTokens: null,
    completionTokens: null,
  }),
};
