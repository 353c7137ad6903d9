import type { MiddlewareHandler } from "hono";

/** Response headers a browser client may read. */
const EXPOSED = "x-request-id, request-id, retry-after";
const METHODS = "GET, POST, OPTIONS";

/**
 * CORS for browser clients. Preflights allow exactly the headers the browser asks for, so
 * `Authorization` and the SDKs' `x-stainless-*` headers are named (a `*` would not cover
 * Authorization). Credentials are never allowed: the token travels in a header, not a cookie.
 *
 * Written here rather than taken from hono/cors because that one reads `c.res` before the handler
 * runs, which makes Hono rebuild every response and costs about a fifth of the CPU per request on
 * Node (bench/results/profile-node.md); this one sets its headers on the handler's response.
 */
export function corsMiddleware(origins: string[]): MiddlewareHandler {
  const any = origins.includes("*");
  const allowed = (origin: string | undefined) => (any ? "*" : origin && origins.includes(origin) ? origin : undefined);

  return async (c, next) => {
    const origin = c.req.header("origin");
    const allowOrigin = allowed(origin);
    if (c.req.method === "OPTIONS" && c.req.header("access-control-request-method")) {
      const headers = new Headers({ "access-control-allow-methods": METHODS, "access-control-max-age": "86400" });
      if (allowOrigin) headers.set("access-control-allow-origin", allowOrigin);
      const requested = c.req.header("access-control-request-headers");
      if (requested) headers.set("access-control-allow-headers", requested);
      headers.set("vary", any ? "Access-Control-Request-Headers" : "Origin, Access-Control-Request-Headers");
      return new Response(null, { status: 204, headers });
    }
    await next();
    if (allowOrigin) {
      c.res.headers.set("access-control-allow-origin", allowOrigin);
      c.res.headers.set("access-control-expose-headers", EXPOSED);
    }
    if (!any) c.res.headers.append("vary", "Origin");
  };
}
