import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { streamOf } from "../../test/helpers/streams.ts";
import { FIRST_READ_BYTES, MAX_READ_BYTES, readBytes } from "./byte-reader.ts";

/** A byte stream that hands out `chunks` one per pull, as a socket would, then ends. */
function byteStream(chunks: Uint8Array[], onCancel?: (reason: unknown) => void): ReadableStream<Uint8Array> {
  return new ReadableStream({
    type: "bytes",
    pull(controller) {
      const next = chunks.shift();
      if (next) return controller.enqueue(next as Uint8Array<ArrayBuffer>);
      controller.close();
      // A read waiting with its own buffer ends only once that buffer is given back empty.
      controller.byobRequest?.respond(0);
    },
    cancel: onCancel,
  });
}

const bytes = (length: number, fill = 120) => new Uint8Array(length).fill(fill);

async function readAll(source: ReturnType<typeof readBytes>): Promise<{ sizes: number[]; buffers: number[] }> {
  const sizes: number[] = [];
  const buffers: number[] = [];
  for (let next = await source.read(); !next.done; next = await source.read()) {
    sizes.push(next.value.byteLength);
    buffers.push(next.value.buffer.byteLength);
  }
  return { sizes, buffers };
}

describe("readBytes", () => {
  it("reads small chunks one by one, each into a small buffer", async () => {
    const { sizes, buffers } = await readAll(readBytes(byteStream([bytes(30), bytes(5), bytes(700)])));
    assert.deepEqual(sizes, [30, 5, 700]);
    assert.deepEqual(buffers, [FIRST_READ_BYTES, FIRST_READ_BYTES, FIRST_READ_BYTES]);
  });

  it("grows its buffer while reads fill it, up to the limit, and shrinks back for a short read", async () => {
    const { sizes, buffers } = await readAll(readBytes(byteStream([bytes(300 * 1024), bytes(10)])));
    assert.equal(sizes.reduce((a, b) => a + b, 0), 300 * 1024 + 10);
    assert.deepEqual(buffers.slice(0, 7), [2, 4, 8, 16, 32, 64, 64].map((k) => k * 1024));
    assert.ok(Math.max(...buffers) <= MAX_READ_BYTES);
    assert.equal(buffers.at(-1), FIRST_READ_BYTES);
  });

  it("keeps the bytes and their order", async () => {
    const text = "é".repeat(3_000);
    const encoded = new TextEncoder().encode(text);
    const source = readBytes(byteStream([encoded.slice(0, 1), encoded.slice(1)]));
    const decoder = new TextDecoder();
    let out = "";
    for (let next = await source.read(); !next.done; next = await source.read()) out += decoder.decode(next.value, { stream: true });
    assert.equal(out + decoder.decode(), text);
  });

  it("passes a cancel on to the stream", async () => {
    let cancelled: unknown;
    const source = readBytes(byteStream([bytes(1)], (reason) => void (cancelled = reason)));
    await source.cancel("gone");
    assert.equal(cancelled, "gone");
  });

  it("reads a stream that is not a byte stream as it is", async () => {
    const chunks = [bytes(3), bytes(100 * 1024)];
    const { sizes } = await readAll(readBytes(streamOf(chunks)));
    assert.deepEqual(sizes, [3, 100 * 1024]);
  });
});
