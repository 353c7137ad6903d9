import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { CatalogModel } from "./models.ts";
import { createModelCatalog, MAX_RETRY_MS } from "./model-catalog.ts";
import { loadSnapshot } from "./models-snapshot.ts";

type Deferred<T> = { promise: Promise<T>; resolve: (value: T) => void; reject: (reason: unknown) => void };

function deferred<T>(): Deferred<T> {
  const handles: Partial<Deferred<T>> = {};
  handles.promise = new Promise<T>((resolve, reject) => Object.assign(handles, { resolve, reject }));
  return handles as Deferred<T>;
}

/** Lets the settled background refresh finish its bookkeeping. */
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A Puter stand-in: every call waits until the test answers it; an abort rejects it, as fetch does. */
function fakePuter() {
  const calls: Array<{ url: string; init: RequestInit | undefined; reply: Deferred<Response> }> = [];
  const fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
    const reply = deferred<Response>();
    init?.signal?.addEventListener("abort", () => reply.reject(init.signal?.reason));
    calls.push({ url: String(input), init, reply });
    return reply.promise;
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const details = (...ids: string[]) => json({ models: ids.map((id) => ({ id, provider: "test" })) });
const ids = (models: CatalogModel[]) => models.map((model) => model.id);

const SNAPSHOT: CatalogModel[] = [{ id: "from-snapshot", created: 0, ownedBy: "puter" }];
const TTL = 10_000;

function setup({ ttlMs = TTL, timeoutMs = 5_000 } = {}) {
  const { fetch, calls } = fakePuter();
  const clock = { time: 1_000_000 };
  const options = { fetch, baseUrl: "https://api.puter.test/", ttlMs, timeoutMs, now: () => clock.time };
  return { catalog: createModelCatalog({ ...options, snapshot: () => SNAPSHOT }), calls, clock };
}

/** Runs the first load, answering Puter's request with `answer`. */
async function started(answer: (reply: Deferred<Response>) => void, overrides: { ttlMs?: number } = {}) {
  const context = setup(overrides);
  const first = context.catalog.list();
  answer(context.calls[0]!.reply);
  return { ...context, first: await first };
}

const offline = (reply: Deferred<Response>) => reply.reject(new TypeError("fetch failed"));
const answering = (response: Response) => (reply: Deferred<Response>) => reply.resolve(response);

describe("createModelCatalog", () => {
  it("first load fetches the public details endpoint without credentials, with a deadline", async () => {
    const { catalog, calls } = setup();
    const lists = [catalog.list(), catalog.list(), catalog.get("a")];
    assert.equal(calls.length, 1, "concurrent first callers share one request");
    const call = calls[0]!;
    assert.equal(call.url, "https://api.puter.test/puterai/chat/models/details");
    assert.equal(new Headers(call.init?.headers).has("authorization"), false);
    assert.ok(call.init?.signal instanceof AbortSignal);
    call.reply.resolve(details("a", "b"));
    const [first, second, model] = await Promise.all(lists);
    assert.deepEqual(ids(first as CatalogModel[]), ["a", "b"]);
    assert.equal(first, second);
    assert.equal((model as CatalogModel).id, "a");
  });

  it("serves the cache within the TTL without fetching again", async () => {
    const { catalog, calls, clock } = await started(answering(details("a")));
    clock.time += TTL - 1;
    assert.deepEqual(ids(await catalog.list()), ["a"]);
    assert.equal(calls.length, 1);
  });

  it("after the TTL serves the stale list at once and refreshes exactly once for N callers", async () => {
    const { catalog, calls, clock } = await started(answering(details("old")));
    clock.time += TTL;
    const lists = await Promise.all(Array.from({ length: 10 }, () => catalog.list()));
    assert.ok(lists.every((list) => ids(list).join() === "old"), "nobody waited on the refresh");
    assert.equal(calls.length, 2);
    calls[1]!.reply.resolve(details("new"));
    await tick();
    assert.deepEqual(ids(await catalog.list()), ["new"]);
    assert.equal(calls.length, 2, "the fresh list has a fresh TTL");
  });

  it("hands a background refresh to the caller's `background`, and only a background one", async () => {
    const handed: Array<Promise<unknown>> = [];
    const { catalog, calls, clock } = setup();
    const first = catalog.list((task) => handed.push(task));
    calls[0]!.reply.resolve(details("old"));
    await first;
    assert.equal(handed.length, 0, "a load the caller awaits needs no keeping alive");
    clock.time += TTL;
    assert.equal((await catalog.get("old", (task) => handed.push(task)))?.id, "old", "the stale list answers at once");
    assert.equal(handed.length, 1);
    calls[1]!.reply.resolve(details("new"));
    await handed[0];
    assert.deepEqual(ids(await catalog.list()), ["new"]);
  });

  const failures: Array<[string, (reply: Deferred<Response>) => void]> = [
    ["HTTP 500", answering(json({ error: "boom" }, 500))],
    ["a network error", offline],
    ["an unparsable body", answering(new Response("<html>", { status: 200 }))],
    ["an empty list", answering(json({ models: [] }))],
    ["only garbage entries", answering(json({ models: [{ id: 3 }, null] }))],
  ];
  for (const [name, fail] of failures) {
    it(`falls back to the snapshot on ${name}`, async () => {
      assert.equal((await started(fail)).first, SNAPSHOT);
    });
  }

  it("falls back to the snapshot when Puter does not answer within the timeout", async () => {
    const { catalog, calls } = setup({ timeoutMs: 20 });
    // AbortSignal.timeout's timer does not hold the event loop open; in a server the socket does.
    const keepAlive = setTimeout(() => {}, 5_000);
    assert.equal(await catalog.list(), SNAPSHOT);
    clearTimeout(keepAlive);
    assert.equal(calls[0]!.init?.signal?.aborted, true);
  });

  it("retries an unreachable Puter only after the back-off, without making callers wait", async () => {
    const { catalog, calls, clock } = await started(offline, { ttlMs: 5 * MAX_RETRY_MS });
    clock.time += MAX_RETRY_MS - 1;
    assert.equal(await catalog.list(), SNAPSHOT);
    assert.equal(calls.length, 1, "no retry inside the back-off");
    clock.time += 1;
    assert.equal(await catalog.list(), SNAPSHOT, "the retry runs in the background");
    assert.equal(calls.length, 2);
    calls[1]!.reply.resolve(details("back"));
    await tick();
    assert.deepEqual(ids(await catalog.list()), ["back"]);
  });

  it("uses the TTL as the back-off when it is shorter than a minute", async () => {
    const { catalog, calls, clock } = await started(answering(json({}, 503)), { ttlMs: 1_000 });
    clock.time += 1_000;
    await catalog.list();
    assert.equal(calls.length, 2);
  });

  it("keeps the last upstream list over the snapshot when a refresh fails, with no unhandled rejection", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    const { catalog, calls, clock } = await started(answering(details("kept")));
    clock.time += TTL;
    await catalog.list();
    offline(calls[1]!.reply);
    await tick();
    process.off("unhandledRejection", onUnhandled);
    assert.deepEqual(unhandled, []);
    assert.deepEqual(ids(await catalog.list()), ["kept"]);
    assert.equal(calls.length, 2, "the failure starts a back-off");
  });

  describe("get", () => {
    const entries = [
      { id: "gpt-4o", puterId: "openai:openai/gpt-4o", provider: "openai-completion", aliases: ["openai/gpt-4o"] },
      { id: "openrouter:openai/gpt-4o", provider: "openrouter", aliases: ["openai/gpt-4o", "gpt-4o", "GPT-Shared"] },
      { id: "z-direct", provider: "zai", aliases: ["gpt-shared"] },
      { id: "Mixed-Case", provider: "test", aliases: [] },
      { id: "alias-owner", provider: "test", aliases: ["mixed-case"] },
    ];
    const catalogOf = async () => (await started(answering(json({ models: entries })))).catalog;

    it("finds a model by its id, exact match first", async () => {
      const catalog = await catalogOf();
      assert.equal((await catalog.get("openrouter:openai/gpt-4o"))?.id, "openrouter:openai/gpt-4o");
      assert.equal((await catalog.get("Mixed-Case"))?.id, "Mixed-Case");
      assert.equal((await catalog.get("mixed-case"))?.id, "Mixed-Case", "an id beats another model's alias");
    });

    it("resolves aliases and the vendor id, trimmed and case-insensitive, direct vendors first", async () => {
      const catalog = await catalogOf();
      assert.equal((await catalog.get("gpt-4o"))?.id, "openai:openai/gpt-4o");
      assert.equal((await catalog.get("  OpenAI/GPT-4o "))?.id, "openai:openai/gpt-4o");
      assert.equal((await catalog.get("gpt-shared"))?.id, "z-direct");
      assert.equal(await catalog.get("no-such-model"), undefined);
      assert.equal(await catalog.get(""), undefined);
    });
  });
});

