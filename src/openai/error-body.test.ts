import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { InsufficientCreditError, MethodNotAllowedError, RateLimitError, UpstreamError } from "../errors.ts";
import { openAIErrors } from "./error-body.ts";

describe("openAIErrors", () => {
  it("renders the OpenAI envelope with the error's status, headers and request id", async () => {
    const response = openAIErrors.render(new RateLimitError("slow down", "7"), "chatcmpl-1");
    assert.equal(response.status, 429);
    assert.equal(response.headers.get("retry-after"), "7");
    assert.equal(response.headers.get("x-request-id"), "chatcmpl-1");
    assert.deepEqual(await response.json(), { error: { message: "slow down", type: "requests", param: null, code: "rate_limit_exceeded" } });
  });

  it("an empty balance is a 429 insufficient_quota that tells the SDKs not to retry", async () => {
    const response = openAIErrors.render(new InsufficientCreditError("no credit"));
    assert.equal(response.status, 429);
    assert.equal(response.headers.get("x-should-retry"), "false");
    assert.equal(((await response.json()) as { error: { type: string } }).error.type, "insufficient_quota");
  });

  it("405 names the allowed methods; upstream failures are api_error", async () => {
    const response = openAIErrors.render(new MethodNotAllowedError("GET", "/v1/chat/completions", ["POST"]));
    assert.equal(response.status, 405);
    assert.equal(response.headers.get("allow"), "POST");
    assert.equal(((await openAIErrors.render(new UpstreamError("x")).json()) as { error: { type: string } }).error.type, "api_error");
  });
});
