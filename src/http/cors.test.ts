import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Hono } from "hono";
import { corsMiddleware } from "./cors.ts";

function appFor(origins: string[]) {
  const app = new Hono();
  app.use(corsMiddleware(origins));
  app.get("/x", (c) => c.json({ ok: true }));
  return app;
}

const preflight = (origin: string) =>
  new Request("http://proxy.test/x", {
    method: "OPTIONS",
    headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "authorization, content-type" },
  });

describe("corsMiddleware", () => {
  it("answers a preflight naming the requested headers, never with credentials", async () => {
    const response = await appFor(["*"]).fetch(preflight("https://a.example"));
    assert.equal(response.status, 204);
    assert.equal(response.headers.get("access-control-allow-origin"), "*");
    assert.equal(response.headers.get("access-control-allow-headers"), "authorization, content-type");
    assert.equal(response.headers.get("access-control-allow-credentials"), null);
  });

  it("sets Allow-Origin on responses, with or without an Origin header", async () => {
    const app = appFor(["*"]);
    for (const headers of [{ origin: "https://a.example" }, {}] as Record<string, string>[]) {
      const response = await app.fetch(new Request("http://proxy.test/x", { headers }));
      assert.equal(response.headers.get("access-control-allow-origin"), "*");
      assert.deepEqual(await response.json(), { ok: true });
    }
  });

  it("allows only listed origins when configured, and varies on Origin", async () => {
    const app = appFor(["https://a.example"]);
    const listed = await app.fetch(new Request("http://proxy.test/x", { headers: { origin: "https://a.example" } }));
    assert.equal(listed.headers.get("access-control-allow-origin"), "https://a.example");
    assert.match(listed.headers.get("vary") ?? "", /Origin/);
    const other = await app.fetch(new Request("http://proxy.test/x", { headers: { origin: "https://evil.example" } }));
    assert.equal(other.headers.get("access-control-allow-origin"), null);
    const otherPreflight = await app.fetch(preflight("https://evil.example"));
    assert.equal(otherPreflight.headers.get("access-control-allow-origin"), null);
  });
});
