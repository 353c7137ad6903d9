import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkTemplated, collect, streamOf } from "../../test/helpers/streams.ts";
import { translateStage } from "../chat/run.ts";
import { UpstreamError } from "../errors.ts";
import type { SseMessage } from "../stream/sse-stage.ts";
import { stageStream } from "../stream/stage.ts";
import type { UpstreamEvent } from "../upstream/events.ts";
import type { OutputItem } from "./responses-body.ts";
import { parseResponsesRequest } from "./responses-request.ts";
import { ResponsesTranslator } from "./responses-translator.ts";

const identity = { id: "resp_abc123", created: 1_700_000_000, model: "m" };
const request = parseResponsesRequest({
  model: "m",
  input: "hi",
  tools: [
    { type: "function", name: "get_weather", parameters: { type: "object" } },
    { type: "custom", name: "apply_patch", description: "Edit files." },
    { type: "namespace", name: "crm", description: "CRM", tools: [{ type: "function", name: "lookup" }] },
  ],
});

type Event = Record<string, unknown> & { type: string; sequence_number: number };

async function streamed(events: UpstreamEvent[]): Promise<SseMessage[]> {
  const messages = await collect(streamOf(events).pipeThrough(stageStream(translateStage(new ResponsesTranslator(identity, request)))));
  return checkTemplated(messages, events.some((e) => e.type === "text" || e.type === "reasoning"));
}

function whole(events: UpstreamEvent[]) {
  const translator = new ResponsesTranslator(identity, request);
  for (const event of events) translator.onEvent(event, () => {});
  return translator.whole();
}

/** Rebuilds the output items from the events alone, as a client that ignores the final response would. */
function rebuild(events: Event[]): OutputItem[] {
  const items: OutputItem[] = [];
  for (const e of events) {
    if (e.type === "response.output_item.added") items[e.output_index as number] = structuredClone(e.item as OutputItem);
    const item = items[e.output_index as number];
    if (e.type === "response.output_text.delta" && item?.type === "message") (item.content[0] as { text: string }).text += e.delta;
    if (e.type === "response.reasoning_summary_text.delta" && item?.type === "reasoning") (item.summary[0] as { text: string }).text += e.delta;
    if (e.type === "response.content_part.added" && item?.type === "message") item.content.push(structuredClone(e.part) as never);
    if (e.type === "response.reasoning_summary_part.added" && item?.type === "reasoning") item.summary.push(structuredClone(e.part) as never);
    if (e.type === "response.function_call_arguments.delta" && item?.type === "function_call") item.arguments += e.delta;
    if (e.type === "response.custom_tool_call_input.delta" && item?.type === "custom_tool_call") item.input += e.delta;
    if (e.type === "response.output_item.done") {
      assert.equal((e.item as OutputItem).id, item?.id, "done names the item that was added at that index");
      items[e.output_index as number] = structuredClone(e.item as OutputItem);
      assert.deepEqual(e.item, { ...item, ...(item && "status" in item ? { status: "completed" } : {}) }, "the deltas add up to the done item");
    }
  }
  return items;
}

const answers: Array<{ name: string; events: UpstreamEvent[] }> = [
  { name: "text in pieces", events: [{ type: "text", text: "Hel" }, { type: "text", text: "lo" }, { type: "usage", usage: { promptTokens: 3, completionTokens: 2, cachedTokens: 1 } }] },
  { name: "reasoning then text", events: [{ type: "reasoning", text: "think" }, { type: "reasoning", text: "ing" }, { type: "text", text: "A" }, { type: "usage", usage: { promptTokens: 1, completionTokens: 9, reasoningTokens: 5 } }] },
  { name: "text then two whole calls", events: [{ type: "text", text: "Let me check." }, { type: "tool_call", id: "a", name: "get_weather", arguments: "{}" }, { type: "tool_call", id: "b", name: "crm__lookup", arguments: '{"x":1}' }] },
  {
    name: "calls streamed in fragments, a custom one among them",
    events: [
      { type: "tool_call_start", id: "c1", name: "get_weather" },
      { type: "tool_call_delta", id: "c1", arguments: '{"city":' },
      { type: "tool_call_delta", id: "c1", arguments: '"Paris"}' },
      { type: "tool_call_end", id: "c1" },
      { type: "tool_call_start", id: "c2", name: "apply_patch" },
      { type: "tool_call_delta", id: "c2", arguments: '{"input":"*** Begin' },
      { type: "tool_call_delta", id: "c2", arguments: ' Patch\\n"}' },
      { type: "tool_call_end", id: "c2" },
      { type: "finish", reason: "tool_calls" },
    ],
  },
  { name: "cut at the token limit", events: [{ type: "text", text: "This is cut" }, { type: "finish", reason: "length" }] },
  { name: "nothing at all", events: [] },
];

