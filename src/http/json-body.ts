import { InvalidRequestError, RequestTimeoutError, RequestTooLargeError } from "../errors.ts";

/** Deepest nesting accepted in a request body: far past any real request, far short of a stack overflow. */
export const MAX_JSON_DEPTH = 128;

/** Default for how long a request body may take to arrive (REQUEST_BODY_TIMEOUT_MS). */
export const DEFAULT_BODY_TIMEOUT_MS = 30_000;

/**
 * Reads a body, stopping as soon as it passes the limit or the deadline; either way the body is
 * cancelled, so a slow or oversized upload holds nothing once it is refused.
 */
async function readCounted(body: ReadableStream<Uint8Array>, maxBytes: number, timeoutMs: number): Promise<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  let text = "";
  let timer: ReturnType<typeof setTimeout> | undefined;
  // A timer raced against each read works on every runtime; none of them bounds an upload itself.
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RequestTimeoutError(timeoutMs)), timeoutMs);
  });
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), late]);
      if (done) return text + decoder.decode();
      size += value.byteLength;
      if (size > maxBytes) throw new RequestTooLargeError(maxBytes);
      text += decoder.decode(value, { stream: true });
    }
  } catch (error) {
    void reader.cancel().catch(() => {});
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** A whole body of declared length, read the runtime's fastest way, within the deadline. */
async function readDeclared(request: Request, timeoutMs: number): Promise<string> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RequestTimeoutError(timeoutMs)), timeoutMs);
  });
  try {
    return await Promise.race([request.text(), late]);
  } finally {
    clearTimeout(timer);
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
 * Reads a request body as JSON, at most `maxBytes` of it (413 past that) within `timeoutMs` (408
 * past that); anything that is not JSON, or nests deeper than {@link MAX_JSON_DEPTH}, is a 400
 * that says so. A declared Content-Length is checked before reading; a chunked body is counted
 * while it is read.
 */
export async function readJsonBody(request: Request, maxBytes: number, timeoutMs = DEFAULT_BODY_TIMEOUT_MS): Promise<unknown> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > maxBytes) throw new RequestTooLargeError(maxBytes);
  // With a declared length the server holds the body to it, so it need not be counted while read;
  // `text()` is then much cheaper than a stream reader on Node (no web stream is made for it).
  const text = declared !== null ? await readDeclared(request, timeoutMs) : request.body ? await readCounted(request.body, maxBytes, timeoutMs) : "";
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
