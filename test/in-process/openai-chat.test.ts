import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import OpenAI from "openai";
import type { ChatCompletion, ChatCompletionCreateParamsNonStreaming } from "openai/resources/chat/completions";
import { ANSWER_SCENARIO_NAMES, type AnswerScenario, EXPECTED, SCENARIOS } from "../puter-double/scenarios.ts";
import { inProcess, TOKENS } from "./app.ts";

const user = [{ role: "user" as const, content: "hi" }];
const h = inProcess();
after(() => h.double.close());

const client = (apiKey: string) => new OpenAI({ apiKey, baseURL: "http://proxy.test/v1", maxRetries: 0, timeout: 10_000, fetch: h.fetch });

function summary(completion: ChatCompletion) {
  const message = completion.choices[0]?.message as ChatCompletion["choices"][0]["message"] & { reasoning_content?: string };
  const toolCalls = (message.tool_calls ?? []).map((call) => (call.type === "function" ? { id: call.id, name: call.function.name, arguments: call.function.arguments } : call));
  return { text: message.content ?? "", reasoning: message.reasoning_content ?? "", toolCalls, finishReason: completion.choices[0]?.finish_reason };
}

const endsInError = (name: (typeof ANSWER_SCENARIO_NAMES)[number]) => {
  const { delivery } = SCENARIOS[name] as AnswerScenario;
  const expected = EXPECTED[name];
  return Boolean(expected.streamError) || expected.olderStreamError !== undefined || delivery === "stall" || delivery === "cut" || name === "legacy/usage-limited";
};

for (const generation of ["older", "newer"] as const) {
  describe(`OpenAI chat in-process, ${generation} Puter backend`, () => {
    for (const name of ANSWER_SCENARIO_NAMES.filter((n) => !endsInError(n))) {
      it(`${name}: whole and streamed answers are what the scenario means`, async () => {
        const expected = EXPECTED[name];
        const openai = client(TOKENS[generation]);
        const whole = summary(await openai.chat.completions.create({ model: name, messages: user }));
        assert.deepEqual({ text: whole.text, reasoning: whole.reasoning, toolCalls: whole.toolCalls }, { text: expected.text, reasoning: expected.reasoning, toolCalls: expected.toolCalls });
        assert.equal(whole.finishReason, expected.finishReason);
        const streamed = summary(await openai.chat.completions.stream({ model: name, messages: user }).finalChatCompletion());
        assert.deepEqual({ text: streamed.text, toolCalls: streamed.toolCalls }, { text: expected.text, toolCalls: expected.toolCalls });
        // Only newer servers say why a stream ended (their usage line); older streams end as "stop".
        const streamedFinish = expected.toolCalls.length > 0 ? "tool_calls" : generation === "newer" ? expected.finishReason : "stop";
        assert.equal(streamed.finishReason, streamedFinish);
      });
    }
  });
}

describe("incremental tool arguments (newer backend)", () => {
  it("the SDK's stream helper sees argument fragments and builds the same final call as the older backend", async () => {
    const fragments: string[] = [];
    const runner = client(TOKENS.newer).chat.completions.stream({ model: "openai/tools", messages: user });
    runner.on("tool_calls.function.arguments.delta", (event) => fragments.push(event.arguments_delta));
    const newer = summary(await runner.finalChatCompletion());
    const older = summary(await client(TOKENS.older).chat.completions.stream({ model: "openai/tools", messages: user }).finalChatCompletion());
    assert.ok(fragments.length >= 2, `expected several argument fragments, got ${JSON.stringify(fragments)}`);
    assert.equal(fragments.join(""), EXPECTED["openai/tools"].toolCalls[0]?.arguments);
    assert.deepEqual(newer.toolCalls, older.toolCalls);
    assert.equal(newer.finishReason, "tool_calls");
  });

  it("the raw chunks: id, type and name with empty arguments first, fragments after, the whole call never repeated", async () => {
    const response = await h.fetch("http://proxy.test/v1/chat/completions", {
      method: "POST",
      headers: { authorization: `Bearer ${TOKENS.newer}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "openai/parallel-tools", messages: user, stream: true }),
    });
    const frames = (await response.text()).split("\n\n").filter((f) => f.startsWith("data: {"));
    const deltas = frames.flatMap((f) => JSON.parse(f.slice(6)).choices[0]?.delta.tool_calls ?? []);
    const starts = deltas.filter((d: { id?: string }) => d.id);
    assert.deepEqual(starts.map((d: { index: number; id: string }) => [d.index, d.id]), EXPECTED["openai/parallel-tools"].toolCalls.map((c, i) => [i, c.id]));
    for (const start of starts) assert.equal(start.function.arguments, "");
    for (const [index, call] of EXPECTED["openai/parallel-tools"].toolCalls.entries()) {
      const args = deltas.filter((d: { index: number }) => d.index === index).map((d: { function: { arguments: string } }) => d.function.arguments).join("");
      assert.equal(args, call.arguments);
    }
  });
});

describe("what is sent to Puter", () => {
  it("the newer flags, the mapped parameters, and never the client's test_mode", async () => {
    const body = {
      model: "echo",
      messages: [{ role: "developer", content: "terse" }, ...user],
      stream: false,
      stop: "END",
      top_p: 0.5,
      tool_choice: "required",
      tools: [{ type: "function", function: { name: "f", parameters: { type: "object" } } }],
      response_format: { type: "json_schema" as const, json_schema: { name: "r", schema: { type: "object" }, strict: true } },
      // Not an OpenAI field, but a client may still send it.
      test_mode: true,
    };
    await client(TOKENS.older).chat.completions.create(body as unknown as ChatCompletionCreateParamsNonStreaming);
    const args = (h.double.requests.at(-1)?.body as { args: Record<string, unknown> }).args;
    assert.deepEqual(args.messages, [{ role: "system", content: "terse" }, ...user]);
    assert.deepEqual(args.stopSequences, ["END"]);
    assert.equal(args.top_p, 0.5);
    assert.equal(args.tool_choice, "required");
    assert.equal(args.parallel_tool_calls, true);
    assert.equal(args.normalize, false);
    assert.deepEqual(args.outputFormat, { type: "json_schema", schema: { type: "object" }, name: "r", strict: true });
    assert.equal("test_mode" in args, false);
    assert.equal("streamToolInput" in args, false, "only streams ask for incremental tool input");
  });
});
