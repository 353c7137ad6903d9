/**
 * A `fetch` for the upstream calls on Node, over node:http(s) with keep-alive connection pools.
 * Node 20's built-in fetch (undici) costs about 2 ms of CPU per call, most of the proxy's cost per
 * request (bench/results/profile-node.md); this does the same job for the requests the core makes:
 * a string, bytes, a Blob, FormData or a stream body (or none), plain-object headers, an abort
 * signal, and a streamed response body. Any other body is a TypeError, never a silently empty one.
 */
import { Agent, type ClientRequest, type IncomingMessage, request as httpRequest } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { Readable } from "node:stream";
import { NodeResponse } from "./node-response.ts";

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);
const ignore = () => {};

function toHeaders(message: IncomingMessage): Headers {
  const headers = new Headers();
  const raw = message.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i] as string, raw[i + 1] as string);
  return headers;
}

interface PreparedBody {
  bytes?: Uint8Array;
  stream?: ReadableStream<Uint8Array>;
  type?: string;
}

/**
 * A body that needs no waiting: none, or a string (every driver call), encoded once here: given a
 * string, Node would measure it, join it to the head and encode it again, each a pass over it.
 */
function toReadyBody(body: RequestInit["body"]): PreparedBody | undefined {
  if (body === undefined || body === null) return {};
  if (typeof body === "string") return { bytes: Buffer.from(body) };
  return undefined;
}

/** The body as bytes (or a stream to pipe) and the content-type it implies, as fetch would. */
async function toBody(body: RequestInit["body"]): Promise<PreparedBody> {
  const ready = toReadyBody(body);
  if (ready) return ready;
  if (body instanceof Uint8Array) return { bytes: body };
  if (body instanceof ArrayBuffer) return { bytes: new Uint8Array(body) };
  if (ArrayBuffer.isView(body)) return { bytes: new Uint8Array(body.buffer, body.byteOffset, body.byteLength) };
  if (body instanceof ReadableStream) return { stream: body as ReadableStream<Uint8Array> };
  if (body instanceof Blob || body instanceof FormData || body instanceof URLSearchParams) {
    // The Fetch API's own encoder picks the multipart boundary and the content-type.
    const encoded = new Response(body);
    return { bytes: new Uint8Array(await encoded.arrayBuffer()), type: encoded.headers.get("content-type") ?? undefined };
  }
  throw new TypeError(`The Node upstream fetch cannot send a body of type ${Object.prototype.toString.call(body)}.`);
}

/**
 * Aborting destroys the socket: the upstream sees the client go away at once. Wired up outside
 * `send`, so the listeners, which live as long as the request, do not keep its body, headers and
 * URL alive (a closure keeps its whole scope).
 */
function destroyOnAbort(request: ClientRequest, signal: AbortSignal): void {
  const onAbort = () => request.destroy(signal.reason instanceof Error ? signal.reason : new Error("aborted"));
  signal.addEventListener("abort", onAbort, { once: true });
  request.once("close", () => signal.removeEventListener("abort", onAbort));
}

export function createNodeFetch(): typeof fetch {
  const http = new Agent({ keepAlive: true });
  const https = new HttpsAgent({ keepAlive: true });

  const send = (input: RequestInfo | URL, init: RequestInit | undefined, { bytes: body, stream, type }: PreparedBody): Promise<Response> =>
    new Promise<Response>((resolve, reject) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      const signal = init?.signal ?? undefined;
      if (signal?.aborted) return reject(signal.reason);
      const headers: Record<string, string> = { ...(init?.headers as Record<string, string> | undefined) };
      if (type && !Object.keys(headers).some((name) => name.toLowerCase() === "content-type")) headers["content-type"] = type;
      if (body !== undefined) headers["content-length"] = String(body.byteLength);

      const secure = url.protocol === "https:";
      const send = secure ? httpsRequest : httpRequest;
      const request = send(url, { method: init?.method ?? "GET", headers, agent: secure ? https : http }, (response) => {
        const status = response.statusCode ?? 502;
        const body = NULL_BODY_STATUSES.has(status) ? null : response;
        // Settled from here on, so a later error has nothing to reject; left in place, `reject`
        // would keep the settled promise and its Response alive for as long as the request.
        request.off("error", reject).on("error", ignore);
        resolve(new NodeResponse(body, { status, headers: toHeaders(response) }));
      });
      if (signal) destroyOnAbort(request, signal);
      request.on("error", reject);
      if (stream) Readable.fromWeb(stream as import("node:stream/web").ReadableStream<Uint8Array>).pipe(request);
      else request.end(body);
    });
  // A ready body is sent at once, without waiting a turn for toBody.
  return (input, init) => {
    const ready = toReadyBody(init?.body);
    return ready ? send(input, init, ready) : toBody(init?.body).then((prepared) => send(input, init, prepared));
  };
}
