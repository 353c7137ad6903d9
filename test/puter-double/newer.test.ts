import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { createPuterDouble } from "./double.ts";
import { generation, NEWER_TOKEN_PREFIX } from "./generation.ts";
import { jsonFragments } from "./newer-stream.ts";
import { chatBody, parseNdjson, VALID_TOKEN } from "./test-helpers.ts";

// Exact lines and results of the newer backend (docs/puter-wire.md §2.3), through the fetch double.

const double = createPuterDouble({ fakeDelayMs: 5, intervalMs: 1 });
after(() => double.close());

const NEWER = `${NEWER_TOKEN_PREFIX}unit`;

function call(args: Record<string, unknown>, token = NEWER): Promise<Response> {
  return double.fetch(`${double.url}/drivers/call`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify(chatBody(args)),
  });
}
const lines = async (args: Record<string, unknown>, token = NEWER) =>
  parseNdjson(await (await call({ ...args, stream: true }, token)).text());
const result = async (args: Record<string, unknown>, token = NEWER) =>
  ((await (await call(args, token)).json()) as { result: Record<string, unknown> }).result;

describe("generation()", () => {
  it("picks the newer backend only for the prefix", () => {
    assert.equal(generation("newer-e2e-secret"), "newer");
    assert.equal(generation("e2e-newer-secret"), "older");
    assert.equal(generation(undefined), "older");
  });
  it("cuts arguments JSON into two or more fragments that join back", () => {
    const json = JSON.stringify({ city: "Paris" });
    const parts = jsonFragments(json);
    assert.ok(parts.length >= 2);
    assert.equal(parts.join(""), json);
    assert.deepEqual(jsonFragments("{}"), ["{}"]);
  });
});

describe("newer streams", () => {
  it("streams tool input: start, deltas, the whole tool_use, then the richer usage line", async () => {
    const got = await lines({ model: "openai/tools", streamToolInput: true });
    assert.deepEqual(got, [
      { type: "tool_use_start", id: "call_weather_1", name: "get_weather" },
      { type: "tool_input_delta", id: "call_weather_1", partialJson: '{"city' },
      { type: "tool_input_delta", id: "call_weather_1", partialJson: '":"Par' },
      { type: "tool_input_delta", id: "call_weather_1", partialJson: 'is"}' },
      { type: "tool_use", id: "call_weather_1", name: "get_weather", input: { city: "Paris" }, text: "" },
      {
        type: "usage",
        usage: { prompt_tokens: 52, completion_tokens: 17, cached_tokens: 0, usd_cents: 0.0018 },
        stopReason: "end_turn",
        stopSequence: null,
        stopDetails: null,
        finish_reason: "stop",
        usageDetails: { inputTokens: 52, outputTokens: 17 },
      },
    ]);
  });
  it("keeps canonical_id on tool_use_start", async () => {
    const got = await lines({ model: "responses/tools", streamToolInput: true });
    assert.equal(got[0]?.type, "tool_use_start");
    assert.equal(got[0]?.canonical_id, "fc_0123456789abcdef");
  });
  it("sends whole tool_use lines without the flag, and older servers ignore the flag", async () => {
    for (const [args, token] of [[{ model: "openai/tools" }, NEWER], [{ model: "openai/tools", streamToolInput: true }, VALID_TOKEN]] as const) {
      const got = await lines(args, token);
      assert.deepEqual(got.map((l) => l.type), ["tool_use", "usage"]);
    }
  });
  it("gives older usage lines only the usage", async () => {
    const got = await lines({ model: "claude/text" }, VALID_TOKEN);
    assert.deepEqual(Object.keys(got.at(-1)!), ["type", "usage"]);
  });
  it("ends Claude streams with the real stop reason and Claude's usage breakdown, in wire order", async () => {
    const usage = (await lines({ model: "claude/max-tokens" })).at(-1)!;
    assert.deepEqual(Object.keys(usage), ["type", "usage", "stopReason", "stopSequence", "stopDetails", "finish_reason", "usageDetails"]);
    assert.equal(usage.stopReason, "max_tokens");
    assert.equal(usage.finish_reason, "length");
    assert.deepEqual(usage.usageDetails, {
      inputTokens: 12,
      outputTokens: 16,
      cacheReadTokens: 64,
      cacheWrite5mTokens: 8,
      cacheWrite1hTokens: 4,
      reasoningTokens: 0,
    });
  });
  it("sums every input- and output-side key for other providers (Gemini thinking included)", async () => {
    const usage = (await lines({ model: "gemini/text" })).at(-1)!;
    assert.deepEqual(usage.usageDetails, { inputTokens: 13, outputTokens: 26 });
  });
  it("ends the fake model's stream as docs/puter-wire.md §3.2's first example", async () => {
    const usage = (await lines({ model: "fake" })).at(-1);
    assert.equal(
      JSON.stringify(usage),
      '{"type":"usage","usage":{"usd_cents":null},"stopReason":"end_turn","stopSequence":null,"stopDetails":null,' +
        '"finish_reason":"stop","usageDetails":{"inputTokens":0,"outputTokens":0}}',
    );
  });
  it("adds metadata.usage_limited last when the scenario ran out of funds", async () => {
    const usage = (await lines({ model: "legacy/usage-limited" })).at(-1)!;
    assert.deepEqual(Object.keys(usage).at(-1), "metadata");
    assert.deepEqual(usage.metadata, { usage_limited: true });
  });
  it("gives mid-stream errors a code and status; older servers only a message", async () => {
    assert.deepEqual((await lines({ model: "stream/mid-error" })).at(-1), {
      type: "error",
      message: "Overloaded",
      code: "overloaded_error",
      status: 529,
    });
    assert.deepEqual((await lines({ model: "stream/mid-error" }, VALID_TOKEN)).at(-1), { type: "error", message: "Overloaded" });
    assert.equal((await lines({ model: "stream/mid-error-rate-limited" })).at(-1)?.status, 429);
  });
  it("says when a stream ended early; an older server just stops", async () => {
    assert.deepEqual((await lines({ model: "stream/ended-early" })).at(-1), {
      type: "error",
      message: "Stream ended before completion",
      status: 500,
    });
    assert.deepEqual((await lines({ model: "stream/ended-early" }, VALID_TOKEN)).map((l) => l.type), ["text", "text"]);
  });
  it("frames Claude thinking with reasoning_start and a signed reasoning_detail", async () => {
    const got = await lines({ model: "claude/thinking" });
    assert.deepEqual(got.map((l) => l.type), ["reasoning_start", "reasoning", "reasoning", "reasoning_detail", "text", "text", "usage"]);
    assert.deepEqual(got[0], { type: "reasoning_start", format: "anthropic" });
    assert.deepEqual(got[3], {
      type: "reasoning_detail",
      detail: {
        type: "thinking",
        thinking: "The user greets me. A short, friendly reply fits.",
        signature: "EqQBCkYIBxgCKkBQdXRlckRvdWJsZVNpZ25hdHVyZQ==",
      },
    });
    const older = await lines({ model: "claude/thinking" }, VALID_TOKEN);
    assert.deepEqual(older.map((l) => l.type), ["reasoning", "reasoning", "text", "text", "usage"]);
  });
  it("shows server tools and safeguards on newer servers only", async () => {
    const got = await lines({ model: "claude/web-search" });
    assert.deepEqual(got.map((l) => l.type), ["server_tool", "server_tool", "text", "text", "safeguard_results", "usage"]);
    assert.deepEqual(got[4], { type: "safeguard_results", results: [{ type: "dangerous_tool_use", status: {} }] });
    const older = await lines({ model: "claude/web-search" }, VALID_TOKEN);
    assert.deepEqual(older.map((l) => l.type), ["text", "text", "usage"]);
  });
});

