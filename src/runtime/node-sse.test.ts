import assert from "node:assert/strict";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { describe, it } from "node:test";
import { serve } from "@hono/node-server";
import type { App } from "../app.ts";
import { nodeServerFetch } from "./node-sse.ts";

const encode = (text: string) => new TextEncoder().encode(text);

/** A server whose one route answers with `body` as an event stream, and a raw socket to it. */
async function withServer(body: () => ReadableStream<Uint8Array>, run: (socket: net.Socket, chunks: string[], next: () => Promise<string>, writes: string[]) => Promise<void>) {
  const app: App = { fetch: () => new Response(body(), { headers: { "content-type": "text/event-stream; charset=utf-8", "x-request-id": "r1" } }) };
  const limits = { maxBodyBytes: 1024, requestBodyTimeoutMs: 1_000 };
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: nodeServerFetch(app, limits), port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  // What the server hands its socket, write by write: a packet boundary the client cannot see on loopback.
  const writes: string[] = [];
  server.on("connection", (serverSide: net.Socket) => {
    const write = serverSide.write.bind(serverSide) as (chunk: unknown, ...rest: unknown[]) => boolean;
    serverSide.write = ((chunk: unknown, ...rest: unknown[]) => {
      writes.push(typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString("latin1"));
      return write(chunk, ...rest);
    }) as typeof serverSide.write;
  });
  const socket = net.connect((server.address() as AddressInfo).port, "127.0.0.1");
  const chunks: string[] = [];
  const waiting: Array<(chunk: string) => void> = [];
  socket.setEncoding("latin1");
  socket.on("data", (chunk: string) => {
    const resolve = waiting.shift();
    if (resolve) resolve(chunk);
    else chunks.push(chunk);
  });
  const next = () => new Promise<string>((resolve) => (chunks.length > 0 ? resolve(chunks.shift() as string) : waiting.push(resolve)));
  socket.write("GET /events HTTP/1.1\r\nHost: proxy.test\r\n\r\n");
  try {
    await run(socket, chunks, next, writes);
  } finally {
    socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

describe("Node: event streams written by the entry", () => {
  it("sends the status line, the headers and the first events in one write", async () => {
    await withServer(
      () => new ReadableStream({ pull: (c) => void (c.enqueue(encode("data: first\n\n")), c.close()) }, { highWaterMark: 0 }),
      async (_socket, _chunks, next, writes) => {
        const first = await next();
        assert.match(first, /^HTTP\/1\.1 200 OK\r\n/);
        assert.match(first, /content-type: text\/event-stream; charset=utf-8\r\n/);
        assert.match(first, /x-request-id: r1\r\n/);
        assert.match(first, /data: first\n\n/);
        // Flushed alone, the header block is a socket write of its own (a packet the client must take first).
        assert.ok(writes[0]?.startsWith("HTTP/1.1 200 OK"));
        assert.ok(!writes[0]?.endsWith("\r\n\r\n"), `the headers were written alone: ${JSON.stringify(writes.slice(0, 2))}`);
      },
    );
  });

  it("sends the headers at once when the first event is not ready, then the events as they come", async () => {
    let source: ReadableStreamDefaultController<Uint8Array> | undefined;
    await withServer(
      () => new ReadableStream({ start: (c) => void (source = c) }),
      async (_socket, _chunks, next) => {
        const head = await next();
        assert.match(head, /^HTTP\/1\.1 200 OK\r\n/);
        assert.doesNotMatch(head, /data:/);
        source?.enqueue(encode("data: late\n\n"));
        assert.match(await next(), /data: late\n\n/);
        source?.close();
        assert.match(await next(), /0\r\n\r\n$/, "the chunked body ends");
      },
    );
  });

  it("cancels the body when the client goes away", async () => {
    let cancelled: unknown;
    let source: ReadableStreamDefaultController<Uint8Array> | undefined;
    await withServer(
      () => new ReadableStream({ start: (c) => void (source = c), cancel: (reason) => void (cancelled = reason ?? "cancelled") }),
      async (socket, _chunks, next) => {
        assert.match(await next(), /^HTTP\/1\.1 200 OK\r\n/);
        source?.enqueue(encode("data: one\n\n"));
        assert.match(await next(), /data: one/);
        socket.destroy();
        for (let i = 0; i < 200 && cancelled === undefined; i++) await new Promise((resolve) => setTimeout(resolve, 10));
        assert.ok(cancelled !== undefined, "the body was cancelled, so the call to Puter is aborted");
      },
    );
  });
});
