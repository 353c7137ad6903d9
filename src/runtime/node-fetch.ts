/**
 * A `fetch` for the upstream calls on Node, over node:http(s) with keep-alive connection pools.
 * Node 20's built-in fetch (undici) costs about 2 ms of CPU per call, most of the proxy's cost per
 * request (bench/results/profile-node.md); this does the same job for the requests the core makes:
 * a string or no body, plain-object headers, an abort signal, and a streamed response body.
 */
import { Agent, type IncomingMessage, request as httpRequest } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { Readable } from "node:stream";

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

function toHeaders(message: IncomingMessage): Headers {
  const headers = new Headers();
  const raw = message.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i] as string, raw[i + 1] as string);
  return headers;
}

export function createNodeFetch(): typeof fetch {
  const http = new Agent({ keepAlive: true });
  const https = new HttpsAgent({ keepAlive: true });

  return (input, init) =>
    new Promise<Response>((resolve, reject) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      const signal = init?.signal ?? undefined;
      if (signal?.aborted) return reject(signal.reason);
      const body = typeof init?.body === "string" ? init.body : undefined;
      const headers: Record<string, string> = { ...(init?.headers as Record<string, string> | undefined) };
      if (body !== undefined) headers["content-length"] = String(Buffer.byteLength(body));

      const secure = url.protocol === "https:";
      const send = secure ? httpsRequest : httpRequest;
      const request = send(url, { method: init?.method ?? "GET", headers, agent: secure ? https : http }, (response) => {
        const status = response.statusCode ?? 502;
        const stream = NULL_BODY_STATUSES.has(status) ? null : (Readable.toWeb(response) as ReadableStream<Uint8Array>);
        resolve(new Response(stream, { status, headers: toHeaders(response) }));
      });
      // Aborting destroys the socket: the upstream sees the client go away at once.
      const onAbort = () => request.destroy(signal?.reason instanceof Error ? signal.reason : new Error("aborted"));
      signal?.addEventListener("abort", onAbort, { once: true });
      request.once("close", () => signal?.removeEventListener("abort", onAbort));
      request.on("error", reject);
      request.end(body);
    });
}
