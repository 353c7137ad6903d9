import type { ProxyError } from "./errors.ts";

/** Token counts of one answer, in neutral form; each surface renders them in its own wire format. */
export interface Usage {
  promptTokens: number;
  completionTokens: number;
  /** Prompt tokens read from a cache (included in promptTokens). */
  cachedTokens?: number;
  /** Completion tokens spent on reasoning (included in completionTokens). */
  reasoningTokens?: number;
}

export type FinishReason = "stop" | "length" | "tool_calls" | "content_filter";

/**
 * What an upstream says, one piece at a time, parsed once at the upstream boundary. The streaming
 * and the non-streaming path both feed these to the same translator, so both give the same answer.
 */
export type UpstreamEvent =
  | { type: "text"; text: string }
  | { type: "reasoning"; text: string }
  | { type: "tool_call"; id: string; name: string; arguments: string }
  | { type: "usage"; usage: Usage }
  /** Why the answer ended, when the upstream says so (only whole answers do). */
  | { type: "finish"; reason: FinishReason }
  /** The upstream failed after it began to answer. */
  | { type: "error"; error: ProxyError };
