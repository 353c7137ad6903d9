import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkTemplated, collect, streamOf } from "../../test/helpers/streams.ts";
import { UpstreamError } from "../errors.ts";
import { translateStage } from "../chat/run.ts";
import type { UpstreamEvent } from "../upstream/events.ts";
import { OpenAIChatTranslator } from "./chat-translator.ts";
import { stageStream } from "../stream/stage.ts";
import type { ChatCompletion, ChatCompletionChunk } from "./types.ts";

const identity = { id: "chatcmpl-abc", created: 1_700_000_000, model: "m" };

/** Rebuilds a completion from chunks the way the OpenAI SDK's stream helper does. */
function accumulate(chunks: ChatCompletionChunk[]): ChatCompletion {
  const message: Record<string, unknown> = { role: "assistant", content: null, refusal: null };
  const calls: NonNullable<ChatCompletion["choices"][0]["message"]["tool_calls"]> = [];
  let finish: ChatCompletion["choices"][0]["finish_reason"] = "stop";
  let usage: ChatCompletion["usage"] = { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 };
  for (const chunk of chunks) {
    assert.equal(chunk.id, identity.id);
    assert.equal(chunk.created, identity.created);
    if (chunk.usage) usage = chunk.usage;
    const choice = chunk.choices[0];
    if (!choice) continue;
    if (choice.delta.content) message.content = `${(message.content as string | null) ?? ""}${choice.delta.content}`;
    if (choice.delta.reasoning_content) message.reasoning_content = `${(message.reasoning_content as string | undefined) ?? ""}${choice.delta.reasoning_content}`;
    for (const { index, ...call } of choice.delta.tool_calls ?? []) {
      const known = calls[index];
      if (known) known.function.arguments += call.function.arguments;
      else calls[index] = { id: call.id ?? "", type: "function", function: { name: call.function.name ?? "", arguments: call.function.arguments } };
    }
    if (choice.finish_reason) finish = choice.finish_reason;
  }
  if (calls.length) message.tool_calls = calls;
  if (message.content === null && !calls.length) message.content = "";
  return { ...identity, object: "chat.completion", choices: [{ index: 0, message: message as never, logprobs: null, finish_reason: finish }], usage };
}

async function streamed(events: UpstreamEvent[], includeUsage = true) {
  const messages = await collect(streamOf(events).pipeThrough(stageStream(translateStage(new OpenAIChatTranslator(identity, includeUsage)))));
  return checkTemplated(messages, events.some((e) => e.type === "text" || e.type === "reasoning")).map((m) => m.data);
}

function whole(events: UpstreamEvent[]): ChatCompletion {
  const translator = new OpenAIChatTranslator(identity);
  for (const event of events) translator.onEvent(event, () => {});
  return translator.whole();
}

const answers: Array<{ name: string; events: UpstreamEvent[] }> = [
  { name: "text in pieces", events: [{ type: "text", text: "Hel" }, { type: "text", text: "lo" }, { type: "usage", usage: { promptTokens: 3, completionTokens: 2 } }] },
  { name: "reasoning then text", events: [{ type: "reasoning", text: "think" }, { type: "text", text: "A" }, { type: "usage", usage: { promptTokens: 1, completionTokens: 9, reasoningTokens: 5 } }] },
  { name: "two tool calls", events: [{ type: "text", text: "Let me check." }, { type: "tool_call", id: "a", name: "f", arguments: "{}" }, { type: "tool_call", id: "b", name: "g", arguments: '{"x":1}' }] },
  { name: "no usage at all", events: [{ type: "text", text: "x" }] },
  {
    name: "a tool call streamed in fragments",
    events: [
      { type: "text", text: "Checking." },
      { type: "tool_call_start", id: "call_6", name: "lookup" },
      { type: "tool_call_delta", id: "call_6", arguments: '{"q":' },
      { type: "tool_call_delta", id: "call_6", arguments: '"puter"}' },
      { type: "tool_call_end", id: "call_6" },
      { type: "tool_call", id: "call_7", name: "whole", arguments: "{}" },
      { type: "finish", reason: "stop" },
    ],
  },
];

