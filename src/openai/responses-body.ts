import type { AnswerIdentity } from "../chat/surface.ts";
import type { ProxyError } from "../errors.ts";
import type { Usage } from "../upstream/events.ts";
import { openAIErrorBody } from "./error-body.ts";
import type { ResponseEcho } from "./responses-request.ts";

/** A `summary_text` or `output_text` part of an output item. */
export interface OutputPart {
  type: "summary_text" | "output_text";
  text: string;
  annotations?: never[];
  logprobs?: never[];
}

/** One item of a Response's `output`, as OpenAI's Responses API shapes it. */
export type OutputItem =
  | { type: "reasoning"; id: string; summary: OutputPart[] }
  | { type: "message"; id: string; role: "assistant"; status: ItemStatus; content: OutputPart[] }
  | { type: "function_call"; id: string; call_id: string; name: string; namespace?: string; arguments: string; status: ItemStatus }
  | { type: "custom_tool_call"; id: string; call_id: string; name: string; namespace?: string; input: string; status: ItemStatus };

/** An output item's progress. */
export type ItemStatus = "in_progress" | "completed" | "incomplete";

/** The Responses API's `usage` object. */
export interface ResponseUsage {
  input_tokens: number;
  input_tokens_details: { cached_tokens: number };
  output_tokens: number;
  output_tokens_details: { reasoning_tokens: number };
  total_tokens: number;
}

/** Renders neutral usage as the Responses API's `usage` (zeros when the upstream counted nothing). */
export function toResponseUsage(usage: Usage | undefined): ResponseUsage {
  const input = usage?.promptTokens ?? 0;
  const output = usage?.completionTokens ?? 0;
  return {
    input_tokens: input,
    input_tokens_details: { cached_tokens: usage?.cachedTokens ?? 0 },
    output_tokens: output,
    output_tokens_details: { reasoning_tokens: usage?.reasoningTokens ?? 0 },
    total_tokens: input + output,
  };
}

/** What a Response object says about how the answer went. */
export interface ResponseState {
  status: "in_progress" | "completed" | "incomplete" | "failed";
  output: OutputItem[];
  usage: Usage | undefined;
  error?: ProxyError;
}

/**
 * The Response object: the answer so far, with the request fields OpenAI echoes (the SDK types
 * and the AI SDK's schema expect them). `store` is false: nothing is kept.
 */
export function responseBody(identity: AnswerIdentity, echo: ResponseEcho, state: ResponseState) {
  const outputText = state.output.flatMap((item) => (item.type === "message" ? item.content.map((p) => p.text) : [])).join("");
  const error = state.error ? openAIErrorBody(state.error).error : null;
  return {
    id: identity.id,
    object: "response" as const,
    created_at: identity.created,
    status: state.status,
    background: false,
    error: error && { code: error.code ?? error.type, message: error.message },
    incomplete_details: state.status === "incomplete" ? { reason: "max_output_tokens" as const } : null,
    model: identity.model,
    output: state.output,
    output_text: outputText,
    previous_response_id: null,
    store: false,
    metadata: {},
    truncation: "disabled" as const,
    user: null,
    ...echo,
    usage: state.status === "in_progress" ? null : toResponseUsage(state.usage),
  };
}

/** A snapshot of an item for an event, so later changes to the live item do not leak into it. */
export function snapshot<T>(value: T): T {
  return structuredClone(value);
}
