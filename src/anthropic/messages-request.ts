import type { ChatRequest } from "../chat/request.ts";
import type { PuterContentPart, PuterMessage, PuterTool } from "../upstream/puter/messages.ts";
import type { ParsedBlock, ParsedImage, ParsedMessage, ParsedMessages } from "./messages-schema.ts";

/** A Messages request in neutral form, plus what only the Anthropic translator reads. */
export interface AnthropicRequest extends ChatRequest {
  /** Enforced by the translator too, since not every vendor behind Puter honours them. */
  stopSequences: string[];
}

/** The Puter model a request goes to, and whether Puter serves it through its Claude provider. */
export interface ModelTarget {
  model: string;
  claude: boolean;
}

/** The text a failed tool result is prefixed with, since OpenAI-style tool messages have no error flag. */
export const TOOL_ERROR_PREFIX = "[error] ";

/** Thinking budgets at or above these get the next effort up; below 4096 is `low`. */
const MEDIUM_BUDGET = 4096;
const HIGH_BUDGET = 16384;

/** Older Claude providers read only Anthropic image blocks; every other vendor reads OpenAI's (protocol §1.6). */
function toImagePart(image: ParsedImage, claude: boolean): PuterContentPart {
  const { source } = image;
  if (claude) return { type: "image", source };
  const url = source.type === "base64" ? `data:${source.media_type};base64,${source.data}` : source.url;
  return { type: "image_url", image_url: { url } };
}

function toolResultText(block: Extract<ParsedBlock, { type: "tool_result" }>): string {
  const content = block.content ?? "";
  const text = typeof content === "string" ? content : content.map((part) => (part.type === "text" ? part.text : "[image]")).join("\n");
  return block.is_error ? `${TOOL_ERROR_PREFIX}${text}` : text;
}

/** A user turn: tool results become `tool` messages, text and images one user message, in block order. */
function fromUser(content: ParsedBlock[], claude: boolean): PuterMessage[] {
  const out: PuterMessage[] = [];
  let parts: PuterContentPart[] = [];
  const flush = () => {
    if (parts.length > 0) out.push({ role: "user", content: parts });
    parts = [];
  };
  for (const block of content) {
    if (block.type === "tool_result") {
      flush();
      out.push({ role: "tool", tool_call_id: block.tool_use_id, content: toolResultText(block) });
    } else if (block.type === "text") parts.push({ type: "text", text: block.text });
    else if (block.type === "image") parts.push(toImagePart(block, claude));
  }
  flush();
  return out;
}

/** An assistant turn: text joined, tool uses as `tool_calls`, earlier thinking dropped. */
function fromAssistant(content: ParsedBlock[]): PuterMessage {
  let text = "";
  const calls = [];
  for (const block of content) {
    if (block.type === "text") text += block.text;
    else if (block.type === "tool_use") calls.push({ id: block.id, type: "function" as const, function: { name: block.name, arguments: JSON.stringify(block.input ?? {}) } });
  }
  if (calls.length === 0) return { role: "assistant", content: text };
  return { role: "assistant", content: text || null, tool_calls: calls };
}

function fromMessage(message: ParsedMessage, claude: boolean): PuterMessage[] {
  const { role, content } = message;
  if (typeof content === "string") return [{ role, content }];
  if (role === "assistant") return [fromAssistant(content)];
  if (role === "system") return [{ role, content: content.flatMap((b) => (b.type === "text" ? [b.text] : [])).join("\n\n") }];
  return fromUser(content, claude);
}

/** The system prompt as one message; `cache_control` and other block fields are dropped. */
function systemMessages(system: ParsedMessages["system"]): PuterMessage[] {
  if (system === undefined) return [];
  const text = typeof system === "string" ? system : system.map((block) => block.text).join("\n\n");
  return text ? [{ role: "system", content: text }] : [];
}

/** Puter's reasoning effort: `output_config.effort` wins, else the thinking budget picks one. */
function reasoningEffort(parsed: ParsedMessages): string | undefined {
  if (parsed.output_config?.effort) return parsed.output_config.effort;
  const thinking = parsed.thinking;
  if (thinking?.type === "adaptive") return "medium";
  if (thinking?.type !== "enabled") return undefined;
  return thinking.budget_tokens >= HIGH_BUDGET ? "high" : thinking.budget_tokens >= MEDIUM_BUDGET ? "medium" : "low";
}

/** Client tools as OpenAI function tools; server tools (a `type` other than `custom`) Puter cannot run are left out. */
function toTools(tools: ParsedMessages["tools"]): PuterTool[] {
  return (tools ?? [])
    .filter((tool) => tool.type === undefined || tool.type === "custom")
    .map((tool) => ({ type: "function", function: { name: tool.name, ...(tool.description ? { description: tool.description } : {}), parameters: tool.input_schema ?? { type: "object" } } }));
}

/** Puter's args for the answer settings and tools, under the names Puter reads (docs/puter-wire.md §2.2). */
function toParams(parsed: ParsedMessages): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  if (parsed.max_tokens !== undefined) params.max_tokens = parsed.max_tokens;
  if (parsed.temperature !== undefined) params.temperature = parsed.temperature;
  if (parsed.top_p !== undefined) params.top_p = parsed.top_p;
  if (parsed.stop_sequences?.length) params.stopSequences = parsed.stop_sequences;
  const effort = reasoningEffort(parsed);
  if (effort) params.reasoning_effort = effort;
  const tools = toTools(parsed.tools);
  const choice = parsed.tool_choice;
  // `none` sends no tools at all: some vendors ignore tool_choice, and without tools none can be called.
  if (tools.length === 0 || choice?.type === "none") return params;
  params.tools = tools;
  if (choice?.type === "auto") params.tool_choice = "auto";
  if (choice?.type === "any") params.tool_choice = "required";
  if (choice?.type === "tool") params.tool_choice = { type: "function", function: { name: choice.name } };
  if (choice?.disable_parallel_tool_use) params.parallel_tool_calls = false;
  return params;
}

/** The neutral chat request for a validated Messages body, sent to `target`. */
export function toChatRequest(parsed: ParsedMessages, target: ModelTarget): AnthropicRequest {
  const messages = [...systemMessages(parsed.system), ...parsed.messages.flatMap((message) => fromMessage(message, target.claude))];
  return {
    model: target.model,
    messages,
    stream: parsed.stream === true,
    params: toParams(parsed),
    stopSequences: parsed.stop_sequences ?? [],
  };
}
