import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { toCreated, toModel, toModelList, usdPerMillion } from "./models.ts";

// Entries copied from puter-models-details.json (trimmed where noted).
const claude = {
  puterId: "anthropic:anthropic/claude-fable-5",
  id: "claude-fable-5",
  modalities: { input: ["text", "image", "pdf"], output: ["text"] },
  open_weights: false,
  tool_call: true,
  release_date: "2026-06-09",
  aliases: ["claude-fable", "claude-fable-latest", "claude-fable-5", "anthropic/claude-fable-5", "anthropic:anthropic/claude-fable-5"],
  name: "Claude Fable 5",
  costs_currency: "usd-cents",
  input_cost_key: "input_tokens",
  output_cost_key: "output_tokens",
  costs: { tokens: 1000000, input_tokens: 1000, ephemeral_5m_input_tokens: 1250, cache_read_input_tokens: 100, output_tokens: 5000 },
  context: 1000000,
  max_tokens: 128000,
  provider: "claude",
};

const openRouterComplete = {
  id: "openrouter:~anthropic/claude-haiku-latest",
  name: "Anthropic Claude Haiku Latest (OpenRouter)",
  aliases: ["~anthropic/claude-haiku-latest", "Anthropic Claude Haiku Latest", "openrouter/~anthropic/claude-haiku-latest", "claude-haiku-latest"],
  context: 200000,
  max_tokens: 64000,
  costs_currency: "usd-cents",
  input_cost_key: "prompt",
  output_cost_key: "completion",
  costs: { tokens: 1000000, prompt: 100, completion: 500, web_search: 1000000, input_cache_read: 10, request: 0 },
  release_date: "2026-04-27",
  provider: "openrouter",
};

const openRouterMinimal = {
  id: "openrouter:~anthropic/claude-fable-latest",
  aliases: ["~anthropic/claude-fable-latest", "openrouter/~anthropic/claude-fable-latest", "claude-fable-latest"],
  costs_currency: "usd-cents",
  input_cost_key: "prompt",
  output_cost_key: "completion",
  costs: { tokens: 1000000, prompt: 1000, completion: 5000 },
  provider: "openrouter",
};

const legacy = {
  id: "gpt-4o",
  name: "GPT-4o",
  aliases: ["openai/gpt-4o"],
  context: 128000,
  max_tokens: 16384,
  provider: "openai-completion",
  cost: { currency: "usd-cents", tokens: 1000000, input: 250, output: 1000 },
};

const usd = (input?: number, output?: number, cachedInput?: number) => ({
  ...(input === undefined ? {} : { input }),
  ...(output === undefined ? {} : { output }),
  ...(cachedInput === undefined ? {} : { cachedInput }),
});

const cases: Array<{ name: string; entry: unknown; expected: unknown }> = [
  {
    name: "v2 claude entry: puterId is the id, the vendor id an alias",
    entry: claude,
    expected: {
      id: "anthropic:anthropic/claude-fable-5", created: 1780963200, ownedBy: "claude",
      name: "Claude Fable 5", contextLength: 1000000, maxOutputTokens: 128000, pricing: usd(10, 50, 1),
      inputModalities: ["text", "image", "pdf"], outputModalities: ["text"], supportsTools: true,
      aliases: ["claude-fable-5", "claude-fable", "claude-fable-latest", "anthropic/claude-fable-5"],
    },
  },
  {
    name: "openrouter complete entry",
    entry: openRouterComplete,
    expected: {
      id: "openrouter:~anthropic/claude-haiku-latest", created: 1777248000, ownedBy: "openrouter",
      name: "Anthropic Claude Haiku Latest (OpenRouter)", contextLength: 200000, maxOutputTokens: 64000,
      pricing: usd(1, 5, 0.1),
      aliases: ["~anthropic/claude-haiku-latest", "Anthropic Claude Haiku Latest", "openrouter/~anthropic/claude-haiku-latest", "claude-haiku-latest"],
    },
  },
  {
    name: "openrouter minimal entry: only what Puter gave",
    entry: openRouterMinimal,
    expected: {
      id: "openrouter:~anthropic/claude-fable-latest", created: 0, ownedBy: "openrouter",
      pricing: usd(10, 50),
      aliases: ["~anthropic/claude-fable-latest", "openrouter/~anthropic/claude-fable-latest", "claude-fable-latest"],
    },
  },
  {
    name: "legacy cost shape",
    entry: legacy,
    expected: {
      id: "gpt-4o", created: 0, ownedBy: "openai-completion", name: "GPT-4o",
      contextLength: 128000, maxOutputTokens: 16384, pricing: usd(2.5, 10), aliases: ["openai/gpt-4o"],
    },
  },
  {
    name: "snapshot-trimmed openrouter entry: provider, cost keys, unit and aliases rebuilt",
    entry: { id: "openrouter:openai/gpt-4o", name: "OpenAI: GPT-4o (OpenRouter)", costs: { prompt: 250, completion: 1000 } },
    expected: {
      id: "openrouter:openai/gpt-4o", created: 0, ownedBy: "openrouter",
      name: "OpenAI: GPT-4o (OpenRouter)", pricing: usd(2.5, 10),
      aliases: ["openai/gpt-4o", "OpenAI: GPT-4o", "openrouter/openai/gpt-4o", "gpt-4o"],
    },
  },
  {
    name: "costs in another unit and non-numeric fields are left out",
    entry: { id: "odd", provider: "x", costs_currency: "usd-cents", input_cost_key: "in", output_cost_key: "out",
      costs: { tokens: 1000, in: 3, out: "free" }, context: "big", max_tokens: Number.NaN, tool_call: "yes",
      release_date: "soon", modalities: ["text"], aliases: "none" },
    expected: { id: "odd", created: 0, ownedBy: "x", pricing: usd(30) },
  },
  { name: "unknown currency: no pricing", entry: { id: "eur", provider: "x", costs_currency: "eur", costs: { prompt: 1 } },
    expected: { id: "eur", created: 0, ownedBy: "x" } },
];

