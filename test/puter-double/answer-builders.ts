import type {
  AnswerExpectation,
  AnswerScenario,
  Delivery,
  JsonResponse,
  PuterLine,
  ToolCallExpectation,
} from "./scenario-types.ts";

/** A tool call as the model made it; `input` is the parsed arguments object. */
export interface ToolCallSpec {
  id: string;
  name: string;
  input: Record<string, unknown>;
  /** Responses API item id (`fc_…`), sent as `canonical_id`. */
  canonicalId?: string;
}

/** One answer, described once; the builders derive the stream lines, the result and the expectation from it. */
export interface AnswerSpec {
  service: string;
  providerUsed: string;
  /** Text deltas as streamed; joined they are the final text. */
  text: string[];
  reasoning?: string[];
  toolCalls?: ToolCallSpec[];
  /** Puter usage (with `usd_cents`), a legacy array, or null when Puter sends none. */
  usage: unknown;
  /** The upstream's own finish: an OpenAI finish_reason or a Claude stop_reason. */
  finish: string;
  promptTokens: number | null;
  completionTokens: number | null;
  delivery?: Delivery;
  lineGapMs?: number;
  /** Lines that replace the usage line at the end of the stream (in-band errors). */
  streamTail?: PuterLine[];
  /** The tail on newer servers when it differs (error lines with `code` and `status`, docs/puter-wire.md §3.2). */
  newerStreamTail?: PuterLine[];
  streamError?: string;
  /** Set when an older server ends the stream otherwise: see `AnswerExpectation.olderStreamError`. */
  olderStreamError?: string | null;
  /** Claude server-tool blocks (web search), before the text; newer streams show them as `server_tool` lines. */
  serverTools?: Record<string, unknown>[];
  /** Claude safeguard results; newer streams show them as one `safeguard_results` line before usage. */
  safeguards?: unknown[];
  nonStream?: JsonResponse;
  metadata?: Record<string, unknown>;
  /** Pre-2025-02 framing: `{"text":…}` lines without `type`. */
  untypedLines?: boolean;
  /** Claude thinking-block signature. */
  signature?: string;
  /** Claude message id. */
  messageId?: string;
}

const toolCallsOf = (spec: AnswerSpec): ToolCallSpec[] => spec.toolCalls ?? [];

function expectationOf(spec: AnswerSpec): AnswerExpectation {
  const toolCalls: ToolCallExpectation[] = toolCallsOf(spec).map((t) => ({
    id: t.id,
    name: t.name,
    arguments: JSON.stringify(t.input),
  }));
  const truncated = spec.finish === "length" || spec.finish === "max_tokens";
  return {
    text: spec.text.join(""),
    reasoning: (spec.reasoning ?? []).join(""),
    toolCalls,
    finishReason: toolCalls.length > 0 ? "tool_calls" : truncated ? "length" : "stop",
    usage: spec.usage,
    promptTokens: spec.promptTokens,
    completionTokens: spec.completionTokens,
    service: spec.service,
    providerUsed: spec.providerUsed,
    ...(spec.streamError === undefined ? {} : { streamError: spec.streamError }),
    ...(spec.olderStreamError === undefined ? {} : { olderStreamError: spec.olderStreamError }),
  };
}

/**
 * Stream lines in the order Puter's providers emit them: reasoning, text, tool calls, then usage.
 * Newer Claude streams also frame the thinking (`reasoning_start`, `reasoning_detail` with its
 * signature) and show server tools and safeguards (docs/puter-wire.md §3.1).
 */
function linesOf(spec: AnswerSpec, newer: boolean, claude: boolean): PuterLine[] {
  const lines: PuterLine[] = [];
  const framed = newer && claude && spec.reasoning !== undefined;
  if (framed) lines.push({ type: "reasoning_start", format: "anthropic" });
  for (const reasoning of spec.reasoning ?? []) lines.push({ type: "reasoning", reasoning });
  if (framed) {
    const thinking = (spec.reasoning ?? []).join("");
    lines.push({ type: "reasoning_detail", detail: { type: "thinking", thinking, signature: spec.signature ?? "" } });
  }
  if (newer) for (const block of spec.serverTools ?? []) lines.push({ type: "server_tool", block });
  for (const text of spec.text) lines.push(spec.untypedLines ? { text } : { type: "text", text });
  for (const t of toolCallsOf(spec)) {
    const canonical = t.canonicalId === undefined ? {} : { canonical_id: t.canonicalId };
    lines.push({ type: "tool_use", id: t.id, name: t.name, ...canonical, input: t.input, text: "" });
  }
  if (newer && spec.safeguards) lines.push({ type: "safeguard_results", results: spec.safeguards });
  const tail = newer ? (spec.newerStreamTail ?? spec.streamTail) : spec.streamTail;
  if (tail) lines.push(...tail);
  else if (spec.usage !== null) lines.push({ type: "usage", usage: spec.usage });
  return lines;
}

