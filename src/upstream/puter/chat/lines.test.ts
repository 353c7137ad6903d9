import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { UpstreamEvent } from "../../events.ts";
import { parseResult } from "./result.ts";
import { parseStreamLine } from "./lines.ts";

/** Events without their error objects, which are compared by status and code. */
function plain(events: UpstreamEvent[] | undefined) {
  return events?.map((e) => (e.type === "error" ? { type: "error", status: e.error.status, code: e.error.code } : e));
}

const lines: Array<{ name: string; line: unknown; expected: unknown[] }> = [
  { name: "text", line: { type: "text", text: "Hi" }, expected: [{ type: "text", text: "Hi" }] },
  { name: "empty text", line: { type: "text", text: "" }, expected: [] },
  { name: "reasoning", line: { type: "reasoning", reasoning: "hmm" }, expected: [{ type: "reasoning", text: "hmm" }] },
  { name: "tool_use with object input", line: { type: "tool_use", id: "t1", name: "f", input: { a: 1 }, text: "" }, expected: [{ type: "tool_call", id: "t1", name: "f", arguments: '{"a":1}' }] },
  { name: "tool_use with empty input", line: { type: "tool_use", id: "t1", name: "f", input: {} }, expected: [{ type: "tool_call", id: "t1", name: "f", arguments: "{}" }] },
  { name: "usage", line: { type: "usage", usage: { input_tokens: 3, output_tokens: 4 } }, expected: [{ type: "usage", usage: { promptTokens: 3, completionTokens: 4 } }] },
  { name: "usage line without usage", line: { type: "usage" }, expected: [] },
  { name: "error line", line: { type: "error", message: "Overloaded" }, expected: [{ type: "error", status: 502, code: "upstream_error" }] },
  { name: "legacy untyped text", line: { text: "old" }, expected: [{ type: "text", text: "old" }] },
  { name: "legacy insufficient funds", line: { error: { code: "insufficient_funds", message: "no" } }, expected: [{ type: "error", status: 402, code: "insufficient_quota" }] },
  { name: "legacy usage_limited", line: { text: "You have reached…", metadata: { usage_limited: true } }, expected: [{ type: "error", status: 402, code: "insufficient_quota" }] },
  { name: "legacy Anthropic delta", line: { type: "content_block_delta", delta: { type: "text_delta", text: "x" } }, expected: [{ type: "text", text: "x" }] },
  { name: "unknown type ignored", line: { type: "extra_content", extra_content: {} }, expected: [] },
  { name: "not an object", line: 42, expected: [] },
];

const envelope = (result: unknown, service = "openai-completion") => ({ success: true, result, metadata: { service_used: service } });

const results: Array<{ name: string; body: Record<string, unknown>; expected: unknown[] | undefined }> = [
  {
    name: "OpenAI-family choice with tool calls",
    body: envelope({ finish_reason: "tool_calls", message: { role: "assistant", content: null, tool_calls: [{ id: "c1", type: "function", function: { name: "f", arguments: '{"x":1}' } }] }, usage: { prompt_tokens: 2, completion_tokens: 3 } }),
    expected: [{ type: "tool_call", id: "c1", name: "f", arguments: '{"x":1}' }, { type: "usage", usage: { promptTokens: 2, completionTokens: 3 } }, { type: "finish", reason: "tool_calls" }],
  },
  {
    name: "OpenAI-family with reasoning and length",
    body: envelope({ finish_reason: "length", message: { content: "A", reasoning: "R" } }),
    expected: [{ type: "reasoning", text: "R" }, { type: "text", text: "A" }, { type: "finish", reason: "length" }],
  },
  {
    name: "Claude message: stop_reason wins over finish_reason",
    body: envelope({ finish_reason: "stop", message: { type: "message", content: [{ type: "thinking", thinking: "T", signature: "s" }, { type: "text", text: "A" }, { type: "tool_use", id: "tu", name: "f", input: { y: 2 } }], stop_reason: "tool_use", usage: { input_tokens: 1, output_tokens: 2 } } }, "claude"),
    expected: [{ type: "reasoning", text: "T" }, { type: "reasoning_signature", signature: "s" }, { type: "text", text: "A" }, { type: "tool_call", id: "tu", name: "f", arguments: '{"y":2}' }, { type: "usage", usage: { promptTokens: 1, completionTokens: 2 } }, { type: "finish", reason: "tool_calls" }],
  },
  {
    name: "Claude max_tokens is length",
    body: envelope({ finish_reason: "stop", message: { content: [{ type: "text", text: "A" }], stop_reason: "max_tokens" } }, "claude"),
    expected: [{ type: "text", text: "A" }, { type: "finish", reason: "length" }],
  },
  {
    name: "Responses provider shape",
    body: envelope({ finish_reason: "stop", index: 0, role: "assistant", message: { role: "assistant", content: "A", reasoning: null, tool_calls: [{ id: "call_9", type: "function", function: { name: "g", arguments: "{}" }, canonical_id: "fc_1" }] } }, "openai-responses"),
    expected: [{ type: "text", text: "A" }, { type: "tool_call", id: "call_9", name: "g", arguments: "{}" }, { type: "finish", reason: "stop" }],
  },
  {
    name: "legacy usage-limited answer",
    body: { success: true, result: { message: { content: "You have reached your AI usage limit for this account." } }, metadata: { usage_limited: true } },
    expected: [{ type: "error", status: 402, code: "insufficient_quota" }],
  },
  { name: "no message at all", body: { success: true, result: {} }, expected: undefined },
];

describe("parseStreamLine", () => {
  for (const row of lines) it(row.name, () => assert.deepEqual(plain(parseStreamLine(row.line)), row.expected));
});

describe("parseResult", () => {
  for (const row of results) it(row.name, () => assert.deepEqual(plain(parseResult(row.body)), row.expected));
});
