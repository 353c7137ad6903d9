/** The two backends the double plays: sections 1–9 of the protocol doc (older) and §10 (newer). */
export type Generation = "older" | "newer";

/** A token starting with this (e.g. `newer-e2e-secret`) is answered by the newer backend. */
export const NEWER_TOKEN_PREFIX = "newer-";

/**
 * The backend that answers a token. Chosen per request so one test can run against both
 * generations by switching its token; auth and scenarios are the same for both.
 */
export function generation(token: string | undefined): Generation {
  return token?.startsWith(NEWER_TOKEN_PREFIX) ? "newer" : "older";
}
