import { InvalidRequestError, RequestTooLargeError } from "../errors.ts";

/** Reads a body of unknown length (chunked) into memory, stopping as soon as it passes the limit. */
async function readCounted(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      void reader.cancel().catch(() => {});
      throw new RequestTooLargeError(maxBytes);
    }
    chunks.push(value);
  }
  const whole = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    whole.set(chunk, at);
    at += chunk.byteLength;
  }
  return whole;
}

/**
 * Reads a `multipart/form-data` request body, at most `maxBytes` of it (413 past that, before it is
 * buffered whole: a declared Content-Length is checked first, a chunked body is counted as it is
 * read). Only then does the Web `formData()` parse it; a body that is not a form is a 400.
 */
export async function readFormBody(request: Request, maxBytes: number): Promise<FormData> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(type)) {
    throw new InvalidRequestError("This endpoint takes a multipart/form-data body (with a boundary); send the fields and files as a form.");
  }
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > maxBytes) throw new RequestTooLargeError(maxBytes);
  const bytes = request.body ? await readCounted(request.body, maxBytes) : new Uint8Array(0);
  try {
    return await new Response(bytes, { headers: { "content-type": type } }).formData();
  } catch {
    throw new InvalidRequestError("We could not parse the multipart/form-data body of your request; check its boundary and parts.");
  }
}

/** A form field as text, trimmed; a file or a blank field is absent. */
export function formText(form: FormData, name: string): string | undefined {
  const value = form.get(name);
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

/** A form field as a number; present but not a number is a 400 naming the field. */
export function formNumber(form: FormData, name: string): number | undefined {
  const text = formText(form, name);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value)) throw new InvalidRequestError(`\`${name}\` must be a number, got ${JSON.stringify(text.slice(0, 40))}.`, name);
  return value;
}

/** The uploaded files of a field (`name` and `name[]`, as SDKs send lists). */
export function formFiles(form: FormData, name: string): File[] {
  return [...form.getAll(name), ...form.getAll(`${name}[]`)].filter((v): v is File => typeof v !== "string");
}