describe("newer non-stream results", () => {
  it("coerces a Claude result to the OpenAI shape with normalize:true", async () => {
    const got = await result({ model: "claude/tools", normalize: true });
    assert.deepEqual(got, {
      message: {
        role: "assistant",
        content: "Let me check the weather.",
        refusal: null,
        tool_calls: [
          { id: "toolu_01Weather", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } },
        ],
      },
      finish_reason: "tool_calls",
      usage: {
        input_tokens: 400,
        ephemeral_5m_input_tokens: 50,
        ephemeral_1h_input_tokens: 10,
        cache_read_input_tokens: 1200,
        output_tokens: 60,
        thinking_tokens: 0,
        usd_cents: 0.09025,
      },
      stopReason: "tool_use",
      usageDetails: {
        inputTokens: 400,
        outputTokens: 60,
        cacheReadTokens: 1200,
        cacheWrite5mTokens: 50,
        cacheWrite1hTokens: 10,
        reasoningTokens: 0,
      },
      normalized: true,
      via_ai_chat_service: true,
    });
  });
  it("keeps reasoning and its signed details, and maps max_tokens to length", async () => {
    const thinking = await result({ model: "claude/thinking", normalize: true });
    const message = thinking.message as Record<string, unknown>;
    assert.equal(message.content, "Hi! How can I help?");
    assert.equal(message.reasoning, "The user greets me. A short, friendly reply fits.");
    assert.equal((message.reasoning_details as { signature: string }[])[0]?.signature, "EqQBCkYIBxgCKkBQdXRlckRvdWJsZVNpZ25hdHVyZQ==");
    assert.equal((await result({ model: "claude/max-tokens", normalize: true })).finish_reason, "length");
    const search = (await result({ model: "claude/web-search", normalize: true })).message as Record<string, unknown>;
    assert.equal(search.content, "It is sunny in Paris today.");
    assert.equal(search.tool_calls, undefined, "server tools are not client tool calls");
  });
  it("passes OpenAI-shaped results through, adding normalized, stopReason and usageDetails", async () => {
    const got = await result({ model: "openai/tools", normalize: true });
    assert.equal(got.finish_reason, "tool_calls");
    assert.equal(got.stopReason, "tool_use");
    assert.equal(got.normalized, true);
    assert.equal(got.index, 0);
    assert.deepEqual(got.usageDetails, { inputTokens: 52, outputTokens: 17 });
  });
  it("keeps native shapes without the flag, still with stopReason and usageDetails", async () => {
    const got = await result({ model: "claude/text" });
    assert.equal((got.message as { type: string }).type, "message");
    assert.equal(got.finish_reason, "stop");
    assert.equal(got.stopReason, "end_turn");
    assert.equal(got.normalized, undefined);
    const older = await result({ model: "claude/text", normalize: true }, VALID_TOKEN);
    assert.equal(older.stopReason, undefined);
    assert.equal(older.normalized, undefined);
  });
  it("normalizes the fake model too", async () => {
    const got = await result({ model: "fake", normalize: true });
    assert.equal(typeof (got.message as { content: unknown }).content, "string");
    assert.deepEqual(got.usageDetails, { inputTokens: 0, outputTokens: 1 });
  });
  it("echoes the newly honoured args so tests can check what was sent", async () => {
    const sent = { tool_choice: "required", parallel_tool_calls: true, stopSequences: ["END"], outputFormat: { type: "json_schema", schema: {} }, top_p: 0.9 };
    const got = await result({ model: "echo", ...sent });
    const echoed = JSON.parse(String((got.message as { content: string }).content)) as Record<string, unknown>;
    for (const [key, value] of Object.entries(sent)) assert.deepEqual(echoed[key], value);
  });
});
