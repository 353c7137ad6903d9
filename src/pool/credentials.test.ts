import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AuthenticationError, RateLimitError, UpstreamError } from "../errors.ts";
import { poolCredentials, withCredential } from "./credentials.ts";
import { createMemoryStore } from "./memory-store.ts";
import { createTokenPool } from "./pool.ts";
import { matchesAny } from "./token-hash.ts";

async function setup() {
  const tokens = [{ token: "puter-a", hash: "ha" }, { token: "puter-b", hash: "hb" }];
  const pool = createTokenPool(tokens, createMemoryStore(), { maxConcurrent: 3, fundsCooldownMs: 60_000, queueMs: 100, leaseMs: 60_000, now: Date.now });
  return { pool, credentials: await poolCredentials(["key-1", "key-2"], pool) };
}
const request = (key?: string) => new Request("http://proxy.test/v1/chat/completions", { headers: key ? { authorization: `Bearer ${key}` } : {} });

describe("pool credentials", () => {
  it("a missing or wrong access key is a 401 and no token is taken", async () => {
    const { credentials, pool } = await setup();
    await assert.rejects(credentials.acquire(request()), (e: unknown) => e instanceof AuthenticationError && /Missing access key/.test(e.message));
    await assert.rejects(credentials.acquire(request("key-3")), (e: unknown) => e instanceof AuthenticationError && /Invalid access key/.test(e.message));
    assert.ok((await pool.states()).every((s) => s.inFlight === 0));
  });

  it("a failure on one token before any byte is retried once on another; the client never sees it", async () => {
    const { credentials } = await setup();
    const tried: string[] = [];
    const { value, credential } = await withCredential(request("key-2"), credentials, async (token) => {
      tried.push(token);
      if (tried.length === 1) throw new RateLimitError("Puter says slow down", "30");
      return "answer";
    });
    assert.equal(value, "answer");
    assert.equal(tried.length, 2);
    assert.notEqual(tried[0], tried[1]);
    assert.equal(credential.token, tried[1]);
    credential.release();
  });

  it("two token failures in a row give pool_exhausted; other failures pass through untouched", async () => {
    const { credentials } = await setup();
    await assert.rejects(withCredential(request("key-1"), credentials, async () => {
      throw new AuthenticationError("refused");
    }), (e: unknown) => (e as { code?: string }).code === "pool_exhausted");
    const { credentials: fresh } = await setup();
    let calls = 0;
    await assert.rejects(withCredential(request("key-1"), fresh, async () => {
      calls++;
      throw new UpstreamError("Puter is down");
    }), UpstreamError);
    assert.equal(calls, 1);
  });
});

describe("matchesAny", () => {
  it("matches exactly one of the digests, never a prefix", () => {
    const a = Uint8Array.of(1, 2, 3);
    assert.equal(matchesAny(Uint8Array.of(1, 2, 3), [Uint8Array.of(9, 9, 9), a]), true);
    assert.equal(matchesAny(Uint8Array.of(1, 2, 4), [a]), false);
  });
});
