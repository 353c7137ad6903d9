import assert from "node:assert/strict";
import { describe, it } from "node:test";
import Anthropic from "@anthropic-ai/sdk";
import { EXPECTED } from "../puter-double/scenarios.ts";
import { lastDriverCall, TOKEN, useProxy } from "./harness.ts";
import { selectedRuntimes } from "./runtimes.ts";

const user: Anthropic.MessageParam[] = [{ role: "user", content: "hi" }];
const weather: Anthropic.Tool = { name: "get_weather", input_schema: { type: "object", properties: { city: { type: "string" } } } };

for (const runtime of selectedRuntimes()) {
  describe(`Anthropic SDK on ${runtime.name}`, () => {
    const h = useProxy(runtime);
    const client = (apiKey = TOKEN) => new Anthropic({ apiKey, baseURL: h.proxy.url, maxRetries: 0, timeout: 20_000 });

    it("create, stream and messages.stream().finalMessage() give the same answer", async () => {
      const whole = await client().messages.create({ model: "claude/text", max_tokens: 50, messages: user });
      assert.deepEqual(whole.content, [{ type: "text", text: EXPECTED["claude/text"].text }]);
      assert.equal(whole.stop_reason, "end_turn");
      let text = "";
      for await (const event of await client().messages.create({ model: "claude/text", max_tokens: 50, messages: user, stream: true })) {
        if (event.type === "content_block_delta" && event.delta.type === "text_delta") text += event.delta.text;
      }
      assert.equal(text, EXPECTED["claude/text"].text);
      const final = await client().messages.stream({ model: "claude/text", max_tokens: 50, messages: user }).finalMessage();
      assert.deepEqual(final.content, whole.content);
    });

    it("a tools round trip", async () => {
      const first = await client().messages.create({ model: "claude/tools", max_tokens: 50, messages: user, tools: [weather] });
      const call = first.content.find((b) => b.type === "tool_use");
      assert.ok(call && call.type === "tool_use");
      assert.deepEqual(call.input, { city: "Paris" });
      assert.equal(first.stop_reason, "tool_use");
      const messages: Anthropic.MessageParam[] = [...user, { role: "assistant", content: first.content }, { role: "user", content: [{ type: "tool_result", tool_use_id: call.id, content: "sunny" }] }];
      const second = await client().messages.create({ model: "echo", max_tokens: 50, messages, tools: [weather] });
      assert.equal(second.stop_reason, "end_turn");
      const sent = (lastDriverCall(h.double).body as { args: { messages: Array<{ role: string }> } }).args.messages;
      assert.deepEqual(sent.map((m) => m.role), ["user", "assistant", "tool"]);
    });

    it("thinking with its signature", async () => {
      const message = await client().messages.create({ model: "claude/thinking", max_tokens: 50, messages: user, thinking: { type: "enabled", budget_tokens: 1024 } });
      const thinking = message.content[0];
      assert.ok(thinking?.type === "thinking");
      assert.equal(thinking.thinking, EXPECTED["claude/thinking"].reasoning);
      assert.ok(thinking.signature.length > 0);
    });

    it("count_tokens and models", async () => {
      const counted = await client().messages.countTokens({ model: "claude/text", messages: [{ role: "user", content: "abcdefgh" }] });
      assert.equal(counted.input_tokens, 2);
      const page = await client().models.list();
      assert.ok(page.data.length > 0 && page.data.every((m) => m.type === "model"));
      const model = await client().models.retrieve(page.data[0]?.id ?? "");
      assert.equal(model.id, page.data[0]?.id);
    });

    const ERRORS: Array<[string, string, new (...args: never[]) => Error]> = [
      ["invalid-token", "claude/text", Anthropic.AuthenticationError],
      [TOKEN, "claude-nonexistent-9", Anthropic.NotFoundError],
      [TOKEN, "error/upstream-bad-request", Anthropic.BadRequestError],
      [TOKEN, "error/permission-denied", Anthropic.PermissionDeniedError],
      [TOKEN, "error/rate-limited", Anthropic.RateLimitError],
      [TOKEN, "error/internal", Anthropic.InternalServerError],
      [TOKEN, "error/insufficient-funds", Anthropic.APIError],
      [TOKEN, "error/upstream-unavailable", Anthropic.InternalServerError],
    ];
    for (const [token, model, kind] of ERRORS) {
      it(`${model} with ${token === TOKEN ? "a good token" : token} raises ${kind.name}`, async () => {
        await assert.rejects(client(token).messages.create({ model, max_tokens: 8, messages: user }), kind);
      });
    }
  });
}
