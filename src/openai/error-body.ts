import { jsonResponse } from "../http/json-response.ts";
import type { ErrorKind, ProxyError } from "../errors.ts";
import type { ErrorRenderer } from "../chat/surface.ts";

/** The OpenAI error envelope; every error an OpenAI client sees has this shape. */
export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

/** OpenAI's `type` for each kind of error, as its API names them. */
const TYPES: Record<ErrorKind, string> = {
  invalid_request: "invalid_request_error",
  authentication: "invalid_request_error",
  permission: "permission_error",
  not_found: "invalid_request_error",
  method_not_allowed: "invalid_request_error",
  request_too_large: "invalid_request_error",
  rate_limit: "requests",
  insufficient_credit: "insufficient_quota",
  upstream: "api_error",
  overloaded: "api_error",
  timeout: "api_error",
  internal: "server_error",
};

/** The body of an error, also sent as the last `data:` frame of a stream that fails. */
export function openAIErrorBody(error: ProxyError): OpenAIErrorBody {
  return { error: { message: error.message, type: TYPES[error.kind], param: error.param, code: error.code } };
}

/** Renders errors as OpenAI does; an empty balance is a 429 `insufficient_quota` that tells the SDKs not to retry. */
export const openAIErrors: ErrorRenderer = {
  render(error, requestId) {
    const credit = error.kind === "insufficient_credit";
    const response = jsonResponse(openAIErrorBody(error), { status: credit ? 429 : error.status });
    for (const [name, value] of Object.entries(error.headers)) response.headers.set(name, value);
    // An empty balance does not refill by waiting.
    if (credit) response.headers.set("x-should-retry", "false");
    if (requestId) response.headers.set("x-request-id", requestId);
    return response;
  },
};
