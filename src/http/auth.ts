import { AuthenticationError } from "../errors.ts";

/**
 * The caller's Puter token: the OpenAI API key from `Authorization: Bearer <token>`, or from
 * `x-api-key` as Anthropic-style clients send it. It is passed to Puter and never stored or logged.
 */
export function readToken(headers: Headers): string {
  const token = findToken(headers);
  if (!token) {
    throw new AuthenticationError(
      "Missing API key. Send your Puter token as the API key (header `Authorization: Bearer <token>`); see the README for how to get one.",
    );
  }
  return token;
}

/** The key a request presents (`Authorization: Bearer` or `x-api-key`), or undefined when none. */
export function findToken(headers: Headers): string | undefined {
  const bearer = headers.get("authorization")?.trim().match(/^bearer\s+(.+)$/i)?.[1]?.trim();
  return bearer || headers.get("x-api-key")?.trim() || undefined;
}
