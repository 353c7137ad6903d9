/**
 * What can go wrong, in neutral terms. Each error carries its meaning (kind, status, code, param,
 * headers); each API surface renders it in its own envelope (openai/error-body.ts,
 * anthropic/error-body.ts), so the same failure reads right in every dialect.
 */

/** The meaning of an error, independent of any client dialect. */
export type ErrorKind =
  | "invalid_request"
  | "authentication"
  | "permission"
  | "not_found"
  | "method_not_allowed"
  | "request_too_large"
  | "rate_limit"
  /** No credit left on the Puter account. */
  | "insufficient_credit"
  /** Puter failed, could not be reached, or answered something unreadable. */
  | "upstream"
  /** Puter's AI vendors are down or overloaded: retry later. */
  | "overloaded"
  | "timeout"
  | "internal";

/** Longest piece of upstream text quoted in an error message. */
const SNIPPET_LIMIT = 300;

export interface ProxyErrorInit {
  status: number;
  kind: ErrorKind;
  code?: string | null;
  param?: string | null;
  headers?: Record<string, string>;
}

/**
 * Base of every error the proxy answers with. The message is shown to the client as it is, so it
 * must never carry a token, a stack trace or an internal URL.
 */
export class ProxyError extends Error {
  readonly status: number;
  readonly kind: ErrorKind;
  readonly code: string | null;
  readonly param: string | null;
  readonly headers: Record<string, string>;

  constructor(message: string, init: ProxyErrorInit) {
    super(message);
    this.name = new.target.name;
    this.status = init.status;
    this.kind = init.kind;
    this.code = init.code ?? null;
    this.param = init.param ?? null;
    this.headers = init.headers ?? {};
  }
}

/** 400: the client's request is malformed or has a wrong field (named in `param`). */
export class InvalidRequestError extends ProxyError {
  constructor(message: string, param: string | null = null, code: string | null = null) {
    super(message, { status: 400, kind: "invalid_request", param, code });
  }
}

/** 401: no Puter token, or Puter refused it. */
export class AuthenticationError extends ProxyError {
  constructor(message: string, code: string | null = "invalid_api_key") {
    super(message, { status: 401, kind: "authentication", code });
  }
}

/** 403: Puter knows the token but will not let it do this. */
export class PermissionDeniedError extends ProxyError {
  constructor(message: string, code: string | null = "permission_denied") {
    super(message, { status: 403, kind: "permission", code });
  }
}

/** 404: an unknown model or route. */
export class NotFoundError extends ProxyError {
  constructor(message: string, code: string | null = "not_found", param: string | null = null) {
    super(message, { status: 404, kind: "not_found", code, param });
  }
}

/** 405: a known path asked with the wrong method; `allow` names the right ones. */
export class MethodNotAllowedError extends ProxyError {
  constructor(method: string, path: string, allowed: string[]) {
    super(`Method ${method} is not allowed on ${path}; use ${allowed.join(" or ")}.`, {
      status: 405,
      kind: "method_not_allowed",
      code: "method_not_allowed",
      headers: { allow: allowed.join(", ") },
    });
  }
}

/** 413: the request body is over the configured limit. */
export class RequestTooLargeError extends ProxyError {
  constructor(maxBytes: number, what = "The request body") {
    super(`${what} is larger than the limit of ${maxBytes} bytes (MAX_BODY_BYTES).`, {
      status: 413,
      kind: "request_too_large",
      code: "request_too_large",
    });
  }
}

/**
 * 408: the request body did not arrive within the server's patience. A 408 (not a 400) because the
 * request itself may be fine: only its upload was too slow, and HTTP clients know to retry it.
 */
export class RequestTimeoutError extends ProxyError {
  constructor(timeoutMs: number) {
    super(`The request body did not arrive within ${timeoutMs} ms: send it faster, or send a smaller one.`, { status: 408, kind: "invalid_request", code: "request_timeout" });
  }
}

