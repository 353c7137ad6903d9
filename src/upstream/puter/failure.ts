import {
  AuthenticationError,
  InsufficientCreditError,
  InvalidRequestError,
  NotFoundError,
  OverloadedError,
  PermissionDeniedError,
  type ProxyError,
  RateLimitError,
  snippet,
  UpstreamError,
  UpstreamTimeoutError,
} from "../../errors.ts";
import { isRecord } from "../../json.ts";

/** What Puter said about a failure, from any of its error shapes (docs/puter-wire.md §5). */
export interface PuterFailure {
  /** The HTTP status, or the status a v1 HTTP-200 `success:false` body or a stream error line names. */
  status: number;
  code?: string;
  /** The newer servers' second code (`credits_reserved`, a vendor error type). */
  errorCode?: string;
  message?: string;
  /** Seconds, from a `Retry-After` header or the newer `retryAfter` body field. */
  retryAfter?: string;
  /** The vendor's own status behind an `upstream_*` failure. */
  upstreamStatus?: number;
}

const CREDIT_CODES = new Set(["insufficient_funds", "usage_limited"]);
/** Vendors are down, overloaded or out of credit behind Puter: an outage to retry, not the client's fault. */
const OUTAGE_CODES = new Set(["upstream_provider_unavailable", "upstream_failed", "upstream_credits_exhausted", "db_unavailable"]);
/** Puter's `credits_reserved` clears as soon as the caller's own running requests finish. */
const RESERVED_RETRY_SECONDS = "2";

const text = (value: unknown) => (typeof value === "string" && value ? value : undefined);

function seconds(value: unknown): string | undefined {
  if (typeof value === "number" && Number.isFinite(value) && value >= 0) return String(Math.ceil(value));
  return typeof value === "string" && /^\d+(\.\d+)?$/.test(value.trim()) ? String(Math.ceil(Number(value))) : undefined;
}

/** Reads a v2 `{error,message,code}`, a v1 `{success:false,error:{…}}`, a stream `error` line, or a bare string. */
export function readPuterFailure(status: number, body: unknown, retryAfter?: string | null): PuterFailure {
  const failure: PuterFailure = { status };
  const header = seconds(retryAfter);
  if (header) failure.retryAfter = header;
  if (!isRecord(body)) {
    if (typeof body === "string" && body.trim() && !body.trimStart().startsWith("<")) failure.message = body;
    return failure;
  }
  const nested = isRecord(body.error) ? body.error : undefined;
  failure.code = text(body.code) ?? text(nested?.code);
  failure.errorCode = text(body.errorCode);
  failure.message = text(body.message) ?? text(nested?.message) ?? text(body.error);
  failure.retryAfter ??= seconds(body.retryAfter);
  if (typeof body.upstreamStatus === "number") failure.upstreamStatus = body.upstreamStatus;
  // A stream error line carries its status in the body (newer servers); v1 nests it in `error`.
  if (typeof body.status === "number" && body.status >= 400) failure.status = body.status;
  else if (status < 400) failure.status = typeof nested?.status === "number" ? nested.status : 400;
  for (const key of ["code", "errorCode", "message", "retryAfter"] as const) if (failure[key] === undefined) delete failure[key];
  return failure;
}

/**
 * The one table that maps a Puter failure to what it means for a client of this proxy. Puter's
 * text is quoted, redacted and shortened, so the user learns what Puter objected to.
 */
export function fromPuterFailure(failure: PuterFailure, model?: string): ProxyError {
  const { status, code, errorCode } = failure;
  const said = failure.message ? snippet(failure.message) : undefined;
  const quote = said ? ` Puter said: ${said}` : "";
  if (status === 402 || (code && CREDIT_CODES.has(code))) {
    return new InsufficientCreditError(`Your Puter account has no AI credit left for this request. Add credit or wait for the monthly allowance to renew.${quote}`);
  }
  if (status === 401 || code?.startsWith("token_") || code === "reauth_required") {
    return new AuthenticationError(
      `Puter rejected the API key (${code ?? "unauthorized"}). Send a valid Puter token as the API key: a dashboard API token, or your puter.com session token.${quote}`,
    );
  }
  if (status === 403) return new PermissionDeniedError(said ?? "Puter refused this request for this token.", code ?? "permission_denied");
  if (errorCode === "credits_reserved") {
    return new RateLimitError(`Your Puter credit is held by your own requests still running; retry when they finish.${quote}`, failure.retryAfter ?? RESERVED_RETRY_SECONDS, "credits_reserved");
  }
  if (status === 429) return new RateLimitError(`Puter is rate-limiting this account; slow down and retry.${quote}`, failure.retryAfter);
  if ((said && /^model not found/i.test(said)) || (code === "upstream_bad_request" && failure.upstreamStatus === 404)) {
    const name = model ? `The model \`${model}\` does not exist on Puter` : "That model does not exist on Puter";
    return new NotFoundError(`${name}. GET /v1/models lists the models you can use.`, "model_not_found", "model");
  }
  if (status === 504 || code === "upstream_timeout") return new UpstreamTimeoutError(`The AI provider behind Puter timed out; retry later.${quote}`);
  // Puter reports "every vendor failed" as a 400; for a client it is a server-side outage to retry.
  if ((code && OUTAGE_CODES.has(code)) || status === 503 || status === 529) {
    return new OverloadedError(`The AI provider behind Puter is unavailable; retry later.${quote}`, code === "upstream_credits_exhausted" ? code : "upstream_unavailable", failure.retryAfter);
  }
  if (status >= 400 && status < 500) return new InvalidRequestError(said ?? `Puter refused the request (HTTP ${status}).`, null, code ?? null);
  return new UpstreamError(said ? `Puter failed to answer (HTTP ${status}).${quote}` : `Puter failed to answer (HTTP ${status}).`);
}