describe("ResponsesTranslator", () => {
  for (const { name, events } of answers) {
    it(`${name}: the stream and the whole answer agree`, async () => {
      const messages = await streamed(events);
      const data = messages.map((m) => m.data as Event);
      messages.forEach((m, i) => {
        assert.equal(m.event, data[i]?.type, "event: is data.type");
        assert.equal(data[i]?.sequence_number, i, "sequence numbers from 0 without gaps");
      });
      assert.deepEqual(data.slice(0, 2).map((e) => e.type), ["response.created", "response.in_progress"]);
      const last = data.at(-1)!;
      const expected = whole(events);
      assert.equal(last.type, expected.status === "incomplete" ? "response.incomplete" : "response.completed");
      assert.deepEqual(last.response, expected, "the closing event carries what whole() gives");
      assert.deepEqual(rebuild(data), expected.output, "the events alone rebuild the output");
      const ids = expected.output.map((item) => item.id);
      assert.equal(new Set(ids).size, ids.length, "item ids are unique");
    });
  }

  it("renders the Response object: ids, usage, output_text, echoed fields", () => {
    const response = whole(answers[1]!.events);
    assert.equal(response.object, "response");
    assert.equal(response.id, "resp_abc123");
    assert.equal(response.created_at, identity.created);
    assert.equal(response.status, "completed");
    assert.deepEqual(response.output.map((item) => [item.type, item.id.split("_")[0]]), [["reasoning", "rs"], ["message", "msg"]]);
    assert.equal(response.output_text, "A");
    assert.deepEqual(response.usage, { input_tokens: 1, input_tokens_details: { cached_tokens: 0 }, output_tokens: 9, output_tokens_details: { reasoning_tokens: 5 }, total_tokens: 10 });
    assert.equal(response.error, null);
    assert.equal(response.store, false);
    assert.deepEqual(response.tools.map((t) => (t as { name: string }).name), ["get_weather", "apply_patch", "crm"]);
  });

  it("maps flattened and custom names back: namespace, custom_tool_call with the raw input", () => {
    const output = whole(answers[3]!.events).output;
    assert.deepEqual(output[1], { type: "custom_tool_call", id: output[1]!.id, call_id: "c2", name: "apply_patch", input: "*** Begin Patch\n", status: "completed" });
    const ns = whole(answers[2]!.events).output[2];
    assert.deepEqual(ns && ns.type === "function_call" ? [ns.name, ns.namespace, ns.arguments] : ns, ["lookup", "crm", '{"x":1}']);
  });

  it("a length finish is incomplete with the reason", () => {
    const response = whole(answers[4]!.events);
    assert.equal(response.status, "incomplete");
    assert.deepEqual(response.incomplete_details, { reason: "max_output_tokens" });
  });

  it("a failure mid-stream ends with error then response.failed, never completed", async () => {
    const events: UpstreamEvent[] = [{ type: "text", text: "partial" }, { type: "error", error: new UpstreamError("Puter failed mid-answer.") }];
    const data = (await streamed(events)).map((m) => m.data as Event);
    const types = data.map((e) => e.type);
    assert.deepEqual(types.slice(-2), ["error", "response.failed"]);
    assert.ok(!types.includes("response.completed"));
    const error = data.at(-2)!;
    assert.equal((error.error as { message: string }).message, "Puter failed mid-answer.");
    assert.equal(typeof error.code, "string");
    const failed = data.at(-1)!.response as { status: string; error: { message: string }; output: OutputItem[] };
    assert.equal(failed.status, "failed");
    assert.equal(failed.error.message, "Puter failed mid-answer.");
    assert.equal(failed.output[0]?.type, "message");
    data.forEach((e, i) => assert.equal(e.sequence_number, i));
  });
});
