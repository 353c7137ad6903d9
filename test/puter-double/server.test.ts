import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { startPuterDouble, type PuterDouble } from "./server.ts";
import { callDriver, chatBody, complete, dig, VALID_TOKEN, within, type Envelope } from "./test-helpers.ts";

// Answers checked against the real captures in /work/shared/data/puter-captures.

const JSON_TYPE = "application/json; charset=utf-8";

let double: PuterDouble;
before(async () => {
  double = await startPuterDouble({ fakeDelayMs: 10, intervalMs: 1 });
});
after(() => double.close());

async function expectJson(res: Response, status: number, body: unknown): Promise<void> {
  assert.equal(res.status, status);
  assert.equal(res.headers.get("content-type"), JSON_TYPE);
  const text = await res.text();
  assert.equal(res.headers.get("content-length"), String(Buffer.byteLength(text)));
  assert.equal(res.headers.get("access-control-allow-origin"), "*");
  assert.deepEqual(JSON.parse(text), body);
}

const v2 = (message: string, code: string, extra: Record<string, unknown> = {}) => ({
  error: message,
  message,
  code,
  ...extra,
});

describe("auth (captures 06, 06b, 07)", () => {
  it("answers 401 token_missing without a token", async () => {
    const res = await callDriver(double.url, chatBody({ model: "fake" }), null);
    await expectJson(res, 401, v2("Missing authentication token", "token_missing"));
  });
  it("answers 401 token_auth_failed for invalid-token, byte for byte", async () => {
    const res = await callDriver(double.url, chatBody({ model: "fake" }), "invalid-token");
    assert.equal(res.headers.get("content-length"), "94");
    await expectJson(res, 401, v2("Authentication failed", "token_auth_failed"));
  });
  it("answers 401 reauth_required for v1-token", async () => {
    const res = await callDriver(double.url, chatBody({ model: "fake" }), "v1-token");
    await expectJson(res, 401, v2("Re-authentication required", "reauth_required", { reason: "token_v1" }));
  });
  it("answers 403 for scoped-token and the v1 shape for legacy-auth-fail", async () => {
    const scoped = await callDriver(double.url, chatBody({ model: "fake" }), "scoped-token");
    await expectJson(scoped, 403, v2("Access tokens are not allowed to access this resource", "forbidden"));
    const legacy = await callDriver(double.url, chatBody({ model: "fake" }), "legacy-auth-fail");
    await expectJson(legacy, 401, { message: "Authentication failed.", code: "token_auth_failed" });
  });
  it("takes the token from the body first, then x-api-key (capture 10)", async () => {
    const body = JSON.stringify({ ...chatBody({ model: "openai/text" }), auth_token: "Bearer body-token" });
    const res = await fetch(`${double.url}/drivers/call`, {
      method: "POST",
      headers: { "content-type": "text/plain;actually=json", authorization: "Bearer invalid-token" },
      body,
    });
    assert.equal(res.status, 200);
    const viaKey = await callDriver(double.url, chatBody({ model: "openai/text" }), null, {
      headers: { "content-type": "application/json", "x-api-key": VALID_TOKEN },
    });
    assert.equal(viaKey.status, 200);
  });
});

describe("request validation (captures 08, 09, 11, 15)", () => {
  it("answers 400 client_bad_json for malformed JSON, byte for byte", async () => {
    const res = await callDriver(double.url, '{"interface":"puter-chat-completion","args":{"model":"fake"');
    assert.equal(res.headers.get("content-length"), "110");
    await expectJson(res, 400, v2("Malformed JSON in request body", "client_bad_json"));
  });
  it("leaves other content types unparsed: 400 missing interface", async () => {
    const res = await fetch(`${double.url}/drivers/call`, {
      method: "POST",
      headers: { "content-type": "text/plain", authorization: `Bearer ${VALID_TOKEN}` },
      body: JSON.stringify(chatBody({ model: "fake" })),
    });
    await expectJson(res, 400, v2("Missing or invalid `interface`", "bad_request"));
  });
  it("answers 404 for a driver other than ai-chat", async () => {
    const res = await callDriver(double.url, chatBody({ model: "fake" }, { driver: "fake-chat" }));
    assert.equal(res.headers.get("content-length"), "142");
    const message = "Driver not found: puter-chat-completion:fake-chat";
    await expectJson(res, 404, v2(message, "not_found"));
  });
  it("answers 404 for an unknown method", async () => {
    const res = await callDriver(double.url, chatBody({}, { method: "nope" }));
    const message = "Method 'nope' not found on driver 'puter-chat-completion'";
    await expectJson(res, 404, v2(message, "not_found"));
  });
  for (const stream of [false, true]) {
    it(`answers a JSON 400 for an unknown model (stream: ${stream})`, async () => {
      const res = await complete(double.url, { model: "no-such-model-xyz", stream });
      assert.equal(res.headers.get("content-length"), "114");
      const message = "Model not found: no-such-model-xyz";
      await expectJson(res, 400, v2(message, "bad_request"));
    });
  }
  it("looks models up ignoring case and surrounding space", async () => {
    const res = await complete(double.url, { model: "  OpenAI/Text " });
    assert.equal(res.status, 200);
  });
});

