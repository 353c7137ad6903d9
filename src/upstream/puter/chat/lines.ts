import { isRecord, type JsonRecord } from "../../../json.ts";
import type { FinishReason, UpstreamEvent } from "../../events.ts";
import { fromPuterFailure, readPuterFailure } from "../failure.ts";
import { pickUsage } from "./usage.ts";

/** Tool arguments are a JSON string for clients; Puter gives an object (Claude, streams) or a string. */
export function toArguments(input: unknown): string {
  return typeof input === "string" ? input : JSON.stringify(input ?? {});
}

const str = (value: unknown): string => (typeof value === "string" ? value : "");

export const CREDIT_FAILURE = { status: 402, code: "usage_limited" };

/** Puter's stop reasons, in both vocabularies (Anthropic's and OpenAI's), as neutral finish reasons. */
export const STOP_REASONS: Record<string, FinishReason> = {
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

/** The `finish` event a usage line or a whole result implies, if any. */
export function finishEvent(said: unknown, stopSequence: unknown, usageLimited: boolean): UpstreamEvent | undefined {
  if (usageLimited) return { type: "finish", reason: "length" };
  const reason = typeof said === "string" ? STOP_REASONS[said] : undefined;
  if (!reason) return undefined;
  return typeof stopSequence === "string" && stopSequence ? { type: "finish", reason, stopSequence } : { type: "finish", reason };
}

/**
 * Parses the NDJSON lines of one Puter stream (docs/puter-wire.md §3, legacy lines §6, newer lines
 * §3.2). Stateful: a tool call streamed as `tool_use_start` / `tool_input_delta` is not repeated
 * by the whole `tool_use` line that follows it, which only ends it. Unknown line types give no
 * event: Puter adds types over time, and old ones must keep working.
 */
export class PuterLineParser {
  readonly #started = new Set<string>();

  parse(line: unknown, emit: (event: UpstreamEvent) => void): void {
    if (!isRecord(line)) return;
    // The legacy usage-limited answer (2025-03 → 2026-02) was text flagged as such: no credit left.
    if (line.type !== "usage" && isRecord(line.metadata) && line.metadata.usage_limited === true) {
      return emit({ type: "error", error: fromPuterFailure(CREDIT_FAILURE) });
    }
    switch (line.type) {
      case "text":
        if (str(line.text)) emit({ type: "text", text: line.text as string });
        return;
      case "reasoning":
        if (str(line.reasoning)) emit({ type: "reasoning", text: line.reasoning as string });
        return;
      case "reasoning_detail":
        if (isRecord(line.detail) && str(line.detail.signature)) emit({ type: "reasoning_signature", signature: line.detail.signature as string });
        return;
      case "tool_use_start":
        this.#started.add(str(line.id));
        emit({ type: "tool_call_start", id: str(line.id), name: str(line.name) });
        return;
      case "tool_input_delta":
        // A fragment for a call never started is dropped, as Puter's own adapter does.
        if (this.#started.has(str(line.id)) && str(line.partialJson)) emit({ type: "tool_call_delta", id: str(line.id), arguments: line.partialJson as string });
        return;
      case "tool_use":
        if (this.#started.delete(str(line.id))) emit({ type: "tool_call_end", id: str(line.id) });
        else emit({ type: "tool_call", id: str(line.id), name: str(line.name), arguments: toArguments(line.input) });
        return;
      case "usage":
        return this.#usage(line, emit);
      case "error":
        emit({ type: "error", error: fromPuterFailure(readPuterFailure(502, line)) });
        return;
      case "content_block_delta":
        return parseAnthropicDelta(line.delta, emit);
    }
    // Legacy in-stream `{error:{…}}` lines.
    if (line.error !== undefined) emit({ type: "error", error: fromPuterFailure(readPuterFailure(502, line)) });
    // Before 2025-02 lines had no type: any string `text` is a text delta.
    else if (line.type === undefined && str(line.text)) emit({ type: "text", text: line.text as string });
  }

  #usage(line: JsonRecord, emit: (event: UpstreamEvent) => void): void {
    const usage = pickUsage(line.usage, line.usageDetails);
    if (usage) emit({ type: "usage", usage });
    // Newer servers: the stop reason, and `usage_limited` when the funds ran out mid-answer.
    const limited = isRecord(line.metadata) && line.metadata.usage_limited === true;
    const finish = finishEvent(line.stopReason ?? line.finish_reason, line.stopSequence, limited);
    if (finish) emit(finish);
  }
}

/** The 2025 usage-limited stream carried Anthropic events. */
function parseAnthropicDelta(delta: unknown, emit: (event: UpstreamEvent) => void): void {
  if (!isRecord(delta)) return;
  if (str(delta.text)) emit({ type: "text", text: delta.text as string });
  else if (str(delta.thinking)) emit({ type: "reasoning", text: delta.thinking as string });
}

/** Parses one line on its own, for tests and whole NDJSON bodies. */
export function parseStreamLine(line: unknown): UpstreamEvent[] {
  const events: UpstreamEvent[] = [];
  new PuterLineParser().parse(line, (event) => events.push(event));
  return events;
}
