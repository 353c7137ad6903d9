import assert from "node:assert/strict";
import { describe, it } from "node:test";
import OpenAI from "openai";
import { TOKEN, useProxy, within } from "./harness.ts";
import { selectedRuntimes } from "./runtimes.ts";

const json = { "content-type": "application/json", authorization: `Bearer ${TOKEN}` };
const MODELS_TTL_MS = 300;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

for (const runtime of selectedRuntimes()) {
  describe(`HTTP surface on ${runtime.name}`, () => {
    const h = useProxy(runtime, { MAX_BODY_BYTES: "65536", MODELS_TTL_MS: String(MODELS_TTL_MS) });

    it("lists Puter's models with their metadata, and fetches one by an id with / and :", async () => {
      const client = h.client();
      const models = [];
      for await (const model of client.models.list()) models.push(model);
      assert.ok(models.length >= 5, `got ${models.length} models`);
      for (const model of models) {
        assert.equal(model.object, "model");
        assert.equal(typeof model.id, "string");
        assert.equal(typeof model.owned_by, "string");
        assert.equal(typeof model.created, "number");
      }
      const withSlash = models.find((m) => m.id.includes("/") && m.id.includes(":"));
      assert.ok(withSlash, "the fixture has an id with / and :");
      const one = await client.models.retrieve(withSlash.id);
      assert.deepEqual(one, withSlash);
      assert.ok(h.double.requests.some((r) => r.path === "/puterai/chat/models/details" && !r.headers.authorization), "models are fetched without the token");
    });

    it("serves a stale model list at once and refreshes it from Puter in the background, every time", async () => {
      const detailsCalls = () => h.double.requests.filter((r) => r.path === "/puterai/chat/models/details");
      assert.equal((await h.fetch("/v1/models")).status, 200);
      for (let round = 1; round <= 3; round++) {
        const seen = detailsCalls().length;
        await sleep(MODELS_TTL_MS + 100);
        assert.equal((await h.fetch("/v1/models")).status, 200);
        const deadline = Date.now() + 5_000;
        while (detailsCalls().length === seen) {
          assert.ok(Date.now() < deadline, `refresh ${round} did not ask Puter within 5000 ms`);
          await sleep(10);
        }
        // The refresh outlives the response that started it, and must still read Puter's whole answer.
        assert.deepEqual(await within(detailsCalls().at(-1)!.closed, 5_000, `refresh ${round} answered`), { completed: true });
      }
    });

    it("an unknown model id is a 404 envelope", async () => {
      await assert.rejects(h.client().models.retrieve("nope/none"), (error: unknown) => error instanceof OpenAI.NotFoundError && error.code === "model_not_found");
    });

    it("answers a CORS preflight naming Authorization, and sets Allow-Origin on every response", async () => {
      const preflight = await h.fetch("/v1/chat/completions", {
        method: "OPTIONS",
        headers: { origin: "https://app.example", "access-control-request-method": "POST", "access-control-request-headers": "authorization, content-type, x-stainless-os" },
      });
      assert.ok(preflight.status === 204 || preflight.status === 200);
      assert.equal(preflight.headers.get("access-control-allow-origin"), "*");
      assert.match(preflight.headers.get("access-control-allow-headers") ?? "", /authorization/i);
      assert.match(preflight.headers.get("access-control-allow-methods") ?? "", /POST/);
      assert.equal(preflight.headers.get("access-control-allow-credentials"), null);
      for (const path of ["/health", "/v1/models", "/nope"]) {
        const response = await h.fetch(path, { headers: { origin: "https://app.example" } });
        assert.equal(response.headers.get("access-control-allow-origin"), "*", path);
      }
      const error = await h.fetch("/v1/chat/completions", { method: "POST", headers: { origin: "https://app.example" }, body: "{}" });
      assert.equal(error.status, 401);
      assert.equal(error.headers.get("access-control-allow-origin"), "*");
    });

    it("GET /health is 200 JSON", async () => {
      const response = await h.fetch("/health");
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), { status: "ok" });
    });

    it("GET / serves the page to a browser, with a CSP, and the JSON index to others", async () => {
      const page = await h.fetch("/", { headers: { accept: "text/html,application/xhtml+xml,*/*;q=0.8" } });
      assert.equal(page.status, 200);
      assert.match(page.headers.get("content-type") ?? "", /^text\/html/);
      assert.match(page.headers.get("content-security-policy") ?? "", /script-src 'self' https:\/\/js\.puter\.com/);
      assert.match(await page.text(), /Sign in with Puter/);
      const script = await h.fetch("/page.js");
      assert.match(await script.text(), /puter\.auth\.signIn\(\)/);
      const index = await h.fetch("/", { headers: { accept: "application/json" } });
      assert.equal((await index.json()).name, "puter-openai-proxy");
    });

    const envelopes: Array<{ name: string; path: string; init: RequestInit; status: number; code: string; message: RegExp }> = [
      { name: "unknown route", path: "/v1/embeddings", init: { method: "POST", headers: json, body: "{}" }, status: 404, code: "unknown_url", message: /Unknown request URL/ },
      { name: "wrong method", path: "/v1/chat/completions", init: { method: "GET" }, status: 405, code: "method_not_allowed", message: /use POST/ },
      { name: "malformed JSON", path: "/v1/chat/completions", init: { method: "POST", headers: json, body: '{"model":' }, status: 400, code: "", message: /could not parse the JSON body/ },
      { name: "body over the limit", path: "/v1/chat/completions", init: { method: "POST", headers: json, body: JSON.stringify({ model: "fake", messages: [{ role: "user", content: "x".repeat(70_000) }] }) }, status: 413, code: "request_too_large", message: /MAX_BODY_BYTES/ },
      { name: "a wrong field", path: "/v1/chat/completions", init: { method: "POST", headers: json, body: JSON.stringify({ model: "fake", messages: "hi" }) }, status: 400, code: "invalid_value", message: /`messages`/ },
      { name: "a bad X-Puter-Mode", path: "/v1/chat/completions", init: { method: "POST", headers: { ...json, "x-puter-mode": "fancy" }, body: JSON.stringify({ model: "fake", messages: [{ role: "user", content: "x" }] }) }, status: 400, code: "", message: /expected one of raw, standard, full/ },
    ];
    for (const row of envelopes) {
      it(`${row.name} → ${row.status} in the OpenAI error envelope`, async () => {
        const response = await h.fetch(row.path, row.init);
        assert.equal(response.status, row.status);
        const body = await response.json();
        assert.deepEqual(Object.keys(body.error).sort(), ["code", "message", "param", "type"]);
        assert.match(body.error.message, row.message);
        if (row.code) assert.equal(body.error.code, row.code);
      });
    }

    it("never prints the token", async () => {
      await h.client().chat.completions.create({ model: "fake", messages: [{ role: "user", content: "hi" }] });
      await h.client().chat.completions.create({ model: "error/internal", messages: [{ role: "user", content: "hi" }] }).catch(() => {});
      assert.match(h.proxy.output(), /POST \/v1\/chat\/completions 200/);
      assert.ok(!h.proxy.output().includes(TOKEN));
    });
  });
}
