import assert from "node:assert/strict";
import { describe, it } from "node:test";
import Anthropic from "@anthropic-ai/sdk";
import { createPuterDouble } from "../../test/puter-double/double.ts";
import { createApp } from "../app.ts";
import { parseConfig } from "../config.ts";
import { StopSequenceCutter } from "./stop-sequences.ts";

function setup(env: Record<string, string> = {}) {
  const double = createPuterDouble({ intervalMs: 0, fakeDelayMs: 1 });
  const app = createApp(parseConfig({ PUTER_API_BASE: double.url, LOG_LEVEL: "silent", ...env }), { fetch: double.fetch });
  const fetch = (url: string | URL | Request, init?: RequestInit) => Promise.resolve(app.fetch(new Request(url, init)));
  const client = new Anthropic({ apiKey: "e2e-x", baseURL: "http://proxy.test", fetch, maxRetries: 0 });
  /** The args of the last Puter call. */
  const sent = () => (double.requests.filter((r) => r.path.startsWith("/drivers/call")).at(-1)?.body as { args: Record<string, unknown> }).args;
  return { double, fetch, client, sent };
}

const user: Anthropic.MessageParam[] = [{ role: "user", content: "hi" }];
const weather: Anthropic.Tool = { name: "get_weather", description: "Weather", input_schema: { type: "object", properties: { city: { type: "string" } } } };

