import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { createApp } from "../../src/app.ts";
import { parseConfig } from "../../src/config.ts";
import { createModelCatalog } from "../../src/upstream/puter/model-catalog.ts";
import { loadSnapshot } from "../../src/upstream/puter/models-snapshot.ts";
import { TOKENS } from "./in-process.ts";

/** A server that records every request and answers each with `answer`. */
async function listen(answer: (path: string) => { status: number; headers: Record<string, string>; body: string }) {
  const seen: string[] = [];
  const server: Server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    req.resume();
    const { status, headers, body } = answer(req.url ?? "/");
    res.writeHead(status, headers).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, seen, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

// Real sockets and the runtime's own fetch: an in-memory fetch would never follow anything.
describe("no upstream request follows a redirect (Node's fetch)", () => {
  let target: Awaited<ReturnType<typeof listen>>;
  let puter: Awaited<ReturnType<typeof listen>>;
  before(async () => {
    target = await listen(() => ({ status: 200, headers: { "content-type": "application/json" }, body: '{"success":true,"result":{"message":{"content":"stolen"}}}' }));
    puter = await listen((path) => ({ status: path.includes("models") ? 302 : 307, headers: { location: `${target.url}${path}` }, body: "" }));
  });
  after(async () => {
    await target.close();
    await puter.close();
  });

  for (const stream of [false, true]) {
    it(`chat (stream: ${stream}) → 502 upstream_redirect; the other host receives nothing`, async () => {
      const app = createApp(parseConfig({ PUTER_API_BASE: puter.url, LOG_LEVEL: "silent" }), { fetch: globalThis.fetch });
      const response = await app.fetch(
        new Request("http://proxy.test/v1/chat/completions", {
          method: "POST",
          headers: { authorization: `Bearer ${TOKENS.older}`, "content-type": "application/json" },
          body: JSON.stringify({ model: "gpt-4o-mini", stream, messages: [{ role: "user", content: "secret prompt" }] }),
        }),
      );
      const body = (await response.json()) as { error: { code: string; message: string } };
      assert.equal(response.status, 502);
      assert.equal(body.error.code, "upstream_redirect");
      assert.doesNotMatch(body.error.message, /127\.0\.0\.1/);
      assert.ok(puter.seen.some((line) => line.startsWith("POST /drivers/call")), "Puter was called");
      assert.deepEqual(target.seen, [], "the redirect target got nothing");
    });
  }

  it("the model catalogue treats a redirect as a failure and serves the snapshot", async () => {
    const catalog = createModelCatalog({ fetch: globalThis.fetch, baseUrl: puter.url, ttlMs: 60_000, timeoutMs: 5_000, now: Date.now, snapshot: loadSnapshot });
    const models = await catalog.list();
    assert.deepEqual(models, await loadSnapshot());
    assert.ok(puter.seen.some((line) => line === "GET /puterai/chat/models/details"));
    assert.deepEqual(target.seen, [], "the redirect target got nothing");
  });
});
