import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { inProcess } from "./app.ts";

const KEY = "team-key-in-process";
const TOKENS = ["pool-token-one", "pool-token-two"];
const h = inProcess({ PUTER_TOKENS: TOKENS.join(","), ACCESS_KEYS: KEY, LOG_FORMAT: "json" });
after(() => h.double.close());

const json = (path: string, body: unknown, key = KEY, extra: Record<string, string> = {}) =>
  h.fetch(`http://proxy.test${path}`, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json", ...extra }, body: JSON.stringify(body) });

// Every route that calls Puter, in pool mode: the client's access key in, a pool token out.
const calls: Array<{ name: string; send: (key: string) => Promise<Response> }> = [
  { name: "chat", send: (key) => json("/v1/chat/completions", { model: "openai/text", messages: [{ role: "user", content: "hi" }] }, key) },
  { name: "responses", send: (key) => json("/v1/responses", { model: "openai/text", input: "hi" }, key) },
  { name: "completions", send: (key) => json("/v1/completions", { model: "openai/text", prompt: "hi" }, key) },
  { name: "messages", send: (key) => json("/v1/messages", { model: "claude/text", max_tokens: 50, messages: [{ role: "user", content: "hi" }] }, key, { "anthropic-version": "2023-06-01" }) },
  { name: "speech", send: (key) => json("/v1/audio/speech", { model: "tts-1", voice: "alloy", input: "hi" }, key) },
  { name: "images", send: (key) => json("/v1/images/generations", { prompt: "a cat", response_format: "b64_json" }, key) },
  {
    name: "transcriptions",
    send: (key) => {
      const form = new FormData();
      form.set("file", new Blob([new Uint8Array(64)], { type: "audio/wav" }), "a.wav");
      form.set("model", "whisper-1");
      return h.fetch("http://proxy.test/v1/audio/transcriptions", { method: "POST", headers: { authorization: `Bearer ${key}` }, body: form });
    },
  },
];

describe("pool mode on every route", () => {
  for (const call of calls) {
    it(`${call.name}: the access key opens it, Puter gets a pool token and never the key`, async () => {
      const before = h.double.requests.length;
      const response = await call.send(KEY);
      assert.equal(response.status, 200, await response.clone().text());
      await response.arrayBuffer();
      const upstream = h.double.requests.slice(before).filter((r) => r.path.startsWith("/drivers/call"));
      assert.ok(upstream.length > 0);
      for (const request of upstream) {
        assert.ok(TOKENS.some((token) => request.headers.authorization === `Bearer ${token}`), request.headers.authorization);
        assert.ok(!JSON.stringify(request).includes(KEY), "the access key never reaches Puter");
      }
    });

    it(`${call.name}: a wrong key is a 401 and Puter is not called`, async () => {
      const before = h.double.requests.length;
      const response = await call.send("not-a-key");
      assert.equal(response.status, 401);
      assert.equal(h.double.requests.length, before);
    });
  }

  it("no token or key appears in any log line", () => {
    assert.ok(h.logs.length > 0);
    for (const line of h.logs) {
      for (const secret of [KEY, ...TOKENS]) assert.ok(!line.includes(secret), line);
      assert.doesNotThrow(() => JSON.parse(line), line);
    }
  });
});
