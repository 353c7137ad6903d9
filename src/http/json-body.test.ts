import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readJsonBody } from "./json-body.ts";

/** A POST whose body arrives in chunks with no Content-Length, as a chunked upload does. */
function chunked(parts: string[]): Request {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const part of parts) controller.enqueue(encoder.encode(part));
      controller.close();
    },
  });
  return new Request("http://proxy.test/", { method: "POST", body, duplex: "half" } as RequestInit);
}

const rejects = (request: Request, max: number, status: number) =>
  assert.rejects(readJsonBody(request, max), (error: { status?: number }) => error.status === status);

describe("readJsonBody", () => {
  it("parses a body with a Content-Length and a chunked one", async () => {
    assert.deepEqual(await readJsonBody(new Request("http://proxy.test/", { method: "POST", body: '{"a":"é"}' }), 100), { a: "é" });
    assert.deepEqual(await readJsonBody(chunked(['{"a":', '"\u00e9"}']), 100), { a: "é" });
  });

  it("refuses a declared Content-Length over the limit before reading", async () => {
    await rejects(new Request("http://proxy.test/", { method: "POST", body: "x".repeat(200) }), 100, 413);
  });

  it("stops reading a chunked body as soon as it passes the limit", async () => {
    await rejects(chunked(["x".repeat(60), "x".repeat(60)]), 100, 413);
  });

  it("rejects an empty body and malformed JSON with 400", async () => {
    await rejects(new Request("http://proxy.test/", { method: "POST", body: " " }), 100, 400);
    await rejects(new Request("http://proxy.test/", { method: "POST", body: "{" }), 100, 400);
  });
});

describe("readJsonBody nesting", () => {
  const nested = (depth: number) => `{"model":"m","messages":[{"role":"user","content":"hi","extra":${"[".repeat(depth)}${"]".repeat(depth)}}]}`;
  it("accepts ordinary nesting and refuses 5,000 levels with a 400 naming the limit", async () => {
    assert.ok(await readJsonBody(new Request("http://proxy.test/", { method: "POST", body: nested(50) }), 1e6));
    await assert.rejects(readJsonBody(new Request("http://proxy.test/", { method: "POST", body: nested(5_000) }), 1e6), (error: { status?: number; code?: string; message?: string }) => {
      assert.equal(error.status, 400);
      assert.equal(error.code, "nesting_too_deep");
      assert.match(error.message ?? "", /deeper than 128 levels/);
      return true;
    });
  });
});

describe("readJsonBody deadline", () => {
  it("refuses a body that trickles past the deadline with a 408, and cancels it", async () => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"model":'));
        // One more byte every 20 ms, never the end: a slow upload.
        timer = setInterval(() => controller.enqueue(Uint8Array.of(0x20)), 20);
      },
      cancel() {
        cancelled = true;
        clearInterval(timer);
      },
    });
    const request = new Request("http://proxy.test/", { method: "POST", body, duplex: "half" } as RequestInit);
    const started = Date.now();
    await assert.rejects(readJsonBody(request, 1e6, 150), (error: { status?: number; code?: string; message?: string }) => {
      assert.equal(error.status, 408);
      assert.equal(error.code, "request_timeout");
      assert.match(error.message ?? "", /did not arrive within 150 ms/);
      return true;
    });
    const took = Date.now() - started;
    assert.ok(took >= 140 && took < 2_000, `took ${took} ms`);
    assert.ok(cancelled, "the body was cancelled");
    clearInterval(timer);
  });

  it("a body that arrives in time is read whole, with or without a Content-Length", async () => {
    assert.deepEqual(await readJsonBody(new Request("http://proxy.test/", { method: "POST", body: '{"a":1}' }), 100, 150), { a: 1 });
    assert.deepEqual(await readJsonBody(chunked(['{"a":', "1}"]), 100, 150), { a: 1 });
  });
});