/** 429: too many requests; `retryAfter` in seconds when known. */
export class RateLimitError extends ProxyError {
  constructor(message: string, retryAfter?: string, code = "rate_limit_exceeded") {
    super(message, { status: 429, kind: "rate_limit", code, headers: retryAfter ? { "retry-after": retryAfter } : {} });
  }
}

/** 402: the Puter account has no credit for this request (each surface picks its status for it). */
export class InsufficientCreditError extends ProxyError {
  constructor(message: string) {
    super(message, { status: 402, kind: "insufficient_credit", code: "insufficient_quota" });
  }
}

/** 502: Puter failed, could not be reached, or answered something unreadable. */
export class UpstreamError extends ProxyError {
  constructor(message: string, code = "upstream_error") {
    super(message, { status: 502, kind: "upstream", code });
  }
}

/** 503: the AI vendors behind Puter are unavailable or out of credit; a retry later may work. */
export class OverloadedError extends ProxyError {
  constructor(message: string, code = "upstream_unavailable", retryAfter?: string) {
    super(message, { status: 503, kind: "overloaded", code, headers: retryAfter ? { "retry-after": retryAfter } : {} });
  }
}

/** 504: Puter (or its vendor) did not answer within the deadline. */
export class UpstreamTimeoutError extends ProxyError {
  constructor(message: string) {
    super(message, { status: 504, kind: "timeout", code: "upstream_timeout" });
  }
}

/** 500: a fault inside the proxy itself; the message names no detail. */
export class InternalError extends ProxyError {
  constructor(message = "The proxy failed to handle this request.") {
    super(message, { status: 500, kind: "internal", code: "internal_error" });
  }
}

/** 500: the deployment's configuration is invalid (a Worker, which has no start to fail at, answers with it). */
export class MisconfiguredError extends ProxyError {
  constructor(message: string) {
    super(message, { status: 500, kind: "internal", code: "invalid_configuration" });
  }
}

/** Thrown by parseConfig with every problem found, one per line; never sent to a client. */
export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
    this.problems = problems;
  }
}

// Secrets an upstream message may quote: bearer credentials, JWTs, long opaque keys, and any
// address that is not Puter's public site (internal hosts, private IPs, signed URLs).
const REDACTIONS: Array<[RegExp, string]> = [
  [/\b(bearer|basic)\s+[^\s",;]+/gi, "$1 [redacted]"],
  [/\b(token|api[-_ ]?key|auth_token|password|secret)(\s*[:=]\s*)("?)[^\s",;]+/gi, "$1$2$3[redacted]"],
  [/\b(?:sk|pk|rk)-[\w-]{8,}/g, "[redacted]"],
  [/\beyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g, "[redacted token]"],
  [/\b[a-z][a-z0-9+.-]*:\/\/(?!(?:www\.|developer\.|docs\.)?puter\.com(?:[/:#?\s]|$))[^\s"'<>)]+/gi, "[address]"],
  [/\b(?:\d{1,3}\.){3}\d{1,3}(?::\d+)?\b/g, "[address]"],
  [/\b(?:localhost|[\w-]+(?:\.[\w-]+)*\.(?:internal|local|lan|svc|cluster\.local))(?::\d+)?\b/gi, "[address]"],
  [/\b[A-Za-z0-9_-]{40,}\b/g, "[redacted]"],
];

/** Removes tokens and internal addresses from upstream text before any client or log sees it. */
export function redact(text: string): string {
  let out = text;
  for (const [pattern, replacement] of REDACTIONS) out = out.replace(pattern, replacement);
  return out;
}

/** Upstream text made safe to quote: redacted, one line, at most SNIPPET_LIMIT characters. */
export function snippet(text: string): string {
  const flat = redact(text).replace(/\s+/g, " ").trim();
  return flat.length > SNIPPET_LIMIT ? `${flat.slice(0, SNIPPET_LIMIT)}…` : flat;
}

/** The one place that turns anything thrown into a ProxyError; unknown errors hide their details. */
export function toProxyError(error: unknown): ProxyError {
  return error instanceof ProxyError ? error : new InternalError();
}
