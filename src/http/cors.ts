import type { MiddlewareHandler } from "hono";
import { cors } from "hono/cors";

/** Response headers a browser client may read. */
const EXPOSED = ["x-request-id", "retry-after"];

/**
 * CORS for browser clients. Preflights allow exactly the headers the browser asks for, so
 * `Authorization` and the SDKs' `x-stainless-*` headers are named (a `*` would not cover
 * Authorization). Credentials are never allowed: the token travels in a header, not a cookie.
 */
export function corsMiddleware(origins: string[]): MiddlewareHandler {
  return cors({
    origin: origins.includes("*") ? "*" : origins,
    allowMethods: ["GET", "POST", "OPTIONS"],
    exposeHeaders: EXPOSED,
    maxAge: 86_400,
  });
}
