import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { inProcess, type InProcess, TOKENS } from "./app.ts";

const user = [{ role: "user", content: "hi" }];
const h = inProcess();
after(() => h.double.close());

function post(app: InProcess, model: string, stream: boolean, token: string = TOKENS.older) {
  return app.fetch("http://proxy.test/v1/chat/completions", {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ model, messages: user, stream }),
  });
}

// The failures of Puter's newer backend (docs/puter-wire.md §5), as an OpenAI client sees them.
const failures: Array<{ model: string; status: number; code: string; type: string; retryAfter?: string }> = [
  { model: "error/credits-reserved", status: 429, code: "credits_reserved", type: "requests", retryAfter: "2" },
  { model: "error/upstream-credits-exhausted", status: 503, code: "upstream_credits_exhausted", type: "api_error" },
  { model: "error/upstream-timeout", status: 504, code: "upstream_timeout", type: "api_error" },
  { model: "error/upstream-rate-limited-retry-after", status: 429, code: "rate_limit_exceeded", type: "requests", retryAfter: "20" },
  { model: "error/image-unsupported", status: 400, code: "bad_request", type: "invalid_request_error" },
  { model: "error/upstream-bad-request-vendor", status: 400, code: "upstream_bad_request", type: "invalid_request_error" },
  { model: "error/insufficient-funds", status: 429, code: "insufficient_quota", type: "insufficient_quota" },
];

describe("Puter's failures in the OpenAI envelope", () => {
  for (const row of failures) {
    for (const stream of [false, true]) {
      it(`${row.model}${stream ? " (stream)" : ""} → ${row.status} ${row.code}`, async () => {
        const response = await post(h, row.model, stream);
        assert.equal(response.status, row.status);
        const body = (await response.json()) as { error: { code: string; type: string; message: string } };
        assert.equal(body.error.code, row.code);
        assert.equal(body.error.type, row.type);
        assert.equal(response.headers.get("retry-after"), row.retryAfter ?? null);
      });
    }
  }

  it("a newer mid-stream error line with a status becomes an error frame of that kind, with no [DONE]", async () => {
    for (const [model, code] of [["stream/mid-error", "upstream_unavailable"], ["stream/mid-error-rate-limited", "rate_limit_exceeded"]] as const) {
      const text = await (await post(h, model, true, TOKENS.newer)).text();
      const frames = text.split("\n\n").filter(Boolean);
      assert.notEqual(frames.at(-1), "data: [DONE]");
      assert.equal(JSON.parse((frames.at(-1) as string).slice(6)).error.code, code, model);
    }
  });

  it("a newer stream that ended early is an error frame, not a short clean answer", async () => {
    const frames = (await (await post(h, "stream/ended-early", true, TOKENS.newer)).text()).split("\n\n").filter(Boolean);
    assert.match(frames.at(-1) ?? "", /^data: \{"error"/);
  });
});

describe("keepalive", () => {
  it("a stream's silences carry SSE comments, and the answer is intact", async () => {
    const app = inProcess({ SSE_KEEPALIVE_MS: "5" });
    const text = await (await post(app, "stream/slow", true)).text();
    await app.double.close();
    assert.match(text, /^: keepalive$/m);
    const content = text
      .split("\n\n")
      .filter((f) => f.startsWith("data: {"))
      .map((f) => JSON.parse(f.slice(6)).choices[0]?.delta.content ?? "")
      .join("");
    assert.ok(content.length > 0);
    assert.match(text, /data: \[DONE\]\n\n$/);
  });

  it("SSE_KEEPALIVE_MS=0 sends none", async () => {
    const app = inProcess({ SSE_KEEPALIVE_MS: "0" });
    const text = await (await post(app, "stream/slow", true)).text();
    await app.double.close();
    assert.doesNotMatch(text, /keepalive/);
  });
});

describe("log lines", () => {
  it("one line per request; control characters in the path are escaped", async () => {
    const app = inProcess();
    const before = app.logs.length;
    await app.fetch("http://proxy.test/v1/x%0aGET%20/forged%20200%0d%0ay");
    await app.double.close();
    assert.equal(app.logs.length, before + 1);
    assert.doesNotMatch(app.logs.at(-1) ?? "", /[\r\n]/);
    assert.match(app.logs.at(-1) ?? "", /\\x0a/);
  });
});
