import type { IncomingMessage, ServerResponse } from "node:http";
import { errorBody } from "./error-body.ts";

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
export function baseHeaders(req: IncomingMessage): Record<string, string> {
  const origin = req.headers.origin;
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
export function jsonHeaders(req: IncomingMessage, body: string): Record<string, string> {
  return {
    ...baseHeaders(req),
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": String(Buffer.byteLength(body)),
    Vary: req.headers.origin ? "Origin, Accept-Encoding" : "Accept-Encoding",
  };
}

export function sendJson(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  value: unknown,
  extraHeaders: Record<string, string> = {},
): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { ...jsonHeaders(req, body), ...extraHeaders });
  res.end(body);
}

/** A v2 error response (section 4.1); 402 and 413 also carry `X-Needs-Upgrade: true`. */
export function sendError(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  message: string,
  code: string,
  extra: Record<string, unknown> = {},
): void {
  const headers: Record<string, string> = status === 402 || status === 413 ? { "X-Needs-Upgrade": "true" } : {};
  sendJson(req, res, status, errorBody(message, code, extra), headers);
}

export function sendText(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  contentType: string,
  body: string,
  bare = false,
): void {
  const base = bare ? {} : baseHeaders(req);
  res.writeHead(status, { ...base, "Content-Type": contentType, "Content-Length": String(Buffer.byteLength(body)) });
  res.end(body);
}

/** Reads the whole request body; resolves with what arrived if the client goes away mid-upload. */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("close", () => resolve(Buffer.concat(chunks)));
    req.on("error", () => resolve(Buffer.concat(chunks)));
  });
}