describe("success envelopes (captures 02, 12, 13)", () => {
  it("wraps the fake model like real Puter", async () => {
    const res = await complete(double.url, { model: "fake", stream: false });
    assert.equal(res.status, 200);
    const body = (await res.json()) as Envelope;
    assert.deepEqual(Object.keys(body), ["success", "result", "service", "metadata"]);
    assert.deepEqual(body.service, { name: "ai-chat" });
    assert.deepEqual(body.metadata, { service_used: "fake-chat", providerUsed: "fake" });
    const usage = { input_tokens: 0, output_tokens: 1, usd_cents: null };
    assert.deepEqual(body.result.usage, usage);
    assert.deepEqual(dig(body.result, "message", "usage"), usage);
    assert.equal(dig(body.result, "message", "id"), "00000000-0000-0000-0000-000000000000");
    assert.equal(body.result.finish_reason, "stop");
    assert.equal(body.result.via_ai_chat_service, true);
    assert.match(String(dig(body.result, "message", "content", 0, "text")), /^[A-Z][a-z]+( [a-zA-Z]+)+\./);
  });
  it("accepts a body without driver", async () => {
    const { driver: _ignored, ...body } = chatBody({ model: "openai/text" });
    const res = await callDriver(double.url, body);
    assert.equal(res.status, 200);
  });
  it("lists models through method models and list", async () => {
    const res = await callDriver(double.url, chatBody({}, { method: "models" }));
    const body = (await res.json()) as { success: boolean; result: { id: string }[]; service: unknown };
    assert.equal(body.success, true);
    assert.deepEqual(body.service, { name: "ai-chat" });
    assert.ok(body.result.some((m) => m.id === "fake"));
    const list = (await (await callDriver(double.url, chatBody({}, { method: "list" }))).json()) as {
      result: string[];
    };
    assert.ok(list.result.includes("fake"));
    assert.deepEqual(list.result, [...list.result].sort());
  });
});

describe("model listings", () => {
  it("serves ids and details without auth, hiding the fake models", async () => {
    const ids = (await (await fetch(`${double.url}/puterai/chat/models`)).json()) as { models: string[] };
    assert.ok(ids.models.includes("anthropic:anthropic/claude-haiku-4-5"));
    assert.ok(!ids.models.includes("fake"));
    const res = await fetch(`${double.url}/puterai/chat/models/details`);
    assert.equal(res.headers.get("content-type"), JSON_TYPE);
    const details = (await res.json()) as { models: Record<string, unknown>[] };
    assert.ok(details.models.some((m) => m.puterId !== undefined && m.costs_currency === "usd-cents"));
    assert.ok(details.models.some((m) => typeof m.cost === "object"), "one legacy-shaped entry");
  });
  it("fails with the status set by setModelsStatus until reset", async () => {
    double.setModelsStatus(500);
    const failed = await fetch(`${double.url}/puterai/chat/models/details`);
    await expectJson(failed, 500, v2("Internal Server Error", "internal_error"));
    double.setModelsStatus(200);
    assert.equal((await fetch(`${double.url}/puterai/chat/models/details`)).status, 200);
  });
});

describe("other routes", () => {
  it("answers whoami and metering with a token, 401 without", async () => {
    const init = { headers: { authorization: `Bearer ${VALID_TOKEN}` } };
    const whoami = (await (await fetch(`${double.url}/whoami`, init)).json()) as { username: string };
    assert.equal(whoami.username, "admin");
    const usage = await (await fetch(`${double.url}/metering/usage`, init)).json();
    assert.equal(dig(usage, "allowanceInfo", "remaining"), 50_000_000);
    await expectJson(await fetch(`${double.url}/whoami`), 401, v2("Missing authentication token", "token_missing"));
  });
  it("answers 404 not_found for unknown paths", async () => {
    await expectJson(await fetch(`${double.url}/nope`), 404, v2("Not Found", "not_found"));
  });
  it("reflects an Origin like the real CORS setup", async () => {
    const res = await fetch(`${double.url}/puterai/chat/models`, { headers: { origin: "http://app.example" } });
    assert.equal(res.headers.get("access-control-allow-origin"), "http://app.example");
    assert.equal(res.headers.get("access-control-allow-credentials"), "true");
    await res.body?.cancel();
  });
  it("records every request and resolves closed when it completes", async () => {
    const before = double.requests.length;
    const res = await fetch(`${double.url}/puterai/chat/models?x=1`, { headers: { "X-Probe": "yes" } });
    await res.text();
    const recorded = double.requests[before];
    assert.ok(recorded);
    assert.equal(recorded.method, "GET");
    assert.equal(recorded.path, "/puterai/chat/models?x=1");
    assert.equal(recorded.headers["x-probe"], "yes");
    assert.deepEqual(await within(recorded.closed, 2000, "closed"), { completed: true });
  });
});
