import type { PuterLine } from "./scenario-types.ts";

// The stop and usage facts a newer server adds to every answer (docs/puter-wire.md §4.1, §10.4).

/** What the newer additions are derived from: who served the answer and its non-stream result. */
export interface AnswerFacts {
  service: string;
  result: Record<string, unknown>;
  metadata?: Record<string, unknown>;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const num = (v: unknown): number => (typeof v === "number" ? v : 0);
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/** Anthropic stop vocabulary to OpenAI's; anything unknown passes verbatim (e.g. `pause_turn`). */
export function finishFromStop(stop: string): string {
  const table: Record<string, string> = {
    end_turn: "stop",
    stop_sequence: "stop",
    max_tokens: "length",
    tool_use: "tool_calls",
    refusal: "content_filter",
  };
  return table[stop] ?? stop;
}

/** OpenAI finish vocabulary to Anthropic's, for results whose provider set no stop_reason. */
export function stopFromFinish(finish: string): string {
  const table: Record<string, string> = {
    stop: "end_turn",
    length: "max_tokens",
    tool_calls: "tool_use",
    function_call: "tool_use",
    content_filter: "refusal",
  };
  return table[finish] ?? finish;
}

/** The native Claude stop_reason of a result, if it has one. */
export const nativeStop = (result: Obj): string | undefined => str(obj(result.message).stop_reason);

/**
 * The stream's stopReason: Claude reports its own; every other provider sets none, so the driver
 * says `end_turn`, even on a tool-call turn, or `max_tokens` when the output was cut for length.
 */
export function streamStop(facts: AnswerFacts): string {
  if (facts.service === "claude") return nativeStop(facts.result) ?? "end_turn";
  return facts.result.finish_reason === "length" ? "max_tokens" : "end_turn";
}

const INPUT_KEYS = ["prompt_tokens", "cached_tokens", "prompt", "input_cache_read", "input_tokens"];
const OUTPUT_KEYS = ["completion_tokens", "thinking_tokens", "completion", "output_tokens"];

/** `usageDetails`: Claude's own breakdown, else every input-side and output-side key summed. */
export function usageDetails(usage: unknown, service: string): Record<string, number> {
  if (Array.isArray(usage)) {
    const sum = (type: string) => usage.map(obj).filter((u) => u.type === type).reduce((n, u) => n + num(u.amount), 0);
    return { inputTokens: sum("prompt"), outputTokens: sum("completion") };
  }
  const u = obj(usage);
  if (service === "claude") {
    return {
      inputTokens: num(u.input_tokens),
      outputTokens: num(u.output_tokens),
      cacheReadTokens: num(u.cache_read_input_tokens),
      cacheWrite5mTokens: num(u.ephemeral_5m_input_tokens),
      cacheWrite1hTokens: num(u.ephemeral_1h_input_tokens),
      reasoningTokens: num(u.thinking_tokens),
    };
  }
  const total = (keys: string[]) => keys.reduce((n, k) => n + num(u[k]), 0);
  return { inputTokens: total(INPUT_KEYS), outputTokens: total(OUTPUT_KEYS) };
}

/** The final usage line of a newer server, fields in its wire order. */
export function newerUsageLine(line: PuterLine, facts: AnswerFacts): PuterLine {
  const stopReason = streamStop(facts);
  const limited = facts.metadata?.usage_limited === true;
  return {
    type: "usage",
    ...("usage" in line ? { usage: line.usage } : {}),
    stopReason,
    stopSequence: null,
    stopDetails: null,
    finish_reason: finishFromStop(stopReason),
    usageDetails: usageDetails(line.usage, facts.service),
    ...(limited ? { metadata: { usage_limited: true } } : {}),
  };
}
