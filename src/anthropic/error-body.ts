import { jsonResponse } from "../http/json-response.ts";
import type { ErrorRenderer } from "../chat/surface.ts";
import type { ErrorKind, ProxyError } from "../errors.ts";

/** Anthropic's error envelope, also the data of a failed stream's `error` event. */
export interface AnthropicErrorBody {
  type: "error";
  error: { type: string; message: string };
}

/**
 * Anthropic's status and `error.type` for each kind. Anthropic has no 502: Puter's own failures are
 * 500 `api_error`; a timeout keeps 504 (the SDKs retry both); Puter's vendors being down is 529.
 */
const ERRORS: Record<ErrorKind, [number | null, string]> = {
  invalid_request: [400, "invalid_request_error"],
  authentication: [401, "authentication_error"],
  insufficient_credit: [402, "billing_error"],
  permission: [403, "permission_error"],
  not_found: [404, "not_found_error"],
  method_not_allowed: [null, "invalid_request_error"],
  request_too_large: [413, "request_too_large"],
  rate_limit: [429, "rate_limit_error"],
  upstream: [500, "api_error"],
  timeout: [504, "api_error"],
  internal: [500, "api_error"],
  overloaded: [529, "overloaded_error"],
};

/** The error body for any ProxyError. */
export function anthropicErrorBody(error: ProxyError): AnthropicErrorBody {
  return { type: "error", error: { type: ERRORS[error.kind][1], message: error.message } };
}

/** A request id in Anthropic's form, for errors raised before an answer has an id. */
const newRequestId = () => `req_${crypto.randomUUID().replaceAll("-", "")}`;

/** Renders errors as Anthropic does, with a `request-id` header on each. */
export const anthropicErrors: ErrorRenderer = {
  render(error, requestId = newRequestId()) {
    const response = jsonResponse({ ...anthropicErrorBody(error), request_id: requestId }, { status: ERRORS[error.kind][0] ?? error.status });
    for (const [name, value] of Object.entries(error.headers)) response.headers.set(name, value);
    // An empty balance does not refill by waiting.
    if (error.kind === "insufficient_credit") response.headers.set("x-should-retry", "false");
    response.headers.set("request-id", requestId);
    return response;
  },
};