describe("what the proxy sends Puter for an Anthropic request", () => {
  it("system, tool_use, tool_result with is_error, thinking dropped, tools as functions, thinking as effort", async () => {
    const { client, sent } = setup();
    await client.messages.create({
      model: "echo",
      max_tokens: 64,
      system: [{ type: "text", text: "Be brief.", cache_control: { type: "ephemeral" } }],
      thinking: { type: "enabled", budget_tokens: 5000 },
      temperature: 0.5,
      stop_sequences: ["END"],
      tools: [weather],
      tool_choice: { type: "any", disable_parallel_tool_use: true },
      messages: [
        { role: "user", content: "Weather in Paris?" },
        { role: "assistant", content: [{ type: "thinking", thinking: "secret plan", signature: "sig" }, { type: "tool_use", id: "toolu_1", name: "get_weather", input: { city: "Paris" } }] },
        { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_1", content: [{ type: "text", text: "no data" }], is_error: true }] },
      ],
      // This SDK's types leave temperature out; the API and Claude Code's older versions still send it.
    } as Anthropic.MessageCreateParamsNonStreaming);
    const args = sent();
    assert.equal(JSON.stringify(args).includes("secret plan"), false, "earlier thinking is never sent");
    assert.deepEqual(args.messages, [
      { role: "system", content: "Be brief." },
      { role: "user", content: "Weather in Paris?" },
      { role: "assistant", content: null, tool_calls: [{ id: "toolu_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } }] },
      { role: "tool", tool_call_id: "toolu_1", content: "[error] no data" },
    ]);
    assert.deepEqual(args.tools, [{ type: "function", function: { name: "get_weather", description: "Weather", parameters: weather.input_schema } }]);
    assert.equal(args.tool_choice, "required");
    assert.equal(args.parallel_tool_calls, false);
    assert.equal(args.reasoning_effort, "medium");
    assert.deepEqual([args.max_tokens, args.temperature, args.stopSequences], [64, 0.5, ["END"]]);
  });

  it("tool_choice none sends no tools; `tool` names the function; output_config.effort wins over thinking", async () => {
    const { client, sent } = setup();
    await client.messages.create({ model: "echo", max_tokens: 8, messages: user, tools: [weather], tool_choice: { type: "none" } });
    assert.equal(sent().tools, undefined);
    assert.equal(sent().tool_choice, undefined);
    const body = { model: "echo", max_tokens: 8, messages: user, tools: [weather], tool_choice: { type: "tool" as const, name: "get_weather" }, thinking: { type: "adaptive" as const } };
    await client.messages.create({ ...body, output_config: { effort: "low" } } as Anthropic.MessageCreateParamsNonStreaming);
    assert.deepEqual(sent().tool_choice, { type: "function", function: { name: "get_weather" } });
    assert.equal(sent().reasoning_effort, "low");
    await client.messages.create(body);
    assert.equal(sent().reasoning_effort, "medium");
  });

  it("images: Anthropic blocks for Claude models, OpenAI image_url (a data URL) for the others", async () => {
    const { client, double, sent } = setup();
    const content: Anthropic.ContentBlockParam[] = [{ type: "image", source: { type: "base64", media_type: "image/png", data: "iVBORw0KGgo=" } }, { type: "text", text: "What is it?" }];
    await client.messages.create({ model: "echo", max_tokens: 8, messages: [{ role: "user", content }] });
    assert.deepEqual((sent().messages as Array<{ content: unknown[] }>)[0]?.content[0], { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=" } });
    await client.messages.create({ model: "claude-haiku-4-5", max_tokens: 8, messages: [{ role: "user", content }] }).catch(() => undefined);
    const claudeCall = double.requests.filter((r) => r.path.startsWith("/drivers/call")).at(-1)?.body as { args: { model: string; messages: Array<{ content: unknown[] }> } };
    assert.equal(claudeCall.args.model, "claude-haiku-4-5");
    assert.deepEqual(claudeCall.args.messages[0]?.content[0], content[0]);
  });

  it("stop sequences are enforced by the proxy, streamed and not, with stop_reason stop_sequence", async () => {
    const { client } = setup();
    const params = { model: "echo", max_tokens: 8, messages: user, stop_sequences: ['"messages"'] };
    const whole = await client.messages.create(params);
    const streamed = await client.messages.stream(params).finalMessage();
    for (const message of [whole, streamed]) {
      assert.deepEqual(message.content, [{ type: "text", text: '{"model":"echo",' }]);
      assert.equal(message.stop_reason, "stop_sequence");
      assert.equal(message.stop_sequence, '"messages"');
    }
  });

  it("the cutter finds a stop sequence split across deltas and holds back no more than it must", () => {
    const cutter = new StopSequenceCutter(["STOP", "XY"]);
    // The longest sequence is 4 long, so the last 3 characters wait for the next delta.
    assert.equal(cutter.push("abc ST"), "abc");
    assert.equal(cutter.push("O"), " ");
    assert.equal(cutter.push("P and more"), "");
    assert.equal(cutter.matched, "STOP");
    const open = new StopSequenceCutter(["STOP"]);
    assert.equal(open.push("hello ST") + open.push("ill") + open.flush(), "hello STill");
    assert.equal(open.matched, undefined);
  });
});

describe("model names, count_tokens, models and errors for Anthropic clients", () => {
  it("Claude Code's dated names resolve through the catalogue; an unknown claude name is a 404 naming it", async () => {
    const { client, sent } = setup();
    await client.messages.create({ model: "claude-haiku-4-5-20991231", max_tokens: 8, messages: user }).catch(() => undefined);
    assert.equal(sent().model, "anthropic:anthropic/claude-haiku-4-5", "found without its date, sent as the catalogue's id");
    await client.messages.create({ model: "claude-3-5-sonnet-20241022", max_tokens: 8, messages: user }).catch(() => undefined);
    assert.equal(sent().model, "claude-3-5-sonnet-20241022", "an alias is sent as given");
    await assert.rejects(client.messages.create({ model: "claude-nonexistent-9", max_tokens: 8, messages: user }), (error: unknown) => {
      assert.ok(error instanceof Anthropic.NotFoundError);
      assert.match(error.message, /claude-nonexistent-9/);
      return true;
    });
  });

  it("count_tokens estimates without calling Puter", async () => {
    const { client, double } = setup();
    const before = double.requests.length;
    const counted = await client.messages.countTokens({ model: "claude/text", system: "x".repeat(40), messages: [{ role: "user", content: "y".repeat(40) }] });
    assert.equal(counted.input_tokens, 20);
    assert.equal(double.requests.length, before);
  });

  it("GET /v1/models answers Anthropic's shape for Anthropic clients and OpenAI's for the rest", async () => {
    const { client, fetch } = setup();
    const page = await client.models.list();
    const first = page.data[0];
    assert.ok(first && first.type === "model" && /^\d{4}-\d{2}-\d{2}T/.test(first.created_at));
    const one = await client.models.retrieve("claude-haiku-4-5-20251001");
    assert.equal(one.display_name, "Claude Haiku 4.5");
    const openai = await (await fetch("http://proxy.test/v1/models", { headers: { authorization: "Bearer x" } })).json();
    assert.equal(openai.object, "list");
    const missing = await fetch("http://proxy.test/v1/models/nope", { headers: { "anthropic-version": "2023-06-01" } });
    assert.equal(missing.status, 404);
    assert.equal((await missing.json()).error.type, "not_found_error");
  });

  const CASES: Array<[string, string, number, string]> = [
    ["a bad token", "claude/text", 401, "authentication_error"],
    ["no credit", "error/insufficient-funds", 402, "billing_error"],
    ["a permission refusal", "error/permission-denied", 403, "permission_error"],
    ["a rate limit", "error/rate-limited", 429, "rate_limit_error"],
    ["a vendor's bad request", "error/upstream-bad-request", 400, "invalid_request_error"],
    ["Puter failing", "error/internal", 500, "api_error"],
    ["a vendor timeout", "error/upstream-timeout", 504, "api_error"],
    ["vendors unavailable", "error/upstream-unavailable", 529, "overloaded_error"],
  ];
  for (const [what, model, status, type] of CASES) {
    it(`${what}: ${status} ${type} with a request-id`, async () => {
      const { fetch } = setup();
      const response = await fetch("http://proxy.test/v1/messages", {
        method: "POST",
        headers: { "x-api-key": what === "a bad token" ? "invalid-token" : "e2e-x", "anthropic-version": "2023-06-01", "content-type": "application/json" },
        body: JSON.stringify({ model, max_tokens: 8, messages: user }),
      });
      assert.equal(response.status, status);
      const body = await response.json();
      assert.equal(body.type, "error");
      assert.equal(body.error.type, type);
      assert.match(response.headers.get("request-id") ?? "", /^req_/);
    });
  }

  it("bad input names the field; a too-large body is 413 request_too_large; CORS allows Anthropic's headers", async () => {
    const { fetch } = setup({ MAX_BODY_BYTES: "2048" });
    const post = (body: string) => fetch("http://proxy.test/v1/messages", { method: "POST", headers: { "x-api-key": "e2e-x", "content-type": "application/json" }, body });
    const bad = await post(JSON.stringify({ model: "claude/text", max_tokens: 8, messages: [{ role: "user" }] }));
    assert.equal(bad.status, 400);
    assert.deepEqual((await bad.json()).error, { type: "invalid_request_error", message: "messages.0.content: Field required" });
    const big = await post(JSON.stringify({ model: "claude/text", max_tokens: 8, messages: [{ role: "user", content: "x".repeat(4000) }] }));
    assert.equal(big.status, 413);
    assert.equal((await big.json()).error.type, "request_too_large");
    const requested = "x-api-key, anthropic-version, anthropic-beta, anthropic-dangerous-direct-browser-access, content-type";
    const preflight = await fetch("http://proxy.test/v1/messages", { method: "OPTIONS", headers: { origin: "https://a.example", "access-control-request-method": "POST", "access-control-request-headers": requested } });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get("access-control-allow-headers"), requested);
  });
});
