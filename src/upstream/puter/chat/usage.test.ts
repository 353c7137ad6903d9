import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fromUsageDetails, pickUsage, toUsage } from "./usage.ts";

// docs/puter-wire.md §4.2: every vendor's usage keys, and what they mean in OpenAI terms.
const rows: Array<{ name: string; raw: unknown; service?: string; expected: ReturnType<typeof toUsage> }> = [
  { name: "OpenAI: cached tokens added back", raw: { prompt_tokens: 10, completion_tokens: 5, cached_tokens: 4, usd_cents: 0.1 }, service: "openai-completion", expected: { promptTokens: 14, completionTokens: 5, cachedTokens: 4 } },
  { name: "DeepSeek: cached already included", raw: { prompt_tokens: 10, completion_tokens: 5, cached_tokens: 4 }, service: "deepseek", expected: { promptTokens: 10, completionTokens: 5, cachedTokens: 4 } },
  { name: "Gemini: thinking added to completion", raw: { prompt_tokens: 10, completion_tokens: 5, cached_tokens: 0, thinking_tokens: 7 }, service: "gemini", expected: { promptTokens: 10, completionTokens: 12, reasoningTokens: 7 } },
  { name: "OpenRouter keys", raw: { prompt: 20, completion: 8, input_cache_read: 3, request: 1 }, service: "openrouter", expected: { promptTokens: 23, completionTokens: 8, cachedTokens: 3 } },
  { name: "Claude: cache reads and writes added", raw: { input_tokens: 10, ephemeral_5m_input_tokens: 2, ephemeral_1h_input_tokens: 1, cache_read_input_tokens: 30, output_tokens: 9, thinking_tokens: 4 }, service: "claude", expected: { promptTokens: 43, completionTokens: 9, cachedTokens: 30, cacheWriteTokens: 3, reasoningTokens: 4 } },
  { name: "fake model", raw: { input_tokens: 0, output_tokens: 1, usd_cents: null }, expected: { promptTokens: 0, completionTokens: 1 } },
  { name: "legacy array", raw: [{ type: "prompt", model: "m", amount: 11, cost: 1 }, { type: "completion", model: "m", amount: 6, cost: 2 }], expected: { promptTokens: 11, completionTokens: 6 } },
  { name: "only usd_cents (stream usage line of the fake model)", raw: { usd_cents: null }, expected: undefined },
  { name: "missing", raw: undefined, expected: undefined },
  { name: "garbage numbers ignored", raw: { prompt_tokens: -3, completion_tokens: Number.NaN }, expected: { promptTokens: 0, completionTokens: 0 } },
];

describe("toUsage", () => {
  for (const row of rows) {
    it(row.name, () => assert.deepEqual(toUsage(row.raw, row.service), row.expected));
  }
});

describe("usageDetails (newer servers)", () => {
  it("Claude's details are exact: cache reads and writes join the prompt, reads are the cached count", () => {
    const details = { inputTokens: 10, outputTokens: 40, cacheReadTokens: 30, cacheWrite5mTokens: 2, reasoningTokens: 12 };
    assert.deepEqual(fromUsageDetails(details), { promptTokens: 42, completionTokens: 40, cachedTokens: 30, cacheWriteTokens: 2, reasoningTokens: 12 });
    assert.deepEqual(pickUsage({ input_tokens: 1, output_tokens: 1 }, details, "claude"), fromUsageDetails(details));
  });
  it("a fallback sum loses to the vendor keys, so cached tokens are not counted twice", () => {
    const raw = { prompt_tokens: 10, completion_tokens: 5, cached_tokens: 4 };
    assert.deepEqual(pickUsage(raw, { inputTokens: 14, outputTokens: 5 }, "deepseek"), { promptTokens: 10, completionTokens: 5, cachedTokens: 4 });
  });
  it("details alone still count when the vendor keys are missing", () => {
    assert.deepEqual(pickUsage({ usd_cents: null }, { inputTokens: 0, outputTokens: 0 }), { promptTokens: 0, completionTokens: 0 });
    assert.equal(pickUsage(undefined, undefined), undefined);
  });
});
