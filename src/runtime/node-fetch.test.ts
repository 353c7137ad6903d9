import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { createNodeFetch } from "./node-fetch.ts";

// An echo server: answers with the body it received and the content-type and length it was told.
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    res.setHeader("x-got-type", req.headers["content-type"] ?? "");
    res.setHeader("x-got-length", req.headers["content-length"] ?? "");
    res.end(Buffer.concat(chunks));
  });
});
let url = "";
before(() => new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r())).then(() => (url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`)));
after(() => new Promise<void>((r) => server.close(() => r())));

describe("createNodeFetch bodies", () => {
  const nodeFetch = createNodeFetch();
  const bytes = Uint8Array.from([0, 1, 2, 250, 255]);

  it("sends a string, bytes, an ArrayBuffer and a Blob whole, with their length", async () => {
    for (const body of ["héllo", bytes, bytes.slice().buffer, new Blob([bytes], { type: "audio/wav" })]) {
      const response = await nodeFetch(url, { method: "POST", body });
      const expected = typeof body === "string" ? Buffer.from(body) : Buffer.from(bytes);
      assert.deepEqual(Buffer.from(await response.arrayBuffer()), expected);
      assert.equal(response.headers.get("x-got-length"), String(expected.length));
    }
  });

  it("a Blob and FormData get the content-type fetch would give them", async () => {
    const blob = await nodeFetch(url, { method: "POST", body: new Blob([bytes], { type: "audio/wav" }) });
    assert.equal(blob.headers.get("x-got-type"), "audio/wav");
    const form = new FormData();
    form.set("file", new Blob([bytes], { type: "audio/wav" }), "a.wav");
    const response = await nodeFetch(url, { method: "POST", body: form });
    const type = response.headers.get("x-got-type") ?? "";
    assert.match(type, /^multipart\/form-data; boundary=/);
    const parsed = await new Response(await response.arrayBuffer(), { headers: { "content-type": type } }).formData();
    assert.deepEqual(Buffer.from(await (parsed.get("file") as File).arrayBuffer()), Buffer.from(bytes));
  });

  it("pipes a stream body chunked", async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(bytes.subarray(0, 2));
        c.enqueue(bytes.subarray(2));
        c.close();
      },
    });
    const response = await nodeFetch(url, { method: "POST", body: stream, duplex: "half" } as RequestInit);
    assert.deepEqual(Buffer.from(await response.arrayBuffer()), Buffer.from(bytes));
    assert.equal(response.headers.get("x-got-length"), "");
  });

  it("refuses a body it cannot send with a TypeError instead of sending nothing", async () => {
    await assert.rejects(nodeFetch(url, { method: "POST", body: { not: "a body" } as unknown as BodyInit }), TypeError);
  });
});
