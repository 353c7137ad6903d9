import { InvalidRequestError, ProxyError } from "../errors.ts";

function tooLarge(maxBytes: number): ProxyError {
  return new ProxyError(`The request body is larger than the limit of ${maxBytes} bytes (MAX_BODY_BYTES).`, {
    status: 413,
    type: "invalid_request_error",
    code: "request_too_large",
  });
}

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
      throw tooLarge(maxBytes);
    }
    text += decoder.decode(value, { stream: true });
  }
}

/**
 * Reads a request body as JSON, at most `maxBytes` of it (413 past that); anything that is not
 * JSON is a 400 that says so. A declared Content-Length is checked before reading, and the HTTP
 * server holds the body to it; only a chunked body is counted while it is read.
 */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > maxBytes) throw tooLarge(maxBytes);
  const text = declared !== null || !request.body ? await request.text() : await readCounted(request.body, maxBytes);
  if (!text.trim()) throw new InvalidRequestError("The request body is empty: send a JSON object.");
  try {
    return JSON.parse(text);
  } catch {
    throw new InvalidRequestError(
      "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)",
    );
  }
}
