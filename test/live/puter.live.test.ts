import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import OpenAI from "openai";
import { createApp } from "../../src/app.ts";
import { parseConfig } from "../../src/config.ts";

/**
 * Against the real Puter, only when PUTER_TOKEN is set (it costs a little credit; `fake` costs none).
 * PUTER_LIVE_MODEL picks a real model to try as well. Without a token it says so loudly and skips.
 */
const token = process.env.PUTER_TOKEN?.trim();
const skip = token ? false : "PUTER_TOKEN is not set: the live test against api.puter.com did NOT run";
if (skip) {
  console.log(`\n*** LIVE TEST SKIPPED: ${skip} ***\n`);
  it("live Puter", { skip }, () => {});
} else describe("live Puter", () => {
  let server: { url: string; close(): void } | undefined;

  before(async () => {
    const { serve } = await import("@hono/node-server");
    const app = createApp(parseConfig({ PUTER_API_BASE: process.env.PUTER_API_BASE, LOG_LEVEL: "silent" }), { fetch: globalThis.fetch });
    server = await new Promise((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) => {
        resolve({ url: `http://127.0.0.1:${info.port}`, close: () => s.close() });
      });
    });
  });
  after(() => server?.close());

  const client = () => new OpenAI({ apiKey: token, baseURL: `${server?.url}/v1`, maxRetries: 0 });
  const models = ["fake", ...(process.env.PUTER_LIVE_MODEL ? [process.env.PUTER_LIVE_MODEL] : [])];

  for (const model of models) {
    it(`${model}: answers, streaming and not`, async () => {
      const whole = await client().chat.completions.create({ model, messages: [{ role: "user", content: "Say hi." }] });
      assert.ok((whole.choices[0]?.message.content ?? "").length > 0);
      const text = await client().chat.completions.stream({ model, messages: [{ role: "user", content: "Say hi." }] }).finalContent();
      assert.ok((text ?? "").length > 0);
    });
  }

  it("lists more than 300 models", async () => {
    const page = await client().models.list();
    assert.ok(page.data.length > 300, `got ${page.data.length}`);
  });
});
