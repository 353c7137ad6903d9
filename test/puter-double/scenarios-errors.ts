import { errorBody } from "./error-body.ts";
import type { BehaviourScenario, JsonScenario, TextScenario } from "./scenario-types.ts";

// Failures that Puter reports before any NDJSON (docs/puter-wire.md §5): the same JSON for stream:true.

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

const MAX_TOKENS_MESSAGE =
  "max_tokens: 100000 > 64000, which is the maximum allowed number of output tokens for claude-haiku-4-5-20251001";

const rateLimitedAttempts = [
  {
    model: "gpt-4o-mini",
    provider: "openai-completion",
    status: 429,
    code: "rate_limit_exceeded",
    error: "429 Rate limit reached for gpt-4o-mini on tokens per min (TPM).",
  },
];

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
  // Protocol §10.8 and §4.2: codes only newer servers send, answered the same to both generations
  // so a proxy's mapping can be tested whichever token it uses.
  "error/credits-reserved": v2Error(
    429,
    "Usage is reserved by requests still running. Retry when they finish, or upgrade at https://puter.com/#billing",
    "too_many_requests",
    { errorCode: "credits_reserved" },
  ),
  "error/upstream-credits-exhausted": v2Error(503, "AI provider out of credits", "upstream_credits_exhausted", {
    attempts: [
      {
        model: "gpt-4o-mini",
        provider: "openai-completion",
        status: 429,
        code: "insufficient_quota",
        error: "429 You exceeded your current quota, please check your plan and billing details.",
      },
      { model: "openrouter:openai/gpt-4o-mini", provider: "openrouter", status: 402, error: "402 Insufficient credits" },
    ],
  }),
  "error/upstream-timeout": v2Error(504, "AI provider timed out", "upstream_timeout", {
    attempts: [{ model: "gpt-4o-mini", provider: "openai-completion", error: "Request timed out." }],
  }),
  // retryAfter is the vendor's retry-after value as it sent it (a header value, so a string); still no header.
  "error/upstream-rate-limited-retry-after": v2Error(429, "AI provider rate limit exceeded", "upstream_rate_limited", {
    attempts: rateLimitedAttempts,
    retryAfter: "20",
  }),
  "error/image-unsupported": v2Error(400, "Model deepseek-v4-flash does not support image input", "bad_request"),
  "error/upstream-bad-request-vendor": v2Error(400, MAX_TOKENS_MESSAGE, "upstream_bad_request", {
    errorCode: "invalid_request_error",
    attempts: [
      {
        model: "claude-haiku-4-5-20251001",
        provider: "claude",
        status: 400,
        code: "invalid_request_error",
        error: MAX_TOKENS_MESSAGE,
      },
    ],
    upstreamStatus: 400,
  }),
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
