import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import OpenAI from "openai";
import { freePort } from "../../bench/lib/proc.ts";
import { type LaunchedProxy, launchProxy } from "../e2e/launch.ts";
import { RUNTIMES } from "../e2e/runtimes.ts";
import { type PuterDouble, startPuterDouble } from "../puter-double/server.ts";
import { redisAvailable, redisOn } from "./redis-server.ts";

const TOKENS = ["pool-token-alpha-1", "pool-token-bravo-2", "pool-token-charlie-3"];
const KEY = "team-access-key-9f2c";
const user = [{ role: "user" as const, content: "hi" }];

if (!redisAvailable()) {
  console.log("\n*** SKIPPED: the pool's Redis tests need Debian's redis-server (/usr/bin/redis-server); .ci/run installs it ***\n");
}

describe("token pool: two instances sharing one Redis", { skip: !redisAvailable() && "redis-server is not installed" }, () => {
  let double: PuterDouble;
  let redis: ReturnType<typeof redisOn>;
  const proxies: LaunchedProxy[] = [];
  const client = (proxy: LaunchedProxy, apiKey = KEY) => new OpenAI({ apiKey, baseURL: `${proxy.url}/v1`, maxRetries: 0, timeout: 30_000 });

  before(async () => {
    redis = redisOn(await freePort());
    await redis.start();
    // Puter's free-account limits: 3 calls in flight and 30 per 10 s, per token.
    double = await startPuterDouble({ fakeDelayMs: 300, intervalMs: 2, accountLimits: { concurrent: 3, perWindow: 30, windowMs: 10_000 } });
    const env = { PUTER_API_BASE: double.url, PUTER_TOKENS: TOKENS.join(","), ACCESS_KEYS: KEY, REDIS_URL: redis.url, POOL_MAX_CONCURRENT: "3", LOG_FORMAT: "json" };
    for (let i = 0; i < 2; i++) proxies.push(await launchProxy(RUNTIMES.node, env));
  });
  after(async () => {
    for (const proxy of proxies) await proxy.stop();
    await double?.close();
    await redis?.stop();
  });

  it("24 streams through two instances all succeed, and no token ever has more than 3 calls in flight", async () => {
    const streams = Array.from({ length: 24 }, async (_, i) => {
      const runner = client(proxies[i % 2] as LaunchedProxy).chat.completions.stream({ model: "fake", messages: user });
      return (await runner.finalChatCompletion()).choices[0]?.message.content ?? "";
    });
    const texts = await Promise.all(streams);
    assert.equal(texts.filter((text) => text.length > 0).length, 24);
    const peaks = double.peakInFlight();
    console.log(`peak in-flight calls per token seen by the double: ${JSON.stringify(Object.values(peaks))}`);
    assert.deepEqual(Object.keys(peaks).sort(), [...TOKENS].sort(), "every token served");
    for (const peak of Object.values(peaks)) assert.ok(peak <= 3, `a token had ${peak} calls in flight`);
    // The double refuses a fourth call with Puter's 429: none was refused, so the cap held across both instances.
    assert.equal(double.limitRefusals(), 0);
    assert.ok(Object.values(peaks).some((peak) => peak === 3), "the pool used the tokens up to their limit");
  });

  it("without the shared store, two instances would overrun Puter's limit: the double refuses calls", async () => {
    const env = { PUTER_API_BASE: double.url, PUTER_TOKENS: TOKENS.join(","), ACCESS_KEYS: KEY, POOL_MAX_CONCURRENT: "3" };
    const alone = [await launchProxy(RUNTIMES.node, env), await launchProxy(RUNTIMES.node, env)];
    try {
      const before = double.limitRefusals();
      const results = await Promise.allSettled(Array.from({ length: 24 }, (_, i) => client(alone[i % 2] as LaunchedProxy).chat.completions.stream({ model: "fake", messages: user }).finalChatCompletion()));
      assert.ok(double.limitRefusals() > before, "each instance alone filled the same tokens: Puter refused calls");
      assert.ok(results.length === 24);
    } finally {
      for (const proxy of alone) await proxy.stop();
    }
  });

  it("a missing or wrong access key is a 401 and Puter is not called; keys never reach Puter", async () => {
    const calls = double.requests.length;
    await assert.rejects(client(proxies[0] as LaunchedProxy, "wrong-key").chat.completions.create({ model: "fake", messages: user }), (e: unknown) => e instanceof OpenAI.AuthenticationError);
    assert.equal(double.requests.length, calls);
    assert.ok(double.requests.every((r) => !JSON.stringify(r).includes(KEY)), "the access key never reaches Puter");
  });

  it("/metrics needs a key, and names tokens by hash only", async () => {
    const proxy = proxies[0] as LaunchedProxy;
    assert.equal((await fetch(`${proxy.url}/metrics`)).status, 401);
    const text = await (await fetch(`${proxy.url}/metrics`, { headers: { authorization: `Bearer ${KEY}` } })).text();
    assert.match(text, /puter_proxy_requests_total\{route="\/v1\/chat\/completions",status="200"\} \d+/);
    assert.match(text, /puter_proxy_pool_token_state\{token_hash="[0-9a-f]{12}",state="ready"\} 1/);
    for (const token of TOKENS) assert.ok(!text.includes(token), "no token in the metrics");
  });

  it("Redis going away mid-run: requests keep being served on local state; it is logged once; the pool rejoins when Redis returns", async () => {
    const proxy = proxies[0] as LaunchedProxy;
    await redis.stop();
    for (let i = 0; i < 3; i++) assert.ok((await client(proxy).chat.completions.create({ model: "fake", messages: user })).choices[0]?.message.content);
    const gone = proxy.output().match(/shared store \(Redis\) is unreachable/g) ?? [];
    assert.equal(gone.length, 1, "said once");
    await redis.start();
    const until = Date.now() + 15_000;
    while (!/shared store \(Redis\) is back/.test(proxy.output())) {
      assert.ok(Date.now() < until, "the pool did not rejoin Redis within 15 s");
      await client(proxy).chat.completions.create({ model: "fake", messages: user });
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    for (const token of TOKENS) assert.ok(!proxy.output().includes(token), "no token in the log");
  });

  it("JSON logs: one object per request with the fixed keys", () => {
    const lines = (proxies[1] as LaunchedProxy).output().split("\n").filter((line) => line.startsWith("{"));
    const entry = JSON.parse(lines.find((line) => line.includes('"route":"/v1/chat/completions"')) ?? "{}");
    for (const key of ["time", "level", "request_id", "method", "route", "status", "upstream_status", "duration_ms", "model", "token_hash"]) assert.ok(key in entry, key);
    assert.match(entry.token_hash, /^[0-9a-f]{12}$/);
    assert.equal(entry.model, "fake");
  });
});
