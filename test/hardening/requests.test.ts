import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createApp } from "../../src/app.ts";
import { parseConfig } from "../../src/config.ts";
import { DEEP, driverCalls, inProcess, TOKENS, withNesting } from "./in-process.ts";

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

describe("deep nesting is refused before Puter is called", () => {
  const cases = {
    "an extra field": { model: "echo", messages: [{ role: "user", content: "hi" }], metadata_x: DEEP },
    "a content part": { model: "echo", messages: [{ role: "user", content: [{ type: "text", text: "hi", extra: DEEP }] }] },
    "a tool's parameters": { model: "echo", messages: [{ role: "user", content: "hi" }], tools: [{ type: "function", function: { name: "f", parameters: DEEP } }] },
  };
  for (const [where, body] of Object.entries(cases)) {
    for (const stream of [false, true]) {
      it(`5,000 levels in ${where} (stream: ${stream}) → 400 nesting_too_deep, no upstream call`, async () => {
        const proxy = inProcess();
        const response = await proxy.chat(withNesting({ ...body, stream }, 5_000));
        const answer = (await response.json()) as { error: { type: string; code: string; message: string } };
        assert.equal(response.status, 400);
        assert.equal(answer.error.type, "invalid_request_error");
        assert.equal(answer.error.code, "nesting_too_deep");
        assert.deepEqual(driverCalls(proxy.double), [], "Puter was never called");
      });
    }
  }

  it("120 levels are forwarded as they are", async () => {
    const proxy = inProcess();
    const response = await proxy.chat(withNesting({ model: "echo", messages: [{ role: "user", content: "hi" }], metadata_x: DEEP }, 120));
    assert.equal(response.status, 200);
    assert.equal(driverCalls(proxy.double).length, 1);
  });
});

describe("log lines: one per request, control characters escaped", () => {
  const paths = ["/v1/models%0aFORGED 200 1ms", "/health%0d%0aFORGED", "/x%1b[31mred%00nul%7f", "/%c2%85nel%e2%80%a8ls", "/v1/chat/completions%0a"];
  for (const path of paths) {
    it(`GET ${path} → exactly one line, no control character, the escape visible`, async () => {
      const proxy = inProcess();
      const response = await proxy.fetch(new Request(`http://proxy.test${path}`, { headers: { authorization: `Bearer ${TOKENS.older}` } }));
      await response.arrayBuffer();
      assert.equal(proxy.logs.length, 1, JSON.stringify(proxy.logs));
      const [line = ""] = proxy.logs;
      assert.doesNotMatch(line, CONTROL);
      assert.doesNotMatch(line, /[\u2028\u2029]/, "no Unicode line separators either");
      assert.match(line, /^GET \/.* \d{3} \d+ms$/, line);
      assert.match(line, /\\x[0-9a-f]{2}|\\u2028/, "the escape is visible");
      assert.ok(!line.includes(TOKENS.older));
    });
  }
});

describe("an internal error", () => {
  it("is a 500 internal_error, and its log line is one line with the upstream text redacted", async () => {
    const logs: string[] = [];
    // A transport that breaks in an unexpected way, its message quoting a token and an internal URL.
    const broken = {
      get status(): number {
        throw new Error(`boom\nBearer ${TOKENS.older} at http://10.1.2.3:8080/drivers/call`);
      },
      headers: new Headers(),
    } as unknown as Response;
    const app = createApp(parseConfig({ LOG_LEVEL: "error" }), { fetch: async () => broken, log: (line) => logs.push(line) });
    const timers = () => process.getActiveResourcesInfo().filter((name) => name === "Timeout").length;
    const timersBefore = timers();
    const response = await app.fetch(
      new Request("http://proxy.test/v1/chat/completions", {
        method: "POST",
        headers: { authorization: `Bearer ${TOKENS.older}`, "content-type": "application/json" },
        body: JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] }),
      }),
    );
    const body = (await response.json()) as { error: { code: string; message: string } };
    assert.equal(response.status, 500);
    assert.equal(body.error.code, "internal_error");
    assert.doesNotMatch(body.error.message, /boom|Bearer|10\.1\.2\.3/);
    const detail = logs.find((line) => line.startsWith("internal error"));
    assert.ok(detail, JSON.stringify(logs));
    assert.doesNotMatch(detail, CONTROL);
    assert.ok(!detail.includes(TOKENS.older) && !detail.includes("10.1.2.3"), detail);
    assert.equal(timers(), timersBefore, "the upstream deadline was cleared, not left running for UPSTREAM_TIMEOUT_MS");
  });
});
