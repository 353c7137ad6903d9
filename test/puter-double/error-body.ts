/**
 * The v2 error body (`core/http/middleware/errorHandler.ts`): `error` and `message` carry the same text,
 * `code` the legacy code, then any extra fields (`errorCode`, `reason`, `attempts` …) in insertion order.
 */
export function errorBody(message: string, code: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { error: message, message, code, ...extra };
}
