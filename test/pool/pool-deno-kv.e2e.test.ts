import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import OpenAI from "openai";
import { type LaunchedProxy, launchProxy } from "../e2e/launch.ts";
import { RUNTIMES } from "../e2e/runtimes.ts";
import { type PuterDouble, startPuterDouble } from "../puter-double/server.ts";

const TOKENS = ["kv-token-alpha", "kv-token-bravo"];
const KEY = "kv-team-key";

// The one-file bundle as Deno Deploy runs it, with KV (a flag locally) on a file both processes open.
const bundle = RUNTIMES["deno-bundle"];
const withKv = { ...bundle, args: ["run", "--allow-net", "--allow-env", "--allow-read", "--allow-write", "--unstable-kv", "dist/deno-puter-proxy.js"] };

describe("token pool on Deno: two processes sharing one Deno KV", () => {
  let double: PuterDouble;
  const proxies: LaunchedProxy[] = [];
  const dir = mkdtempSync(join(tmpdir(), "puter-kv-"));

  before(async () => {
    double = await startPuterDouble({ fakeDelayMs: 300, intervalMs: 2, accountLimits: { concurrent: 3, perWindow: 30, windowMs: 10_000 } });
    const env = { PUTER_API_BASE: double.url, PUTER_TOKENS: TOKENS.join(","), ACCESS_KEYS: KEY, POOL_MAX_CONCURRENT: "3", DENO_KV_PATH: join(dir, "pool.kv") };
    for (let i = 0; i < 2; i++) proxies.push(await launchProxy(withKv, env));
  });
  after(async () => {
    for (const proxy of proxies) await proxy.stop();
    await double?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("16 streams through two Deno processes: no token over 3 in flight, and Puter refuses none", async () => {
    const results = await Promise.all(
      Array.from({ length: 16 }, async (_, i) => {
        const proxy = proxies[i % 2] as LaunchedProxy;
        const client = new OpenAI({ apiKey: KEY, baseURL: `${proxy.url}/v1`, maxRetries: 0, timeout: 30_000 });
        return client.chat.completions.stream({ model: "fake", messages: [{ role: "user", content: "hi" }] }).finalChatCompletion();
      }),
    );
    assert.equal(results.filter((r) => r.choices[0]?.message.content).length, 16);
    const peaks = Object.values(double.peakInFlight());
    console.log(`peak in-flight calls per token seen by the double (Deno KV): ${JSON.stringify(peaks)}`);
    assert.ok(peaks.every((peak) => peak <= 3));
    assert.equal(double.limitRefusals(), 0);
  });
});
