import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ANSWER_SCENARIO_NAMES, ECHO, EXPECTED, SCENARIOS, type AnswerScenario } from "./scenarios.ts";
import { startPuterDouble, type PuterDouble } from "./server.ts";
import { NEWER_TOKEN_PREFIX } from "./generation.ts";
import {
  callDriver,
  chatBody,
  complete,
  expectedStreamError,
  dig,
  finishOf,
  parseNdjson,
  summarizeLines,
  summarizeResult,
  type Envelope,
  VALID_TOKEN,
} from "./test-helpers.ts";

const NEWER_TOKEN = `${NEWER_TOKEN_PREFIX}good-token`;

// Every answer scenario says the same thing streamed and not streamed, and says what EXPECTED says.

let double: PuterDouble;
before(async () => {
  double = await startPuterDouble({ fakeDelayMs: 10, intervalMs: 1 });
});
after(() => double.close());

/** Scenarios whose both framings end normally; stall/cut and non-stream overrides are tested elsewhere. */
const comparable = ANSWER_SCENARIO_NAMES.filter((name) => {
  const scenario = SCENARIOS[name] as AnswerScenario;
  return scenario.delivery !== "stall" && scenario.delivery !== "cut";
});

/** Each backend, and for the newer one with and without its opt-in flags (docs/puter-wire.md §2.3). */
const VARIANTS: { label: string; token: string; flags: Record<string, unknown> }[] = [
  { label: "older", token: VALID_TOKEN, flags: {} },
  { label: "newer", token: NEWER_TOKEN, flags: {} },
  { label: "newer+flags", token: NEWER_TOKEN, flags: { streamToolInput: true, normalize: true } },
];

describe("answer scenarios: stream and non-stream agree, on both generations", () => {
  for (const { label, token, flags } of VARIANTS) {
    const generation = label === "older" ? "older" : "newer";
    for (const name of comparable) {
      const expected = EXPECTED[name];
      const scenario = SCENARIOS[name] as AnswerScenario;
      const call = (stream: boolean) => callDriver(double.url, chatBody({ model: name, stream, ...flags }), token);

      it(`${name} [${label}]: stream lines`, async () => {
        const res = await call(true);
        assert.equal(res.status, 200);
        assert.equal(res.headers.get("content-type"), "application/x-ndjson");
        assert.equal(res.headers.get("transfer-encoding"), "chunked");
        const text = await res.text();
        assert.ok(text.endsWith("\n") || text === "", "every line is newline-terminated");
        assert.ok(!text.includes("[DONE]"));
        const lines = parseNdjson(text);
        const summary = summarizeLines(lines);
        assert.equal(summary.text, expected.text);
        assert.equal(summary.reasoning, expected.reasoning);
        assert.deepEqual(summary.toolCalls, expected.toolCalls);
        assert.deepEqual(summary.usage, expected.usage);
        assert.equal(summary.error, expectedStreamError(expected, generation));
        const usageLine = lines.find((l) => l.type === "usage");
        if (generation === "newer" && usageLine) {
          const finish = usageLine.finish_reason === "stop" && expected.toolCalls.length > 0 ? "tool_calls" : usageLine.finish_reason;
          assert.equal(finish, expected.finishReason, "finish_reason, promoted to tool_calls when calls were seen");
        }
        if (generation === "older") assert.equal(usageLine?.finish_reason, undefined);
      });

      it(`${name} [${label}]: non-stream result`, async () => {
        const res = await call(false);
        const body = (await res.json()) as Envelope;
        if (scenario.nonStream) {
          assert.equal(res.status, scenario.nonStream.status);
          assert.deepEqual(body, scenario.nonStream.body);
          return;
        }
        assert.equal(res.status, 200);
        assert.equal(body.success, true);
        assert.deepEqual(body.service, { name: "ai-chat" });
        assert.deepEqual(body.metadata, {
          service_used: expected.service,
          providerUsed: expected.providerUsed,
          ...scenario.metadata,
        });
        assert.equal(body.result.via_ai_chat_service, true);
        const summary = summarizeResult(body.result);
        assert.equal(summary.text, expected.text);
        assert.equal(summary.reasoning, expected.reasoning);
        assert.deepEqual(summary.toolCalls, expected.toolCalls);
        assert.deepEqual(summary.usage, expected.usage);
        assert.equal(finishOf(body.result), expected.finishReason);
        assert.equal(typeof body.result.stopReason === "string", generation === "newer");
        assert.equal(body.result.normalized, flags.normalize === true ? true : undefined);
      });
    }
  }
});

describe("shapes", () => {
  it("claude results say finish_reason stop and carry the raw Anthropic message", async () => {
    const body = await (await complete(double.url, { model: "claude/max-tokens" })).json();
    assert.equal(dig(body, "result", "finish_reason"), "stop");
    assert.equal(dig(body, "result", "message", "stop_reason"), "max_tokens");
    assert.equal(dig(body, "result", "message", "type"), "message");
  });
  it("tool_use lines carry a parsed input object and empty text", async () => {
    const lines = parseNdjson(await (await complete(double.url, { model: "openai/tools", stream: true })).text());
    const tool = lines.find((l) => l.type === "tool_use");
    assert.deepEqual(tool, { type: "tool_use", id: "call_weather_1", name: "get_weather", input: { city: "Paris" }, text: "" });
  });
  it("responses tool calls carry canonical_id in both framings", async () => {
    const body = await (await complete(double.url, { model: "responses/tools" })).json();
    assert.equal(dig(body, "result", "message", "tool_calls", 0, "canonical_id"), "fc_0123456789abcdef");
    const lines = parseNdjson(await (await complete(double.url, { model: "responses/tools", stream: true })).text());
    assert.equal(lines.find((l) => l.type === "tool_use")?.canonical_id, "fc_0123456789abcdef");
  });
  it("untyped legacy lines have no type and no usage line", async () => {
    const lines = parseNdjson(await (await complete(double.url, { model: "legacy/untyped-lines", stream: true })).text());
    assert.ok(lines.every((l) => l.type === undefined && typeof l.text === "string"));
  });
});

