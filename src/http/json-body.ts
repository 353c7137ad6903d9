import { InvalidRequestError, RequestTooLargeError } from "../errors.ts";

/** Deepest nesting accepted in a request body: far past any real request, far short of a stack overflow. */
export const MAX_JSON_DEPTH = 128;

/** Reads a body of unknown length (chunked), stopping as soon as it passes the limit. */
async function readCounted(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    size += value.byteLength;
    if (size > maxBytes) {
      void reader.cancel().catch(() => {});
      throw new RequestTooLargeError(maxBytes);
    }
    text += decoder.decode(value, { stream: true });
  }
}

/** How deep a parsed JSON value nests, counted without recursion and given up past `limit`. */
export function jsonDepthExceeds(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop() as [unknown, number];
    if (typeof item !== "object" || item === null) continue;
    if (depth >= limit) return true;
    for (const child of Array.isArray(item) ? item : Object.values(item)) {
      if (typeof child === "object" && child !== null) stack.push([child, depth + 1]);
    }
  }
  return false;
}

/**
 * Reads a request body as JSON, at most `maxBytes` of it (413 past that); anything that is not
 * JSON, or nests deeper than {@link MAX_JSON_DEPTH}, is a 400 that says so. A declared
 * Content-Length is checked before reading, and the HTTP server holds the body to it; only a
 * chunked body is counted while it is read.
 */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > maxBytes) throw new RequestTooLargeError(maxBytes);
  const text = declared !== null || !request.body ? await request.text() : await readCounted(request.body, maxBytes);
  if (!text.trim()) throw new InvalidRequestError("The request body is empty: send a JSON object.");
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new InvalidRequestError(
      "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)",
    );
  }
  if (jsonDepthExceeds(body, MAX_JSON_DEPTH)) {
    throw new InvalidRequestError(`The request body nests deeper than ${MAX_JSON_DEPTH} levels; flatten it.`, null, "nesting_too_deep");
  }
  return body;
}
