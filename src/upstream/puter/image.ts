import { InvalidRequestError, UpstreamError, UpstreamTimeoutError } from "../../errors.ts";
import { isRecord } from "../../json.ts";
import { toBase64 } from "./driver-result.ts";

/** What an image call asks Puter for, in neutral terms. */
export interface ImageRequest {
  prompt: string;
  model: string;
  /** `WxH`, or `auto` (Puter's default). */
  size?: string;
  quality?: string;
  /** Images to edit or start from. */
  inputImages?: Array<{ base64: string; mimeType: string }>;
}

/** Puter's `generate` args (protocol §6): `ratio` for the OpenAI provider, width/height for the others. */
export function imageArgs(request: ImageRequest): Record<string, unknown> {
  const args: Record<string, unknown> = { prompt: request.prompt, model: request.model };
  if (request.size && request.size !== "auto") {
    const match = /^(\d{2,5})x(\d{2,5})$/.exec(request.size);
    if (!match) throw new InvalidRequestError(`\`size\` must be WIDTHxHEIGHT (e.g. 1024x1024) or auto, got ${JSON.stringify(request.size.slice(0, 40))}.`, "size");
    const [w, h] = [Number(match[1]), Number(match[2])];
    Object.assign(args, { ratio: { w, h }, width: w, height: h });
  }
  if (request.quality && request.quality !== "auto") args.quality = request.quality;
  // puter.js sends one input image as bare base64 plus its type; a list goes as data URLs.
  const [first, ...rest] = request.inputImages ?? [];
  if (first) Object.assign(args, { input_image: first.base64, input_image_mime_type: first.mimeType });
  if (first && rest.length > 0) args.input_images = [first, ...rest].map((image) => `data:${image.mimeType};base64,${image.base64}`);
  return args;
}

/** Puter's result: a data URL or an http(s) URL, bare or as `{url}` (older providers). */
export function imageLocation(result: unknown): string {
  const url = typeof result === "string" ? result : isRecord(result) && typeof result.url === "string" ? result.url : undefined;
  if (!url || !/^(data:image\/|https?:)/i.test(url)) throw new UpstreamError("Puter answered an image call without an image URL.", "upstream_bad_response");
  return url;
}

/** The base64 payload of a `data:…;base64,` URL, or undefined for any other URL. */
export function dataUrlBase64(url: string): string | undefined {
  const match = /^data:[^,]*;base64,(.*)$/is.exec(url);
  return match?.[1];
}

export interface ImageFetchOptions {
  fetch: typeof fetch;
  timeoutMs: number;
  maxBytes: number;
  signal?: AbortSignal;
}

/**
 * Downloads an image Puter left at a vendor URL, as base64. The request carries no token and no
 * cookie, follows no redirect, and gives up past the deadline or the size limit.
 */
export async function fetchImageBase64(url: string, options: ImageFetchOptions): Promise<string> {
  const signals = [AbortSignal.timeout(options.timeoutMs), ...(options.signal ? [options.signal] : [])];
  let response: Response;
  try {
    const fetchFn = options.fetch;
    response = await fetchFn(url, { method: "GET", redirect: "manual", signal: AbortSignal.any(signals) });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw signals[0]?.aborted ? new UpstreamTimeoutError(`The generated image could not be downloaded within ${options.timeoutMs} ms.`) : new UpstreamError("The generated image could not be downloaded.", "image_download_failed");
  }
  if (response.status !== 200 || !response.body) {
    void response.body?.cancel().catch(() => {});
    throw new UpstreamError(`The generated image could not be downloaded (HTTP ${response.status}).`, "image_download_failed");
  }
  const declared = Number(response.headers.get("content-length") ?? "0");
  const tooBig = () => new UpstreamError(`The generated image is larger than ${options.maxBytes} bytes; ask for response_format=url instead.`, "image_too_large");
  if (declared > options.maxBytes) {
    void response.body.cancel().catch(() => {});
    throw tooBig();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  try {
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      size += next.value.byteLength;
      if (size > options.maxBytes) {
        void reader.cancel().catch(() => {});
        throw tooBig();
      }
      chunks.push(next.value);
    }
  } catch (error) {
    if (error instanceof UpstreamError || options.signal?.aborted) throw error;
    if (signals[0]?.aborted) throw new UpstreamTimeoutError(`The generated image could not be downloaded within ${options.timeoutMs} ms.`);
    throw new UpstreamError("The download of the generated image broke off.", "image_download_failed");
  }
  const whole = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    whole.set(chunk, at);
    at += chunk.byteLength;
  }
  return toBase64(whole);
}
