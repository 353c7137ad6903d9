import type { Http2Bindings, HttpBindings } from "@hono/node-server";
import { RESPONSE_ALREADY_SENT } from "@hono/node-server/utils/response";
import { ServerResponse } from "node:http";
import type { App } from "../app.ts";
import { drainingFetch } from "./node-drain.ts";

/**
 * Sends a server-sent event stream to Node's response directly: the status line, the headers and
 * the first events leave in one write. @hono/node-server flushes the headers alone first, which
 * costs the client a packet and a parse before the first token (bench: first byte). When the
 * first chunk is not ready at once (Puter has not spoken yet, keepalives will follow), the headers
 * go out alone as before, so a client always learns at once that its stream began.
 */
export function sendEventStream(response: Response, outgoing: ServerResponse): void {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  outgoing.writeHead(response.status, headers);
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  let over = false;
  // The client left (or the socket broke): cancelling the body aborts the call to Puter.
  const cancel = () => {
    if (!over) void reader.cancel(new Error("The client closed the connection.")).catch(() => {});
    over = true;
  };
  outgoing.on("close", cancel);
  const fail = (error: unknown) => {
    over = true;
    outgoing.destroy(error instanceof Error ? error : new Error(String(error)));
  };
  const flow = ({ done, value }: ReadableStreamReadResult<Uint8Array>): void => {
    if (over) return;
    if (done) {
      over = true;
      outgoing.end();
    } else if (outgoing.write(value)) reader.read().then(flow, fail);
    else outgoing.once("drain", () => reader.read().then(flow, fail));
  };
  const first = reader.read();
  // Whichever settles first: a chunk already made wins over the microtask queued after it.
  void Promise.race([first, Promise.resolve(undefined)]).then((ready) => {
    if (ready) return flow(ready);
    if (!over) outgoing.flushHeaders();
    first.then(flow, fail);
  }, fail);
}

/** Whether `response` is one {@link sendEventStream} sends: a server-sent event stream. */
export function isEventStream(response: Response): boolean {
  // The content type first: reading `body` makes @hono/node-server build a full Response.
  return (response.headers.get("content-type") ?? "").startsWith("text/event-stream") && response.body !== null;
}

/**
 * The fetch handler `npm start` gives @hono/node-server: the app, answering once any unread body
 * is in (node-drain.ts), with event streams sent by {@link sendEventStream}.
 */
export function nodeServerFetch(app: App, limits: { maxBodyBytes: number; requestBodyTimeoutMs: number }) {
  const draining = drainingFetch(app, limits);
  return async (request: Request, env: HttpBindings | Http2Bindings): Promise<Response> => {
    const response = await draining(request, env);
    if (!(env.outgoing instanceof ServerResponse) || !isEventStream(response)) return response;
    sendEventStream(response, env.outgoing);
    return RESPONSE_ALREADY_SENT;
  };
}
