import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ChatCompletion } from "openai/resources/chat/completions";
import { type AnswerScenario, ANSWER_SCENARIO_NAMES, EXPECTED, SCENARIOS } from "../puter-double/scenarios.ts";
import { lastDriverCall, TOKEN, useProxy } from "./harness.ts";
import { selectedRuntimes } from "./runtimes.ts";

const user = [{ role: "user" as const, content: "hi" }];

/** The parts of an answer that streaming and non-streaming must agree on. */
function summary(completion: ChatCompletion) {
  const choice = completion.choices[0];
  const message = choice?.message as (ChatCompletion["choices"][0]["message"] & { reasoning_content?: string }) | undefined;
  return {
    text: message?.content ?? "",
    reasoning: message?.reasoning_content ?? "",
    toolCalls: (message?.tool_calls ?? []).map((c) => (c.type === "function" ? { id: c.id, name: c.function.name, arguments: c.function.arguments } : c)),
    finishReason: choice?.finish_reason,
  };
}

for (const runtime of selectedRuntimes()) {
  describe(`chat completions on ${runtime.name}`, () => {
    const h = useProxy(runtime);

    // Answer scenarios that end normally; the ones that end in errors are in errors.e2e.test.ts.
    const endsInError = (name: (typeof ANSWER_SCENARIO_NAMES)[number]) => {
      const { delivery } = SCENARIOS[name] as AnswerScenario;
      return Boolean(EXPECTED[name].streamError) || delivery === "stall" || delivery === "cut" || name === "legacy/usage-limited";
    };
    const answers = ANSWER_SCENARIO_NAMES.filter((name) => !endsInError(name));
    for (const name of answers) {
      it(`${name}: non-stream and stream give the expected answer`, async () => {
        const expected = EXPECTED[name];
        const client = h.client();
        const whole = await client.chat.completions.create({ model: name, messages: user });
        assert.match(whole.id, /^chatcmpl-/);
        assert.equal(whole.object, "chat.completion");
        assert.equal(whole.model, name);
        const { finishReason, ...rest } = summary(whole);
        assert.deepEqual(rest, { text: expected.text, reasoning: expected.reasoning, toolCalls: expected.toolCalls });
        assert.equal(finishReason, expected.finishReason);
        if (expected.promptTokens !== null) assert.equal(whole.usage?.prompt_tokens, expected.promptTokens);
        if (expected.completionTokens !== null) assert.equal(whole.usage?.completion_tokens, expected.completionTokens);
        assert.equal(whole.usage?.total_tokens, (whole.usage?.prompt_tokens ?? 0) + (whole.usage?.completion_tokens ?? 0));

        // The SDK's own stream helper rebuilds the final completion from our chunks.
        const runner = client.chat.completions.stream({ model: name, messages: user, stream_options: { include_usage: true } });
        const streamed = await runner.finalChatCompletion();
        const s = summary(streamed);
        assert.deepEqual({ text: s.text, toolCalls: s.toolCalls }, { text: expected.text, toolCalls: expected.toolCalls });
        if (expected.toolCalls.length === 0) assert.equal(s.finishReason, "stop");
        else assert.equal(s.finishReason, "tool_calls");
      });
    }

    it("streams chunks with one id, created and model, the role first, then [DONE]", async () => {
      const response = await h.fetch("/v1/chat/completions", {
        method: "POST",
        headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify({ model: "openai/reasoning", messages: user, stream: true }),
      });
      assert.equal(response.status, 200);
      assert.match(response.headers.get("content-type") ?? "", /^text\/event-stream/);
      const frames = (await response.text()).split("\n\n").filter(Boolean);
      assert.equal(frames.at(-1), "data: [DONE]");
      const chunks = frames.slice(0, -1).map((f) => JSON.parse(f.replace(/^data: /, "")));
      assert.equal(new Set(chunks.map((c) => `${c.id}|${c.created}|${c.model}`)).size, 1);
      assert.equal(chunks[0].choices[0].delta.role, "assistant");
      assert.equal(chunks.map((c) => c.choices[0]?.delta.reasoning_content ?? "").join(""), EXPECTED["openai/reasoning"].reasoning);
      assert.ok(chunks.every((c) => c.usage === undefined), "no usage without stream_options.include_usage");
      assert.equal(chunks.at(-1).choices[0].finish_reason, "stop");
    });

    it("include_usage adds a last chunk with empty choices and usage", async () => {
      const stream = await h.client().chat.completions.create({ model: "claude/text", messages: user, stream: true, stream_options: { include_usage: true } });
      const chunks = [];
      for await (const chunk of stream) chunks.push(chunk);
      const last = chunks.at(-1);
      assert.deepEqual(last?.choices, []);
      assert.equal(last?.usage?.completion_tokens, EXPECTED["claude/text"].completionTokens);
      assert.ok(chunks.slice(0, -1).every((c) => !c.usage));
    });

    it("a slow reader gets the whole stream, in order, through backpressure", async () => {
      const response = await h.fetch("/v1/chat/completions", {
        method: "POST",
        headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify({ model: "openai/unicode", messages: user, stream: true }),
      });
      const reader = response.body?.getReader();
      assert.ok(reader);
      let text = "";
      const decoder = new TextDecoder();
      for (let reads = 0; reads < 1_000; reads++) {
        const { done, value } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
        await new Promise((r) => setTimeout(r, 15));
      }
      const frames = text.split("\n\n").filter(Boolean);
      assert.equal(frames.at(-1), "data: [DONE]");
      const content = frames.slice(0, -1).map((f) => JSON.parse(f.slice(6)).choices[0]?.delta.content ?? "").join("");
      assert.equal(content, EXPECTED["openai/unicode"].text);
    });

    it("multi-byte characters split across network chunks come out whole", async () => {
      const text = await h.client().chat.completions.stream({ model: "stream/split-utf8", messages: user }).finalContent();
      assert.equal(text, EXPECTED["stream/split-utf8"].text);
      assert.doesNotMatch(text ?? "", /\uFFFD/);
    });

    it("sends Puter the driver envelope, the token as a Bearer header and only the mapped args", async () => {
      await h.client().chat.completions.create({
        model: "echo",
        messages: user,
        temperature: 0.5,
        max_completion_tokens: 64,
        reasoning_effort: "low",
        tools: [{ type: "function", function: { name: "f", parameters: { type: "object" } } }],
        stop: ["x"],
        seed: 3,
        user: "someone",
      });
      const call = lastDriverCall(h.double);
      assert.equal(call.headers.authorization, `Bearer ${TOKEN}`);
      assert.match(call.headers["content-type"] ?? "", /^application\/json/);
      assert.deepEqual(call.body, {
        interface: "puter-chat-completion",
        driver: "ai-chat",
        method: "complete",
        args: {
          model: "echo",
          messages: user,
          stream: false,
          temperature: 0.5,
          max_tokens: 64,
          reasoning_effort: "low",
          tools: [{ type: "function", function: { name: "f", parameters: { type: "object" } } }],
          stopSequences: ["x"],
          normalize: false,
          parallel_tool_calls: true,
        },
      });
    });

    it("X-Puter-Mode shapes the messages of one request", async () => {
      const messages = [
        { role: "user" as const, content: "a" },
        { role: "system" as const, content: "s" },
        { role: "user" as const, content: "b" },
      ];
      const client = h.client();
      await client.chat.completions.create({ model: "echo", messages }, { headers: { "X-Puter-Mode": "standard" } });
      assert.deepEqual((lastDriverCall(h.double).body as { args: { messages: unknown } }).args.messages, [
        { role: "system", content: "s" },
        { role: "user", content: "a\n\nb" },
      ]);
      await client.chat.completions.create({ model: "echo", messages }, { headers: { "X-Puter-Mode": "full" } });
      assert.deepEqual((lastDriverCall(h.double).body as { args: { messages: unknown } }).args.messages, [
        { role: "user", content: "[user] a\n\n[system] s\n\n[user] b" },
      ]);
      await client.chat.completions.create({ model: "echo", messages });
      assert.deepEqual((lastDriverCall(h.double).body as { args: { messages: unknown } }).args.messages, messages);
    });
  });
}
