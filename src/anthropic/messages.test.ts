import assert from "node:assert/strict";
import { describe, it } from "node:test";
import Anthropic from "@anthropic-ai/sdk";
import { type AnswerScenario, ANSWER_SCENARIO_NAMES, EXPECTED, SCENARIOS } from "../../test/puter-double/scenarios.ts";
import { createPuterDouble } from "../../test/puter-double/double.ts";
import { createApp } from "../app.ts";
import { parseConfig } from "../config.ts";

const GENERATIONS = [
  { name: "older backend", token: "e2e-x" },
  { name: "newer backend", token: "newer-e2e-x" },
];

function setup(env: Record<string, string> = {}) {
  const double = createPuterDouble({ intervalMs: 0, fakeDelayMs: 1 });
  const app = createApp(parseConfig({ PUTER_API_BASE: double.url, LOG_LEVEL: "silent", ...env }), { fetch: double.fetch });
  const fetch = (url: string | URL | Request, init?: RequestInit) => Promise.resolve(app.fetch(new Request(url, init)));
  const client = (apiKey = "e2e-x") => new Anthropic({ apiKey, baseURL: "http://proxy.test", fetch, maxRetries: 0 });
  return { double, app, fetch, client };
}

const user: Anthropic.MessageParam[] = [{ role: "user", content: "hi" }];

/** What streaming and non-streaming must agree on, and what the scenario says the answer is. */
function summary(message: Anthropic.Message) {
  const text = message.content.flatMap((b) => (b.type === "text" ? [b.text] : [])).join("");
  const reasoning = message.content.flatMap((b) => (b.type === "thinking" ? [b.thinking] : [])).join("");
  const toolCalls = message.content.flatMap((b) => (b.type === "tool_use" ? [{ id: b.id, name: b.name, arguments: JSON.stringify(b.input) }] : []));
  return { text, reasoning, toolCalls };
}

const endsInError = (name: (typeof ANSWER_SCENARIO_NAMES)[number]) => {
  const { delivery } = SCENARIOS[name] as AnswerScenario;
  return Boolean(EXPECTED[name].streamError) || delivery === "stall" || delivery === "cut" || name === "legacy/usage-limited";
};

describe("POST /v1/messages: every answer scenario, both backend generations, streamed and not", () => {
  for (const generation of GENERATIONS) {
    for (const name of ANSWER_SCENARIO_NAMES.filter((n) => !endsInError(n))) {
      it(`${name} on the ${generation.name}`, async () => {
        const client = setup().client(generation.token);
        const expected = EXPECTED[name];
        const whole = await client.messages.create({ model: name, max_tokens: 100, messages: user });
        assert.match(whole.id, /^msg_/);
        assert.equal(whole.type, "message");
        assert.deepEqual(summary(whole), { text: expected.text, reasoning: expected.reasoning, toolCalls: expected.toolCalls });
        const stop = expected.toolCalls.length > 0 ? "tool_use" : expected.finishReason === "length" ? "max_tokens" : "end_turn";
        assert.equal(whole.stop_reason, stop);
        for (const block of whole.content) if (block.type === "thinking") assert.equal(typeof block.signature, "string");

        // Puter's streams say less than its whole answers (older ones: no signature, no finish
        // reason; usage without the provider's cache split), so only the meaning is compared here;
        // messages-translator.test.ts shows the same events give the same message either way.
        const streamed = await client.messages.stream({ model: name, max_tokens: 100, messages: user }).finalMessage();
        assert.deepEqual(summary(streamed), summary(whole), "the same blocks streamed and not");
        if (expected.toolCalls.length > 0) assert.equal(streamed.stop_reason, "tool_use");
      });
    }
  }
});

/** The SSE frames of a raw response, as [event, data] pairs. */
async function frames(response: Response): Promise<Array<[string, { type: string; index?: number; delta?: { type: string } }]>> {
  const text = await response.text();
  return text.split("\n\n").filter(Boolean).map((frame) => {
    const event = /^event: (.*)$/m.exec(frame)?.[1] ?? "";
    return [event, JSON.parse(/^data: (.*)$/m.exec(frame)?.[1] ?? "null")];
  });
}

const post = (fetch: ReturnType<typeof setup>["fetch"], body: unknown, headers: Record<string, string> = {}) =>
  fetch("http://proxy.test/v1/messages?beta=true", { method: "POST", headers: { "x-api-key": "newer-e2e-x", "anthropic-version": "2023-06-01", "content-type": "application/json", ...headers }, body: JSON.stringify(body) });

describe("the Anthropic event sequence", () => {
  for (const generation of GENERATIONS) {
    it(`claude/thinking then claude/tools on the ${generation.name}: event names equal data.type, indexes consecutive`, async () => {
      const { fetch } = setup();
      for (const model of ["claude/thinking", "claude/tools"]) {
        const response = await post(fetch, { model, max_tokens: 50, stream: true, messages: user }, { "x-api-key": generation.token });
        assert.equal(response.status, 200);
        assert.ok(response.headers.get("request-id")?.startsWith("msg_"));
        const list = await frames(response);
        for (const [event, data] of list) assert.equal(event, data.type);
        const types = list.map(([event]) => event);
        assert.equal(types[0], "message_start");
        assert.deepEqual(types.slice(-2), ["message_delta", "message_stop"]);
        const starts = list.filter(([e]) => e === "content_block_start").map(([, d]) => d.index);
        assert.deepEqual(starts, starts.map((_, i) => i));
        const deltas = new Set(list.filter(([e]) => e === "content_block_delta").map(([, d]) => d.delta?.type));
        // Only the newer backend streams the thinking signature.
        const thinking = generation.token.startsWith("newer-") ? ["signature_delta", "text_delta", "thinking_delta"] : ["text_delta", "thinking_delta"];
        if (model === "claude/thinking") assert.deepEqual([...deltas].sort(), thinking);
        else assert.deepEqual([...deltas].sort(), ["input_json_delta", "text_delta"]);
      }
    });
  }

  it("a failure after the stream began is one `event: error` frame, and the SDK raises", async () => {
    const failing = ANSWER_SCENARIO_NAMES.find((name) => EXPECTED[name].streamError);
    assert.ok(failing);
    const { fetch, client } = setup();
    const list = await frames(await post(fetch, { model: failing, max_tokens: 10, stream: true, messages: user }));
    const [event, data] = list.at(-1) ?? [];
    assert.equal(event, "error");
    assert.equal(data?.type, "error");
    assert.equal(list.filter(([e]) => e === "message_stop").length, 0);
    await assert.rejects(client().messages.stream({ model: failing, max_tokens: 10, messages: user }).finalMessage(), Anthropic.APIError);
  });
});
