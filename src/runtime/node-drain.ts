import type { IncomingMessage } from "node:http";
import type { App } from "../app.ts";

/** What @hono/node-server passes as a fetch handler's second argument. */
interface NodeBindings {
  incoming?: IncomingMessage;
}

/**
 * Waits until the rest of a request body nobody read has arrived, discarding it, for at most
 * `maxBytes` and `timeoutMs`. Node closes a `Connection: close` socket once the answer is written;
 * request bytes still unread at that moment make the kernel send a reset, which can destroy the
 * answer before the client reads it (`GET /health` with a 4 MB body).
 */
export function drainUnread(incoming: IncomingMessage, maxBytes: number, timeoutMs: number): Promise<void> {
  if (incoming.complete || incoming.readableEnded || incoming.destroyed) return Promise.resolve();
  // A body declared over the limit was refused unread: waiting for it would only hold the answer back.
  if (Number(incoming.headers["content-length"]) > maxBytes) return Promise.resolve();
  return new Promise((resolve) => {
    let size = 0;
    const done = () => {
      clearTimeout(timer);
      incoming.off("data", onData);
      incoming.off("end", done);
      incoming.off("close", done);
      incoming.off("error", done);
      resolve();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) done();
    };
    const timer = setTimeout(done, timeoutMs);
    incoming.on("data", onData);
    incoming.once("end", done);
    incoming.once("close", done);
    incoming.once("error", done);
    incoming.resume();
  });
}

/** The app's fetch for @hono/node-server, answering only once any unread request body is in (within the limits). */
export function drainingFetch(app: App, limits: { maxBodyBytes: number; requestBodyTimeoutMs: number }): App["fetch"] {
  return async (request, env, ctx) => {
    const response = await app.fetch(request, env, ctx);
    const incoming = (env as NodeBindings | undefined)?.incoming;
    if (incoming) await drainUnread(incoming, limits.maxBodyBytes, limits.requestBodyTimeoutMs);
    return response;
  };
}