function scenarioOf(spec: AnswerSpec, result: Record<string, unknown>, claude = false): AnswerScenario {
  return {
    kind: "answer",
    result,
    lines: linesOf(spec, false, claude),
    newerLines: linesOf(spec, true, claude),
    expected: expectationOf(spec),
    ...(spec.metadata ? { metadata: spec.metadata } : {}),
    ...(spec.delivery ? { delivery: spec.delivery } : {}),
    ...(spec.lineGapMs === undefined ? {} : { lineGapMs: spec.lineGapMs }),
    ...(spec.nonStream ? { nonStream: spec.nonStream } : {}),
  };
}

const usageField = (spec: AnswerSpec) => (spec.usage === null ? {} : { usage: spec.usage });

const openAIToolCalls = (spec: AnswerSpec) =>
  toolCallsOf(spec).map((t) => ({
    id: t.id,
    type: "function",
    function: { name: t.name, arguments: JSON.stringify(t.input) },
    ...(t.canonicalId === undefined ? {} : { canonical_id: t.canonicalId }),
  }));

/** Shape (a): OpenAI-family providers return `choices[0]` with `usage` attached. */
export function openAIAnswer(spec: AnswerSpec): AnswerScenario {
  const text = spec.text.join("");
  const tools = openAIToolCalls(spec);
  const message = {
    role: "assistant",
    content: text === "" && tools.length > 0 ? null : text,
    ...(spec.reasoning ? { reasoning: spec.reasoning.join("") } : {}),
    refusal: null,
    ...(tools.length > 0 ? { tool_calls: tools } : {}),
  };
  const result = { index: 0, message, logprobs: null, finish_reason: spec.finish, ...usageField(spec) };
  return scenarioOf(spec, result);
}

/** Shape (c): the Responses provider flattens its output into one message; finish_reason is always "stop". */
export function responsesAnswer(spec: AnswerSpec): AnswerScenario {
  const tools = openAIToolCalls(spec);
  const message = {
    role: "assistant",
    content: spec.text.join(""),
    reasoning: null,
    refusal: null,
    ...(tools.length > 0 ? { tool_calls: tools } : {}),
  };
  const result = { finish_reason: "stop", index: 0, role: "assistant", message, ...usageField(spec) };
  return scenarioOf(spec, result);
}

/** Anthropic's own usage object, which Puter flattens into its metered keys. */
function anthropicUsage(usage: unknown): Record<string, unknown> {
  const u = (usage ?? {}) as Record<string, number | undefined>;
  const e5m = u.ephemeral_5m_input_tokens ?? 0;
  const e1h = u.ephemeral_1h_input_tokens ?? 0;
  return {
    input_tokens: u.input_tokens ?? 0,
    cache_creation_input_tokens: e5m + e1h,
    cache_read_input_tokens: u.cache_read_input_tokens ?? 0,
    cache_creation: { ephemeral_5m_input_tokens: e5m, ephemeral_1h_input_tokens: e1h },
    output_tokens: u.output_tokens ?? 0,
    service_tier: "standard",
  };
}

/** Shape (b): the raw Anthropic Message, Puter's metered usage beside it, finish_reason always "stop". */
export function claudeAnswer(spec: AnswerSpec): AnswerScenario {
  const content: Record<string, unknown>[] = [];
  if (spec.reasoning) {
    content.push({ type: "thinking", thinking: spec.reasoning.join(""), signature: spec.signature ?? "" });
  }
  content.push(...(spec.serverTools ?? []));
  if (spec.text.length > 0) content.push({ type: "text", text: spec.text.join("") });
  for (const t of toolCallsOf(spec)) content.push({ type: "tool_use", id: t.id, name: t.name, input: t.input });
  const message = {
    id: spec.messageId ?? "msg_01PuterDouble",
    type: "message",
    role: "assistant",
    model: spec.providerUsed,
    content,
    stop_reason: spec.finish,
    stop_sequence: null,
    usage: anthropicUsage(spec.usage),
  };
  return scenarioOf(spec, { message, ...usageField(spec), finish_reason: "stop" }, true);
}