describe("echo", () => {
  const args = { model: "echo", temperature: 0.5, tools: [{ type: "function" }], note: "Grüße 👋🏽" };
  it("answers with the args it received, non-stream", async () => {
    const body = (await (await complete(double.url, args)).json()) as Envelope;
    const content = String(dig(body, "result", "message", "content"));
    assert.deepEqual(JSON.parse(content), { messages: [{ role: "user", content: "hi" }], ...args });
    assert.deepEqual(body.metadata, { service_used: ECHO.service, providerUsed: ECHO.providerUsed });
  });
  it("answers with the args it received, streamed", async () => {
    const streamed = { ...args, stream: true };
    const summary = summarizeLines(parseNdjson(await (await complete(double.url, streamed)).text()));
    assert.deepEqual(JSON.parse(summary.text), { messages: [{ role: "user", content: "hi" }], ...streamed });
    assert.deepEqual(summary.usage, ECHO.usage);
  });
});

describe("errors before the body", () => {
  const cases: [string, number, string][] = [
    ["error/insufficient-funds", 402, "insufficient_funds"],
    ["error/rate-limited", 429, "too_many_requests"],
    ["error/upstream-rate-limited", 429, "upstream_rate_limited"],
    ["error/upstream-unavailable", 400, "upstream_provider_unavailable"],
    ["error/upstream-bad-request", 400, "upstream_bad_request"],
    ["error/permission-denied", 403, "permission_denied"],
    ["error/internal", 500, "internal_error"],
    ["error/db-unavailable", 503, "db_unavailable"],
    ["error/moderation", 400, "bad_request"],
    ["error/credits-reserved", 429, "too_many_requests"],
    ["error/upstream-credits-exhausted", 503, "upstream_credits_exhausted"],
    ["error/upstream-timeout", 504, "upstream_timeout"],
    ["error/upstream-rate-limited-retry-after", 429, "upstream_rate_limited"],
    ["error/image-unsupported", 400, "bad_request"],
    ["error/upstream-bad-request-vendor", 400, "upstream_bad_request"],
  ];
  for (const [model, status, code] of cases) {
    it(`${model}: ${status} ${code}, the same JSON with stream:true and on both generations`, async () => {
      const bodies: string[] = [];
      for (const token of [VALID_TOKEN, NEWER_TOKEN]) {
        for (const stream of [false, true]) {
          const res = await callDriver(double.url, chatBody({ model, stream }), token);
          assert.equal(res.status, status);
          assert.equal(res.headers.get("content-type"), "application/json; charset=utf-8");
          const text = await res.text();
          const body = JSON.parse(text) as Record<string, unknown>;
          assert.equal(body.code, code);
          assert.equal(body.error, body.message);
          bodies.push(text);
        }
      }
      assert.ok(bodies.every((b) => b === bodies[0]));
    });
  }
  it("newer error codes carry their extra fields after code, and no Retry-After header", async () => {
    const body = async (model: string) => {
      const res = await complete(double.url, { model });
      assert.equal(res.headers.get("retry-after"), null);
      return (await res.json()) as Record<string, unknown>;
    };
    const reserved = await body("error/credits-reserved");
    assert.deepEqual(Object.keys(reserved), ["error", "message", "code", "errorCode"]);
    assert.equal(reserved.errorCode, "credits_reserved");
    assert.equal((await body("error/upstream-rate-limited-retry-after")).retryAfter, "20");
    assert.ok(Array.isArray((await body("error/upstream-credits-exhausted")).attempts));
    assert.equal((await body("error/image-unsupported")).message, "Model deepseek-v4-flash does not support image input");
    const vendor = await body("error/upstream-bad-request-vendor");
    assert.equal(vendor.errorCode, "invalid_request_error");
    assert.equal(vendor.upstreamStatus, 400);
  });
  it("sets X-Needs-Upgrade on 402, Retry-After on 503 and none on 429", async () => {
    const funds = await complete(double.url, { model: "error/insufficient-funds" });
    assert.equal(funds.headers.get("x-needs-upgrade"), "true");
    const db = await complete(double.url, { model: "error/db-unavailable" });
    assert.equal(db.headers.get("retry-after"), "5");
    const limited = await complete(double.url, { model: "error/rate-limited" });
    assert.equal(limited.headers.get("retry-after"), null);
    assert.deepEqual(await limited.json(), {
      error: "Too many requests.",
      message: "Too many requests.",
      code: "too_many_requests",
    });
    await Promise.all([funds.text(), db.text()]);
  });
  it("moderation carries errorCode after code", async () => {
    const body = await (await complete(double.url, { model: "error/moderation" })).json();
    assert.deepEqual(Object.keys(body as object), ["error", "message", "code", "errorCode"]);
  });
  it("legacy success:false answers arrive with HTTP 200, stream or not", async () => {
    for (const stream of [false, true]) {
      const res = await complete(double.url, { model: "legacy/success-false", stream });
      assert.equal(res.status, 200);
      const body = (await res.json()) as { success: boolean; error: { code: string } };
      assert.equal(body.success, false);
      assert.equal(body.error.code, "insufficient_funds");
    }
  });
});
