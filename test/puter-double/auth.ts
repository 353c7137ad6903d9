import { errorBody } from "./error-body.ts";
import type { JsonResponse } from "./scenario-types.ts";

/** Tokens with a meaning; any other non-empty token is a valid full-access token. */
export const TOKENS = {
  invalid: "invalid-token",
  v1: "v1-token",
  scoped: "scoped-token",
  legacyAuthFail: "legacy-auth-fail",
} as const;

const stripBearer = (value: string): string => value.replace(/^Bearer /, "").trim();

/** A `Bearer <t>` Authorization value; `Basic …` and a bare `Bearer` are ignored, as authProbe does. */
function fromAuthorization(value: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S.*)$/i.exec(value?.trim() ?? "");
  return match?.[1]?.trim();
}

/**
 * authProbe `extractToken` order: body `auth_token`, `Authorization: Bearer`, `x-api-key`,
 * then `?auth_token=` (the session cookie is skipped: the double has no GUI origin).
 */
export function extractToken(request: Request, body: unknown): string | undefined {
  const fromBody = (body as { auth_token?: unknown } | null)?.auth_token;
  const query = new URL(request.url).searchParams.get("auth_token");
  const candidates = [
    typeof fromBody === "string" ? fromBody : undefined,
    fromAuthorization(request.headers.get("authorization") ?? undefined),
    request.headers.get("x-api-key") ?? undefined,
    query ?? undefined,
  ];
  for (const candidate of candidates) {
    const token = candidate === undefined ? "" : stripBearer(candidate);
    if (token !== "") return token;
  }
  return undefined;
}

/** The rejection for a token, or undefined when it is accepted (gates.ts `rejectAuth` and friends). */
export function authFailure(token: string | undefined): JsonResponse | undefined {
  switch (token) {
    case undefined:
      return { status: 401, body: errorBody("Missing authentication token", "token_missing") };
    case TOKENS.invalid:
      return { status: 401, body: errorBody("Authentication failed", "token_auth_failed") };
    case TOKENS.v1:
      return { status: 401, body: errorBody("Re-authentication required", "reauth_required", { reason: "token_v1" }) };
    case TOKENS.scoped:
      return {
        status: 403,
        body: errorBody("Access tokens are not allowed to access this resource", "forbidden"),
      };
    case TOKENS.legacyAuthFail:
      // v1 auth middleware: a real status but no `error` key.
      return { status: 401, body: { message: "Authentication failed.", code: "token_auth_failed" } };
    default:
      return undefined;
  }
}
