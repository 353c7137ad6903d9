import { AuthenticationError } from "../errors.ts";

/**
 * The caller's Puter token: the OpenAI API key from `Authorization: Bearer <token>`, or from
 * `x-api-key` as Anthropic-style clients send it. It is passed to Puter and never stored or logged.
 */
export function readToken(headers: Headers): string {
  const authorization = headers.get("authorization")?.trim();
  const bearer = authorization?.match(/^bearer\s+(.+)$/i)?.[1]?.trim();
  const token = bearer || headers.get("x-api-key")?.trim();
  if (!token) {
    throw new AuthenticationError(
      "Missing API key. Send your Puter token as the API key (header `Authorization: Bearer <token>`); see the README for how to get one.",
    );
  }
  return token;
}