describe("loadSnapshot", () => {
  it("maps the bundled catalogue: over 500 models, each a valid OpenAI model", async () => {
    const models = await loadSnapshot();
    assert.ok(models.length > 500, `only ${models.length} models`);
    for (const { id, ownedBy, created } of models) {
      assert.ok(typeof id === "string" && typeof created === "number" && typeof ownedBy === "string", id);
      assert.ok(Number.isInteger(created), id);
    }
    assert.equal(new Set(ids(models)).size, models.length, "ids are unique");
    assert.equal(await loadSnapshot(), models, "mapped once");
  });

  it("resolves common names through the catalogue while Puter is down", async () => {
    const offline = (() => Promise.reject(new TypeError("offline"))) as typeof fetch;
    const options = { baseUrl: "https://api.puter.test", ttlMs: TTL, timeoutMs: 1_000, now: () => 0 };
    const catalog = createModelCatalog({ ...options, fetch: offline, snapshot: loadSnapshot });
    assert.equal((await catalog.get("gpt-4o"))?.id, "azure:openai/gpt-4o", "a direct vendor, as Puter prefers");
    // OpenRouter aliases are rebuilt from the id, since the snapshot leaves them out.
    assert.equal((await catalog.get("DeepSeek-V3.2"))?.id, "openrouter:deepseek/deepseek-v3.2");
    assert.equal((await catalog.get("openrouter/deepseek/deepseek-v3.2"))?.id, "openrouter:deepseek/deepseek-v3.2");
  });
});
