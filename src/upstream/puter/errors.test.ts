import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fromPuterFailure, readPuterFailure } from "./errors.ts";

// Every failure shape of protocol section 4 (v2 and v1), with the status and code a client sees.
const rows: Array<{ name: string; status: number; body: unknown; expected: { status: number; code: string | null; type?: string } }> = [
  { name: "token missing", status: 401, body: { error: "Missing authentication token", message: "Missing authentication token", code: "token_missing" }, expected: { status: 401, code: "invalid_api_key" } },
  { name: "reauth required", status: 401, body: { error: "Re-authentication required", code: "reauth_required", reason: "token_v1" }, expected: { status: 401, code: "invalid_api_key" } },
  { name: "v1 auth without error key", status: 401, body: { message: "Authentication failed.", code: "token_auth_failed" }, expected: { status: 401, code: "invalid_api_key" } },
  { name: "insufficient funds", status: 402, body: { error: "No usage left for request.", code: "insufficient_funds" }, expected: { status: 429, code: "insufficient_quota", type: "insufficient_quota" } },
  { name: "v1 HTTP-200 insufficient funds", status: 200, body: { success: false, error: { code: "insufficient_funds", message: "Available funding is insufficient for this request.", status: 402 } }, expected: { status: 429, code: "insufficient_quota" } },
  { name: "rate limited", status: 429, body: { error: "Too many requests.", code: "too_many_requests" }, expected: { status: 429, code: "rate_limit_exceeded" } },
  { name: "forbidden", status: 403, body: { error: "Access tokens are not allowed to access this resource", code: "forbidden" }, expected: { status: 403, code: "forbidden" } },
  { name: "unknown model", status: 400, body: { error: "Model not found: nope", code: "bad_request" }, expected: { status: 404, code: "model_not_found" } },
  { name: "v1 unknown model (bare string)", status: 200, body: { success: false, error: "Model not found, please try one of the following models listed here: https://developer.puter.com/ai/models/" }, expected: { status: 404, code: "model_not_found" } },
  { name: "upstream bad request", status: 400, body: { error: "context too long", code: "upstream_bad_request" }, expected: { status: 400, code: "upstream_bad_request" } },
  { name: "internal error", status: 500, body: { error: "Internal Server Error", code: "internal_error" }, expected: { status: 502, code: "upstream_error" } },
  { name: "HTML from a load balancer", status: 502, body: "<html><body>Bad Gateway</body></html>", expected: { status: 502, code: "upstream_error" } },
];

describe("fromPuterFailure", () => {
  for (const row of rows) {
    it(row.name, () => {
      const error = fromPuterFailure(readPuterFailure(row.status, row.body), "nope");
      assert.equal(error.status, row.expected.status);
      assert.equal(error.code, row.expected.code);
      if (row.expected.type) assert.equal(error.type, row.expected.type);
      assert.doesNotMatch(error.message, /<html>/);
    });
  }

  it("quotes Puter's message, shortened to one line", () => {
    const error = fromPuterFailure(readPuterFailure(400, { error: `long\n${"x".repeat(1000)}`, code: "upstream_bad_request" }));
    assert.ok(error.message.length < 400);
    assert.doesNotMatch(error.message, /\n/);
  });

  it("passes Retry-After on and tells SDKs not to retry an empty balance", () => {
    assert.equal(fromPuterFailure(readPuterFailure(429, {}, "7")).headers["retry-after"], "7");
    assert.equal(fromPuterFailure(readPuterFailure(402, {})).headers["x-should-retry"], "false");
  });
});
