import { errorBody } from "./error-body.ts";
import type { Exchange } from "./run-context.ts";

// Helmet and CORS headers as the captures show them on every api-host response.
const SECURITY_HEADERS: Record<string, string> = {
  "X-Content-Type-Options": "nosniff",
  "Strict-Transport-Security": "max-age=15552000; includeSubDomains",
  "X-Download-Options": "noopen",
  "X-Permitted-Cross-Domain-Policies": "none",
  "X-XSS-Protection": "0",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "Cross-Origin-Resource-Policy": "cross-origin",
};

const CORS_METHODS = "GET, POST, OPTIONS, PUT, PATCH, DELETE, PROPFIND, PROPPATCH, MKCOL, COPY, MOVE, LOCK, UNLOCK";
const CORS_HEADERS =
  "Origin, X-Requested-With, Content-Type, Accept, Authorization, Cache-Control, Pragma, sentry-trace, baggage, " +
  "Depth, Destination, Overwrite, If, Lock-Token, Timeout, X-Expected-Entity-Length, DAV, stripe-signature";

/** Headers Puter puts on every response; a request with an Origin gets it reflected (capture 10). */
export function baseHeaders(request: Request): Record<string, string> {
  const origin = request.headers.get("origin");
  const cors: Record<string, string> = origin
    ? { "Access-Control-Allow-Origin": origin, "Access-Control-Allow-Credentials": "true" }
    : { "Access-Control-Allow-Origin": "*" };
  return {
    ...SECURITY_HEADERS,
    ...cors,
    "Access-Control-Allow-Methods": CORS_METHODS,
    "Access-Control-Allow-Headers": CORS_HEADERS,
    "Access-Control-Allow-Private-Network": "true",
  };
}

/** Express `res.json`: charset, exact Content-Length, `Vary: Accept-Encoding` from the compression middleware. */
export function jsonHeaders(request: Request, body: string): Record<string, string> {
  return {
    ...baseHeaders(request),
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": String(byteLength(body)),
    Vary: request.headers.has("origin") ? "Origin, Accept-Encoding" : "Accept-Encoding",
  };
}

const encoder = new TextEncoder();
export const byteLength = (text: string): number => encoder.encode(text).length;

export function sendJson(
  { request, reply }: Exchange,
  status: number,
  value: unknown,
  extraHeaders: Record<string, string> = {},
): void {
  const body = JSON.stringify(value);
  reply.head(status, { ...jsonHeaders(request, body), ...extraHeaders });
  void reply.write(body);
  reply.end();
}

/** A v2 error response (docs/puter-wire.md §5); 402 and 413 also carry `X-Needs-Upgrade: true`. */
export function sendError(
  ex: Exchange,
  status: number,
  message: string,
  code: string,
  extra: Record<string, unknown> = {},
): void {
  const headers: Record<string, string> = status === 402 || status === 413 ? { "X-Needs-Upgrade": "true" } : {};
  sendJson(ex, status, errorBody(message, code, extra), headers);
}

export function sendText(
  { request, reply }: Exchange,
  status: number,
  contentType: string,
  body: string,
  bare = false,
): void {
  const base = bare ? {} : baseHeaders(request);
  reply.head(status, { ...base, "Content-Type": contentType, "Content-Length": String(byteLength(body)) });
  void reply.write(body);
  reply.end();
}