describe("ChatTranslator", () => {
  for (const { name, events } of answers) {
    it(`${name}: the stream and the whole answer agree`, async () => {
      const data = await streamed(events);
      assert.equal(data.at(-1), "[DONE]");
      const chunks = data.slice(0, -1) as ChatCompletionChunk[];
      assert.equal(chunks[0]?.choices[0]?.delta.role, "assistant", "the first chunk carries the role");
      assert.deepEqual(accumulate(chunks), whole(events));
    });
  }

  it("sends usage as a last chunk with no choices only when asked", async () => {
    const events: UpstreamEvent[] = [{ type: "text", text: "x" }, { type: "usage", usage: { promptTokens: 2, completionTokens: 1, cachedTokens: 1 } }];
    const withUsage = (await streamed(events, true)) as ChatCompletionChunk[];
    const last = withUsage.at(-2);
    assert.deepEqual(last?.choices, []);
    assert.deepEqual(last?.usage, { prompt_tokens: 2, completion_tokens: 1, total_tokens: 3, prompt_tokens_details: { cached_tokens: 1 } });
    const without = (await streamed(events, false)) as ChatCompletionChunk[];
    assert.ok(without.slice(0, -1).every((chunk) => chunk.usage === undefined));
  });

  it("gives each tool call its index, id and whole arguments in one delta", async () => {
    const data = (await streamed([{ type: "tool_call", id: "", name: "f", arguments: '{"a":1}' }])) as ChatCompletionChunk[];
    const call = data[0]?.choices[0]?.delta.tool_calls?.[0];
    assert.equal(call?.index, 0);
    assert.match(call?.id ?? "", /^call_/);
    assert.deepEqual(call?.function, { name: "f", arguments: '{"a":1}' });
    assert.equal(data[1]?.choices[0]?.finish_reason, "tool_calls");
  });

  it("streams a tool call as OpenAI does: id and name with empty arguments first, then fragments under its index", async () => {
    const data = (await streamed([
      { type: "tool_call_start", id: "call_6", name: "lookup" },
      { type: "tool_call_delta", id: "call_6", arguments: '{"q":' },
      { type: "tool_call_delta", id: "unknown", arguments: "dropped" },
      { type: "tool_call_delta", id: "call_6", arguments: '"puter"}' },
      { type: "tool_call_end", id: "call_6" },
    ])) as ChatCompletionChunk[];
    const calls = data.map((chunk) => chunk.choices?.[0]?.delta.tool_calls?.[0]).filter(Boolean);
    assert.deepEqual(calls, [
      { index: 0, id: "call_6", type: "function", function: { name: "lookup", arguments: "" } },
      { index: 0, function: { arguments: '{"q":' } },
      { index: 0, function: { arguments: '"puter"}' } },
    ]);
  });

  it("ends a stream with one error message and no [DONE] on an error event", async () => {
    const data = await streamed([{ type: "text", text: "x" }, { type: "error", error: new UpstreamError("Puter failed.") }, { type: "text", text: "never" }]);
    assert.equal(data.length, 2);
    assert.deepEqual(data[1], { error: { message: "Puter failed.", type: "api_error", param: null, code: "upstream_error" } });
  });

  it("maps the upstream finish reason, and tool calls override it", () => {
    assert.equal(whole([{ type: "text", text: "x" }, { type: "finish", reason: "length" }]).choices[0]?.finish_reason, "length");
    assert.equal(whole([{ type: "tool_call", id: "a", name: "f", arguments: "{}" }, { type: "finish", reason: "stop" }]).choices[0]?.finish_reason, "tool_calls");
    assert.equal(whole([{ type: "tool_call", id: "a", name: "f", arguments: "{}" }]).choices[0]?.message.content, null);
  });
});
