/**
 * `Response.json`, made as a plain string body: on Node, @hono/node-server writes a string body in
 * one go, while `Response.json` builds the platform's full Response with a web stream to read back.
 */
export function jsonResponse(value: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return new Response(JSON.stringify(value), { status: init.status ?? 200, headers: { "content-type": "application/json", ...init.headers } });
}
