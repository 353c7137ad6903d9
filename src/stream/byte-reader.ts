import type { PumpSource } from "./pump-stream.ts";

/** The buffer a read starts with, and the most it grows to while reads keep coming back full. */
export const FIRST_READ_BYTES = 2 * 1024;
export const MAX_READ_BYTES = 64 * 1024;

const DONE: ReadableStreamReadResult<Uint8Array> = { done: true, value: undefined };

/**
 * Reads a body as it arrives, into buffers sized to what arrives. A runtime's default reader may
 * give every read a 64 KiB buffer (Deno's fetch bodies do), and the read that waits on an idle
 * stream holds it: 64 MiB for a thousand open streams. A byte stream is read here with buffers of
 * our own, 2 KiB while chunks are small, doubled while reads fill them; each read still returns as
 * soon as any bytes are in. A stream that is not a byte stream (Node's) is read as it is.
 */
export function readBytes(body: ReadableStream<Uint8Array>): PumpSource<Uint8Array> {
  let reader: ReadableStreamBYOBReader;
  try {
    reader = body.getReader({ mode: "byob" });
  } catch {
    return body.getReader();
  }
  let size = FIRST_READ_BYTES;
  return {
    read: async () => {
      const result = await reader.read(new Uint8Array(size));
      if (result.done) return DONE;
      size = result.value.byteLength === size ? Math.min(size * 2, MAX_READ_BYTES) : FIRST_READ_BYTES;
      return result;
    },
    cancel: (reason?: unknown) => reader.cancel(reason),
  };
}
