import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { discardUnreadBody } from "./discard-body.ts";

/** A POST whose body yields `chunks` of `size` bytes, then ends (or stalls when `end` is false). */
function upload(chunks: number, size: number, end = true) {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled < chunks) {
        pulled++;
        controller.enqueue(new Uint8Array(size));
      } else if (end) controller.close();
    },
  });
  const request = new Request("http://proxy.test/health", { method: "POST", body, duplex: "half" } as RequestInit);
  return { request, pulled: () => pulled };
}

describe("discardUnreadBody", () => {
  it("reads a body nobody read to its end", async () => {
    const { request, pulled } = upload(64, 65_536);
    await discardUnreadBody(request, 1 << 30, 5_000);
    assert.equal(pulled(), 64);
    assert.ok(request.bodyUsed);
  });

  it("stops past maxBytes", async () => {
    const { request, pulled } = upload(1_000, 1_024);
    await discardUnreadBody(request, 10 * 1_024, 5_000);
    assert.ok(pulled() <= 12, `pulled ${pulled()}`);
  });

  it("gives up on a body that never ends after timeoutMs", async () => {
    const { request } = upload(1, 10, false);
    const started = Date.now();
    await discardUnreadBody(request, 1 << 30, 100);
    assert.ok(Date.now() - started < 1_000);
  });

  it("leaves a body already read alone", async () => {
    const { request } = upload(1, 10);
    await request.arrayBuffer();
    await discardUnreadBody(request, 1 << 30, 100);
  });
});
