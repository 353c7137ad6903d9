import type { FinishReason, UpstreamEvent } from "../../events.ts";
import { fromPuterFailure, readPuterFailure } from "./errors.ts";
import { toUsage } from "./usage.ts";

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Tool arguments are a JSON string for OpenAI; Puter gives an object (Claude, streams) or a string. */
function toArguments(input: unknown): string {
  if (typeof input === "string") return input;
  return JSON.stringify(input ?? {});
}

function toolCall(id: unknown, name: unknown, input: unknown): UpstreamEvent {
  return { type: "tool_call", id: typeof id === "string" ? id : "", name: typeof name === "string" ? name : "", arguments: toArguments(input) };
}

const CREDIT_ERROR = { status: 402, code: "usage_limited" };

/**
 * Parses one NDJSON line of a Puter stream (protocol section 3, with the legacy lines of section 9).
 * Unknown line types give no event: Puter adds types over time and old ones must keep working.
 */
export function parseStreamLine(line: unknown): UpstreamEvent[] {
  if (!isRecord(line)) return [];
  if (isRecord(line.metadata) && line.metadata.usage_limited === true) {
    return [{ type: "error", error: fromPuterFailure(CREDIT_ERROR) }];
  }
  switch (line.type) {
    case "text":
      return typeof line.text === "string" && line.text ? [{ type: "text", text: line.text }] : [];
    case "reasoning":
      return typeof line.reasoning === "string" && line.reasoning ? [{ type: "reasoning", text: line.reasoning }] : [];
    case "tool_use":
      return [toolCall(line.id, line.name, line.input)];
    case "usage": {
      const usage = toUsage(line.usage);
      return usage ? [{ type: "usage", usage }] : [];
    }
    case "error":
      return [{ type: "error", error: fromPuterFailure(readPuterFailure(502, line)) }];
    case "content_block_delta":
      return parseAnthropicDelta(line.delta);
  }
  if (line.error !== undefined) return [{ type: "error", error: fromPuterFailure(readPuterFailure(502, line)) }];
  // Before 2025-02 lines had no type: any string `text` is a text delta.
  if (line.type === undefined && typeof line.text === "string" && line.text) return [{ type: "text", text: line.text }];
  return [];
}

/** The 2025 usage-limited stream carried Anthropic events. */
function parseAnthropicDelta(delta: unknown): UpstreamEvent[] {
  if (!isRecord(delta)) return [];
  if (typeof delta.text === "string" && delta.text) return [{ type: "text", text: delta.text }];
  if (typeof delta.thinking === "string" && delta.thinking) return [{ type: "reasoning", text: delta.thinking }];
  return [];
}

const STOP_REASONS: Record<string, FinishReason> = {
  end_turn: "stop",
  stop_sequence: "stop",
  pause_turn: "stop",
  stop: "stop",
  max_tokens: "length",
  length: "length",
  model_context_window_exceeded: "length",
  tool_use: "tool_calls",
  tool_calls: "tool_calls",
  function_call: "tool_calls",
  refusal: "content_filter",
  content_filter: "content_filter",
};

/** Content blocks: Claude's message, or any message Puter normalised (`response.normalize`). */
function blockEvents(blocks: unknown[]): UpstreamEvent[] {
  const events: UpstreamEvent[] = [];
  for (const block of blocks) {
    if (typeof block === "string") events.push({ type: "text", text: block });
    if (!isRecord(block)) continue;
    if (block.type === "thinking" && typeof block.thinking === "string") events.push({ type: "reasoning", text: block.thinking });
    else if (block.type === "tool_use") events.push(toolCall(block.id, block.name, block.input));
    else if (typeof block.text === "string" && (block.type === "text" || block.type === undefined)) events.push({ type: "text", text: block.text });
  }
  return events;
}

function messageEvents(message: Json): UpstreamEvent[] {
  const events: UpstreamEvent[] = [];
  const reasoning = message.reasoning ?? message.reasoning_content;
  if (typeof reasoning === "string" && reasoning) events.push({ type: "reasoning", text: reasoning });
  if (typeof message.content === "string" && message.content) events.push({ type: "text", text: message.content });
  if (Array.isArray(message.content)) events.push(...blockEvents(message.content));
  if (Array.isArray(message.tool_calls)) {
    for (const call of message.tool_calls) {
      if (!isRecord(call)) continue;
      const fn = isRecord(call.function) ? call.function : {};
      events.push(toolCall(call.id, fn.name, fn.arguments));
    }
  }
  return events;
}

/**
 * Turns a whole (non-stream) Puter answer into events: any of the three result shapes of protocol
 * section 2, plus the legacy usage-limited answer. Returns undefined when the body is not an answer.
 */
export function parseResult(body: Json): UpstreamEvent[] | undefined {
  if (isRecord(body.metadata) && body.metadata.usage_limited === true) {
    return [{ type: "error", error: fromPuterFailure(CREDIT_ERROR) }];
  }
  const result = body.result;
  if (!isRecord(result) || !isRecord(result.message)) return undefined;
  const message = result.message;
  const events = messageEvents(message);

  const service = isRecord(body.metadata) && typeof body.metadata.service_used === "string" ? body.metadata.service_used : undefined;
  const usage = toUsage(result.usage ?? message.usage, service);
  if (usage) events.push({ type: "usage", usage });

  // Claude's result.finish_reason is always "stop": its message.stop_reason is the real one.
  const said = message.stop_reason ?? result.finish_reason;
  const reason = typeof said === "string" ? STOP_REASONS[said] : undefined;
  if (reason) events.push({ type: "finish", reason });
  return events;
}
