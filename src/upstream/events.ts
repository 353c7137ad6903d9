import type { ProxyError } from "../errors.ts";

/** Token counts of one answer, in neutral form; each surface renders them in its own wire format. */
export interface Usage {
  /** Every input token, cached ones included. */
  promptTokens: number;
  /** Every output token, reasoning included. */
  completionTokens: number;
  /** Prompt tokens read from a cache (included in promptTokens). */
  cachedTokens?: number;
  /** Prompt tokens written to a cache (included in promptTokens). */
  cacheWriteTokens?: number;
  /** Completion tokens spent on reasoning (included in completionTokens). */
  reasoningTokens?: number;
}

/** Why an answer ended, in OpenAI's words; each surface renders it in its own. */
export type FinishReason = "stop" | "length" | "tool_calls" | "content_filter";

/**
 * What an upstream says, one piece at a time, parsed once at the upstream boundary. The streaming
 * and the non-streaming path both feed these to the same translator, so both give the same answer.
 *
 * A tool call arrives either whole (`tool_call`) or, when the upstream streams its arguments, as
 * `tool_call_start`, any number of `tool_call_delta` with the same id, then `tool_call_end`.
 */
export type UpstreamEvent =
  | { type: "text"; text: string }
  | { type: "reasoning"; text: string }
  /** The signature that closes a reasoning block (Anthropic thinking), for replay in a later turn. */
  | { type: "reasoning_signature"; signature: string }
  | { type: "tool_call"; id: string; name: string; arguments: string }
  | { type: "tool_call_start"; id: string; name: string }
  | { type: "tool_call_delta"; id: string; arguments: string }
  | { type: "tool_call_end"; id: string }
  | { type: "usage"; usage: Usage }
  /** Why the answer ended, when the upstream says so; `stopSequence` when a stop sequence ended it. */
  | { type: "finish"; reason: FinishReason; stopSequence?: string }
  /** The upstream failed after it began to answer. */
  | { type: "error"; error: ProxyError };
