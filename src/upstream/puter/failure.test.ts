import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fromPuterFailure, readPuterFailure } from "./failure.ts";

// Every failure shape of docs/puter-wire.md §5 (v2 and v1), with the status and code a client sees.
const rows: Array<{ name: string; status: number; body: unknown; expected: { status: number; code: string | null; kind?: string } }> = [
  { name: "token missing", status: 401, body: { error: "Missing authentication token", message: "Missing authentication token", code: "token_missing" }, expected: { status: 401, code: "invalid_api_key" } },
  { name: "reauth required", status: 401, body: { error: "Re-authentication required", code: "reauth_required", reason: "token_v1" }, expected: { status: 401, code: "invalid_api_key" } },
  { name: "v1 auth without error key", status: 401, body: { message: "Authentication failed.", code: "token_auth_failed" }, expected: { status: 401, code: "invalid_api_key" } },
  { name: "insufficient funds", status: 402, body: { error: "No usage left for request.", code: "insufficient_funds" }, expected: { status: 402, code: "insufficient_quota", kind: "insufficient_credit" } },
  { name: "v1 HTTP-200 insufficient funds", status: 200, body: { success: false, error: { code: "insufficient_funds", message: "Available funding is insufficient for this request.", status: 402 } }, expected: { status: 402, code: "insufficient_quota" } },
  { name: "rate limited", status: 429, body: { error: "Too many requests.", code: "too_many_requests" }, expected: { status: 429, code: "rate_limit_exceeded" } },
  { name: "forbidden", status: 403, body: { error: "Access tokens are not allowed to access this resource", code: "forbidden" }, expected: { status: 403, code: "forbidden" } },
  { name: "unknown model", status: 400, body: { error: "Model not found: nope", code: "bad_request" }, expected: { status: 404, code: "model_not_found" } },
  { name: "v1 unknown model (bare string)", status: 200, body: { success: false, error: "Model not found, please try one of the following models listed here: https://developer.puter.com/ai/models/" }, expected: { status: 404, code: "model_not_found" } },
  { name: "upstream bad request", status: 400, body: { error: "context too long", code: "upstream_bad_request" }, expected: { status: 400, code: "upstream_bad_request" } },
  { name: "internal error", status: 500, body: { error: "Internal Server Error", code: "internal_error" }, expected: { status: 502, code: "upstream_error" } },
  { name: "newer: credits reserved by the caller's own requests", status: 429, body: { error: "Usage is reserved by requests still running.", code: "too_many_requests", errorCode: "credits_reserved" }, expected: { status: 429, code: "credits_reserved", kind: "rate_limit" } },
  { name: "newer: every vendor out of credits", status: 503, body: { error: "AI provider out of credits", code: "upstream_credits_exhausted", attempts: [] }, expected: { status: 503, code: "upstream_credits_exhausted", kind: "overloaded" } },
  { name: "newer: every vendor timed out", status: 504, body: { error: "AI provider timed out", code: "upstream_timeout" }, expected: { status: 504, code: "upstream_timeout", kind: "timeout" } },
  { name: "newer: image input the model lacks", status: 400, body: { error: "Model gpt-x does not support image input", code: "bad_request" }, expected: { status: 400, code: "bad_request", kind: "invalid_request" } },
  { name: "newer: every vendor answered 404", status: 400, body: { error: "not found", code: "upstream_bad_request", upstreamStatus: 404 }, expected: { status: 404, code: "model_not_found" } },
  { name: "vendors unavailable (reported as 400)", status: 400, body: { error: "AI provider unavailable", code: "upstream_provider_unavailable" }, expected: { status: 503, code: "upstream_unavailable", kind: "overloaded" } },
  { name: "newer stream error line: overloaded", status: 502, body: { type: "error", message: "Overloaded", code: "overloaded_error", status: 529 }, expected: { status: 503, code: "upstream_unavailable", kind: "overloaded" } },
  { name: "newer stream error line: rate limited", status: 502, body: { type: "error", message: "rate limit", code: "rate_limit_error", status: 429 }, expected: { status: 429, code: "rate_limit_exceeded" } },
  { name: "newer stream error line: timeout", status: 502, body: { type: "error", message: "timeout", status: 504 }, expected: { status: 504, code: "upstream_timeout" } },
  { name: "newer stream error line: the vendor refused the request", status: 502, body: { type: "error", message: "prompt is too long", code: "invalid_request_error", status: 400 }, expected: { status: 400, code: "invalid_request_error", kind: "invalid_request" } },
  { name: "HTML from a load balancer", status: 502, body: "<html><body>Bad Gateway</body></html>", expected: { status: 502, code: "upstream_error" } },
];

describe("fromPuterFailure", () => {
  for (const row of rows) {
    it(row.name, () => {
      const error = fromPuterFailure(readPuterFailure(row.status, row.body), "nope");
      assert.equal(error.status, row.expected.status);
      assert.equal(error.code, row.expected.code);
      if (row.expected.kind) assert.equal(error.kind, row.expected.kind);
      assert.doesNotMatch(error.message, /<html>/);
    });
  }

  it("quotes Puter's message, shortened to one line", () => {
    const error = fromPuterFailure(readPuterFailure(400, { error: `long\n${"x".repeat(1000)}`, code: "upstream_bad_request" }));
    assert.ok(error.message.length < 400);
    assert.doesNotMatch(error.message, /\n/);
  });

  it("passes Retry-After on, from the header or the newer body field", () => {
    assert.equal(fromPuterFailure(readPuterFailure(429, {}, "7")).headers["retry-after"], "7");
    assert.equal(fromPuterFailure(readPuterFailure(429, { code: "upstream_rate_limited", retryAfter: 12.5 })).headers["retry-after"], "13");
  });

  it("never quotes a token or an internal address Puter's text carries", () => {
    const said = "vendor said: Authorization: Bearer sk-live-abcdefghijklmnop failed at http://10.1.2.3:8080/v1/chat and eyJhbGciOi.eyJzdWIiOiIx.sig";
    const error = fromPuterFailure(readPuterFailure(400, { error: said, code: "upstream_bad_request" }));
    assert.doesNotMatch(error.message, /sk-live|10\.1\.2\.3|eyJhbGciOi|http:/);
    assert.match(error.message, /vendor said/);
  });
});
