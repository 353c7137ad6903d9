import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { InsufficientCreditError, AuthenticationError, RateLimitError, InvalidRequestError } from "../errors.ts";
import { createMemoryStore } from "./memory-store.ts";
import { createTokenPool, PoolExhaustedError } from "./pool.ts";

function poolOf(count: number, overrides: Partial<Parameters<typeof createTokenPool>[2]> = {}) {
  let clock = 1_000_000;
  const tokens = Array.from({ length: count }, (_, i) => ({ token: `secret-${i}`, hash: `h${i}` }));
  const store = createMemoryStore();
  const pool = createTokenPool(tokens, store, { maxConcurrent: 2, fundsCooldownMs: 3_600_000, queueMs: 200, leaseMs: 60_000, now: () => clock, ...overrides });
  return { pool, store, advance: (ms: number) => void (clock += ms) };
}

describe("token pool", () => {
  it("takes the token with the fewest calls in flight, then the least recently used", async () => {
    const { pool } = poolOf(3);
    const taken = [];
    for (let i = 0; i < 6; i++) taken.push((await pool.acquire()).hash);
    assert.deepEqual(taken.slice(0, 3).sort(), ["h0", "h1", "h2"]);
    assert.deepEqual(taken.slice(3).sort(), ["h0", "h1", "h2"]);
  });

  it("never exceeds the cap: a call that finds every token busy waits in line, then gets one as a lease is released", async () => {
    const { pool } = poolOf(1, { maxConcurrent: 1, queueMs: 2_000, now: Date.now });
    const first = await pool.acquire();
    const order: string[] = [];
    const second = pool.acquire().then((lease) => (order.push("second"), lease));
    const third = pool.acquire().then((lease) => (order.push("third"), lease));
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.deepEqual(order, []);
    first.release();
    (await second).release();
    (await third).release();
    assert.deepEqual(order, ["second", "third"], "first come, first served");
  });

  it("a wait past the queue time is a 429 pool_exhausted with a retry-after", async () => {
    const { pool } = poolOf(1, { maxConcurrent: 1, queueMs: 50, now: Date.now });
    await pool.acquire();
    await assert.rejects(pool.acquire(), (error: unknown) => {
      assert.ok(error instanceof PoolExhaustedError);
      assert.equal(error.status, 429);
      assert.equal(error.code, "pool_exhausted");
      assert.equal(error.headers["retry-after"], "1");
      return true;
    });
  });

  it("Puter's 429 rests a token for its retry-after (10 s when absent), exhausted credit for the funds cooldown, a refusal disables it", async () => {
    const { pool, advance } = poolOf(3);
    assert.equal(await pool.failed("h0", new RateLimitError("slow", "7")), true);
    assert.equal(await pool.failed("h1", new InsufficientCreditError("none")), true);
    assert.equal(await pool.failed("h2", new AuthenticationError("bad")), true);
    assert.equal(await pool.failed("h2", new InvalidRequestError("your fault")), false, "a bad request is not the token's fault");
    await assert.rejects(pool.acquire(undefined, [], false), (error: unknown) => error instanceof PoolExhaustedError && error.status === 429 && error.headers["retry-after"] === "7");
    advance(7_001);
    assert.equal((await pool.acquire()).hash, "h0");
    const states = await pool.states();
    assert.deepEqual(states.map((s) => [s.hash, s.disabled, s.coolUntil > 0]), [["h0", false, false], ["h1", false, true], ["h2", true, false]]);
  });

  it("every token disabled is a 503", async () => {
    const { pool } = poolOf(2);
    await pool.failed("h0", new AuthenticationError("bad"));
    await pool.failed("h1", new AuthenticationError("bad"));
    await assert.rejects(pool.acquire(), (error: unknown) => error instanceof PoolExhaustedError && error.status === 503);
  });

  it("a lease that is never released expires, so a dead instance cannot hold slots forever", async () => {
    const { pool, advance } = poolOf(1, { maxConcurrent: 1 });
    await pool.acquire();
    await assert.rejects(pool.acquire(undefined, [], false));
    advance(60_001);
    assert.equal((await pool.acquire(undefined, [], false)).hash, "h0");
  });
});
