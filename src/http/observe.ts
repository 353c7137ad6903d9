import type { Context, MiddlewareHandler } from "hono";
import type { LogFormat, LogLevel } from "../config.ts";
import type { Metrics } from "../metrics.ts";
import { tokenHash } from "../pool/token-hash.ts";
import { findToken } from "./auth.ts";
import { traceOf } from "./trace.ts";

export interface ObserveOptions {
  logLevel: LogLevel;
  logFormat: LogFormat;
  log(line: string): void;
  metrics: Metrics;
  now(): number;
  randomId(): string;
  /** Runs after the route, before the answer leaves (the unread-body drain): one layer, not two. */
  discard?(request: Request): Promise<void>;
}

// Control characters and Unicode line separators would let a crafted path forge a second log line.
export const escapeControls = (text: string) =>
  text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16)}`;
  });

/** The route a request matched, as written in the route table (`/v1/models/:id{.+}`), or `unmatched`. */
function routeOf(c: Context): string {
  const handler = c.req.matchedRoutes.findLast((route) => route.method !== "ALL");
  return handler?.path ?? "unmatched";
}

/** The caller's own token, hashed for a JSON log line (pass-through mode); never the token itself. */
async function callerHash(request: Request): Promise<string | undefined> {
  const token = findToken(request.headers);
  return token ? tokenHash(token) : undefined;
}

/**
 * Every response gets an `x-request-id`; every request gives exactly one log line (method, route
 * or path, status, time; in JSON also the model, Puter's status and the token's hash) and its
 * metrics. Never headers or bodies: they carry the token and the prompt.
 */
export function observeMiddleware(options: ObserveOptions): MiddlewareHandler {
  return async (c, next) => {
    const started = options.now();
    await next();
    if (options.discard && !c.req.raw.bodyUsed) await options.discard(c.req.raw);
    const ms = options.now() - started;
    const status = c.res.status;
    let requestId = c.res.headers.get("x-request-id");
    if (!requestId) {
      requestId = `req_${options.randomId()}`;
      c.res.headers.set("x-request-id", requestId);
    }
    const trace = traceOf(c.req.raw);
    const route = routeOf(c);
    options.metrics.request(route, status, ms, trace.upstreamMs);
    if (options.logLevel === "silent" || (options.logLevel === "error" && status < 500)) return;
    if (options.logFormat === "text") return options.log(`${c.req.method} ${escapeControls(c.req.path)} ${status} ${ms}ms`);
    const entry = {
      time: new Date(started).toISOString(),
      level: status >= 500 ? "error" : "info",
      request_id: requestId,
      method: c.req.method,
      route: route === "unmatched" ? escapeControls(c.req.path) : route,
      status,
      upstream_status: trace.upstreamStatus ?? null,
      duration_ms: ms,
      model: trace.model ?? null,
      token_hash: trace.tokenHash ?? (await callerHash(c.req.raw)) ?? null,
    };
    options.log(JSON.stringify(entry).replace(/[\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16)}`));
  };
}
