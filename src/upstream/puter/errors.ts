import {
  AuthenticationError,
  InvalidRequestError,
  NotFoundError,
  PermissionDeniedError,
  type ProxyError,
  RateLimitError,
  snippet,
  UpstreamError,
} from "../../errors.ts";

/** What Puter said about a failure, from any of its error shapes (protocol sections 4.1 and 4.3). */
export interface PuterFailure {
  /** The HTTP status, or the status a v1 HTTP-200 `success:false` body names. */
  status: number;
  code?: string;
  message?: string;
  retryAfter?: string;
}

const CREDIT_CODES = new Set(["insufficient_funds", "usage_limited"]);

/** Reads code and message from a v2 `{error,message,code}`, a v1 `{success:false,error:{…}}` or a bare string. */
export function readPuterFailure(status: number, body: unknown, retryAfter?: string | null): PuterFailure {
  const failure: PuterFailure = { status };
  if (retryAfter) failure.retryAfter = retryAfter;
  if (!body || typeof body !== "object") {
    if (typeof body === "string" && body.trim() && !body.trimStart().startsWith("<")) failure.message = body;
    return failure;
  }
  const record = body as Record<string, unknown>;
  const nested = record.error && typeof record.error === "object" ? (record.error as Record<string, unknown>) : undefined;
  const code = record.code ?? nested?.code;
  const message = record.message ?? nested?.message ?? record.error;
  if (typeof code === "string") failure.code = code;
  if (typeof message === "string") failure.message = message;
  if (status < 400) failure.status = typeof nested?.status === "number" ? nested.status : 400;
  return failure;
}

/**
 * The one table that maps a Puter failure to the error a client of this proxy sees. Puter's text
 * is quoted, shortened, so the user learns what Puter objected to.
 */
export function fromPuterFailure(failure: PuterFailure, model?: string): ProxyError {
  const { status, code } = failure;
  const said = failure.message ? snippet(failure.message) : undefined;
  const quote = said ? ` Puter said: ${said}` : "";

  if (status === 402 || (code && CREDIT_CODES.has(code))) {
    return new RateLimitError(
      `Your Puter account has no AI credit left for this request. Add credit or wait for the monthly allowance to renew.${quote}`,
      "insufficient_quota",
    );
  }
  if (status === 401 || code?.startsWith("token_") || code === "reauth_required") {
    return new AuthenticationError(
      `Puter rejected the API key (${code ?? "unauthorized"}). Send a valid Puter token as the API key: a dashboard API token, or your puter.com session token.${quote}`,
    );
  }
  if (status === 403) return new PermissionDeniedError(said ?? "Puter refused this request for this token.", code ?? "permission_denied");
  if (status === 429) {
    return new RateLimitError(`Puter is rate-limiting this account; slow down and retry.${quote}`, "rate_limit_exceeded", failure.retryAfter);
  }
  if (said && /^model not found/i.test(said)) {
    const name = model ? `The model \`${model}\` does not exist on Puter` : "That model does not exist on Puter";
    return new NotFoundError(`${name}. GET /v1/models lists the models you can use.`, "model_not_found", "model");
  }
  // Puter reports "every vendor failed" as a 400; for a client it is a server-side outage to retry.
  if (code === "upstream_provider_unavailable" || code === "upstream_failed") {
    return new UpstreamError(`The AI provider behind Puter is unavailable; retry later.${quote}`, "upstream_unavailable", 503);
  }
  if (status >= 400 && status < 500) return new InvalidRequestError(said ?? `Puter refused the request (HTTP ${status}).`, null, code ?? null);
  return new UpstreamError(said ? `Puter failed to answer (HTTP ${status}).${quote}` : `Puter failed to answer (HTTP ${status}).`);
}