describe("toModel", () => {
  for (const { name, entry, expected } of cases) {
    it(name, () => assert.deepEqual(toModel(entry), expected));
  }

  for (const garbage of [null, undefined, 42, "gpt-4o", [], {}, { id: 7 }, { id: "  " }, { puterId: "a:b" }]) {
    it(`skips ${JSON.stringify(garbage) ?? "undefined"}`, () => assert.equal(toModel(garbage), undefined));
  }

  it("never emits undefined or NaN values", () => {
    const json = JSON.stringify(toModel({ id: "x", context: Number.NaN, costs: { prompt: Number.NaN } }));
    assert.equal(json, '{"id":"x","created":0,"ownedBy":"puter"}');
  });
});

describe("usdPerMillion", () => {
  const table: Array<[cents: number, tokens: number, usd: number]> = [
    [300, 1_000_000, 3],
    [1500, 1_000_000, 15],
    [7, 1_000_000, 0.07],
    [0.03, 1000, 0.3],
    [0, 1_000_000, 0],
    [100_000_000, 1_000_000, 1_000_000],
  ];
  for (const [cents, tokens, expected] of table) {
    it(`${cents} cents per ${tokens} tokens = $${expected} per million`, () => {
      assert.equal(usdPerMillion(cents, tokens), expected);
    });
  }
  it("rejects negative and non-numeric prices", () => {
    assert.equal(usdPerMillion(-1, 1_000_000), undefined);
    assert.equal(usdPerMillion("3", 1_000_000), undefined);
  });
});

describe("toCreated", () => {
  it("reads YYYY-MM-DD and YYYY-MM as UTC midnight", () => {
    assert.equal(toCreated("2025-04-14"), 1744588800);
    assert.equal(toCreated("2025-09"), 1756684800);
  });
  it("is 0 when missing or invalid", () => {
    for (const value of [undefined, null, "", "2025-13-01", "April 2025", 1744588800]) assert.equal(toCreated(value), 0);
  });
});

describe("toModelList", () => {
  it("accepts {models:[…]} and a bare array, skipping bad entries and duplicate ids (first wins)", () => {
    const first = { id: "a", provider: "one" };
    const entries = [first, null, { id: 3 }, { id: "a", provider: "two" }, openRouterMinimal];
    const expected = [toModel(first), toModel(openRouterMinimal)];
    assert.deepEqual(toModelList({ models: entries }), expected);
    assert.deepEqual(toModelList(entries), expected);
  });
  it("dedupes on the output id, so a puterId collision keeps the first", () => {
    const list = toModelList([{ id: "x", puterId: "v:x" }, { id: "v:x" }]);
    assert.deepEqual(list.map((model) => model.aliases), [["x"]]);
  });
  it("is empty for anything else", () => {
    for (const body of [null, "models", { models: "no" }, { data: [] }]) assert.deepEqual(toModelList(body), []);
  });
});
