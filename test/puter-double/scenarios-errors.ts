import { errorBody } from "./error-body.ts";
import type { BehaviourScenario, JsonScenario, TextScenario } from "./scenario-types.ts";

// Failures that Puter reports before any NDJSON (protocol section 4.2): the same JSON for stream:true.

function v2Error(
  status: number,
  message: string,
  code: string,
  extra: Record<string, unknown> = {},
  headers?: Record<string, string>,
): JsonScenario {
  return { kind: "json", response: { status, body: errorBody(message, code, extra), ...(headers ? { headers } : {}) } };
}

const CONTEXT_MESSAGE =
  "This model's maximum context length is 128000 tokens. However, your messages resulted in 130512 tokens. " +
  "Please reduce the length of the messages.";

export const errorScenarios = {
  "error/insufficient-funds": v2Error(402, "No usage left for request.", "insufficient_funds", {}, {
    "X-Needs-Upgrade": "true",
  }),
  "error/rate-limited": v2Error(429, "Too many requests.", "too_many_requests"),
  "error/upstream-rate-limited": v2Error(429, "AI provider rate limit exceeded", "upstream_rate_limited", {
    attempts: [
      {
        model: "gpt-4o-mini",
        provider: "openai-completion",
        status: 429,
        code: "rate_limit_exceeded",
        error: "429 Rate limit reached for gpt-4o-mini on tokens per min (TPM).",
      },
      {
        model: "openrouter:openai/gpt-4o-mini",
        provider: "openrouter",
        status: 429,
        error: "429 Provider returned error: rate limited",
      },
    ],
  }),
  "error/upstream-unavailable": v2Error(400, "AI provider unavailable", "upstream_provider_unavailable", {
    attempts: [
      { model: "gpt-4o-mini", provider: "openai-completion", status: 503, error: "503 Service Unavailable" },
      { model: "openrouter:openai/gpt-4o-mini", provider: "openrouter", status: 502, error: "502 Bad Gateway" },
    ],
  }),
  "error/upstream-bad-request": v2Error(400, CONTEXT_MESSAGE, "upstream_bad_request", {
    attempts: [
      {
        model: "gpt-4o-mini",
        provider: "openai-completion",
        status: 400,
        code: "context_length_exceeded",
        error: CONTEXT_MESSAGE,
      },
    ],
  }),
  "error/permission-denied": v2Error(
    403,
    "The model openrouter:perplexity/sonar-deep-research is only available to subscribers. " +
      "Please subscribe to access this model.",
    "permission_denied",
  ),
  "error/internal": v2Error(500, "Internal Server Error", "internal_error"),
  "error/db-unavailable": v2Error(503, "Service temporarily unavailable", "db_unavailable", {}, {
    "Retry-After": "5",
  }),
  "error/moderation": v2Error(400, "message is not allowed", "bad_request", { errorCode: "moderation_flagged" }),
};

/** Answers no healthy Puter gives, but a proxy meets through load balancers and broken networks. */
export const badScenarios = {
  "bad/hang": { kind: "hang" } satisfies BehaviourScenario,
  "bad/garbage": {
    kind: "text",
    status: 200,
    contentType: "application/json; charset=utf-8",
    body: "not json{",
  } satisfies TextScenario,
  "bad/html": {
    kind: "text",
    status: 502,
    contentType: "text/html",
    body: "<html><body>Bad Gateway</body></html>",
    bare: true,
  } satisfies TextScenario,
  "bad/reset": { kind: "reset" } satisfies BehaviourScenario,
  "bad/empty": { kind: "json", response: { status: 200, body: { success: true, result: {} } } } satisfies JsonScenario,
};
