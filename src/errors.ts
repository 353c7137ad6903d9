import type { ErrorBody } from "./openai/types.ts";

/** Longest piece of upstream text quoted in an error message. */
const SNIPPET_LIMIT = 300;

export interface ProxyErrorInit {
  status: number;
  type: string;
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
  readonly type: string;
  readonly code: string | null;
  readonly param: string | null;
  readonly headers: Record<string, string>;

  constructor(message: string, init: ProxyErrorInit) {
    super(message);
    this.name = new.target.name;
    this.status = init.status;
    this.type = init.type;
    this.code = init.code ?? null;
    this.param = init.param ?? null;
    this.headers = init.headers ?? {};
  }

  /** The OpenAI error envelope for this error. */
  toBody(): ErrorBody {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
  }
}

/** 400: the client's request is malformed or has a wrong field (named in `param`). */
export class InvalidRequestError extends ProxyError {
  constructor(message: string, param: string | null = null, code: string | null = null) {
    super(message, { status: 400, type: "invalid_request_error", param, code });
  }
}

/** 401: no Puter token, or Puter refused it. */
export class AuthenticationError extends ProxyError {
  constructor(message: string) {
    super(message, { status: 401, type: "invalid_request_error", code: "invalid_api_key" });
  }
}

/** 403: Puter knows the token but will not let it do this. */
export class PermissionDeniedError extends ProxyError {
  constructor(message: string, code: string | null = "permission_denied") {
    super(message, { status: 403, type: "permission_error", code });
  }
}

/** 404: an unknown model or route. */
export class NotFoundError extends ProxyError {
  constructor(message: string, code: string | null = "not_found", param: string | null = null) {
    super(message, { status: 404, type: "invalid_request_error", code, param });
  }
}

/** 429: too many requests, or (code `insufficient_quota`) no credit left, as OpenAI reports it. */
export class RateLimitError extends ProxyError {
  constructor(message: string, code: "rate_limit_exceeded" | "insufficient_quota", retryAfter?: string) {
    const headers: Record<string, string> = {};
    if (retryAfter) headers["retry-after"] = retryAfter;
    // An empty balance does not refill by waiting: tell the OpenAI SDKs not to retry.
    if (code === "insufficient_quota") headers["x-should-retry"] = "false";
    super(message, { status: 429, type: code === "insufficient_quota" ? "insufficient_quota" : "requests", code, headers });
  }
}

/** 502 (or 503 when Puter's vendors are down): Puter failed, could not be reached, or answered something unreadable. */
export class UpstreamError extends ProxyError {
  constructor(message: string, code = "upstream_error", status: 502 | 503 = 502) {
    super(message, { status, type: "api_error", code });
  }
}

/** 504: Puter did not answer within the configured deadline. */
export class UpstreamTimeoutError extends ProxyError {
  constructor(message: string) {
    super(message, { status: 504, type: "api_error", code: "upstream_timeout" });
  }
}

/** Shortens upstream text for quoting: one line, at most SNIPPET_LIMIT characters. */
export function snippet(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > SNIPPET_LIMIT ? `${flat.slice(0, SNIPPET_LIMIT)}…` : flat;
}

/** The one place that turns anything thrown into a ProxyError; unknown errors hide their details. */
export function toProxyError(error: unknown): ProxyError {
  if (error instanceof ProxyError) return error;
  return new ProxyError("The proxy failed to handle this request.", { status: 500, type: "server_error", code: "internal_error" });
}

/** Builds the JSON error response for any error, with its status and headers. */
export function errorResponse(error: unknown, headers?: HeadersInit): Response {
  const proxyError = toProxyError(error);
  const response = Response.json(proxyError.toBody(), { status: proxyError.status, headers });
  for (const [name, value] of Object.entries(proxyError.headers)) response.headers.set(name, value);
  return response;
}
