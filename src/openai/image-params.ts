import { jsonResponse } from "../http/json-response.ts";
import { InvalidRequestError } from "../errors.ts";
import { generateImages } from "../upstream/puter/image-calls.ts";
import { dataUrlBase64, fetchImageBase64, type ImageRequest } from "../upstream/puter/image.ts";
import type { MediaContext } from "./media-context.ts";
import { withCredential } from "../pool/credentials.ts";

/** Puter's default image model (protocol §6). */
export const DEFAULT_IMAGE_MODEL = "gpt-image-1-mini";
/** Most images one request may ask for: each is a separate, billed Puter call. */
export const MAX_IMAGES = 4;
/** Largest image downloaded from a vendor URL to answer `b64_json`. */
const DOWNLOAD_MAX_BYTES = 20 * 1024 * 1024;
const DOWNLOAD_TIMEOUT_MS = 60_000;

export interface ImageParams {
  request: Omit<ImageRequest, "inputImages">;
  n: number;
  format: "url" | "b64_json";
}

/** The fields both image endpoints share, from a JSON body or a form, each checked with a message that says what to fix. */
export function readImageParams(field: (name: string) => unknown): ImageParams {
  const prompt = field("prompt");
  if (typeof prompt !== "string" || !prompt.trim()) throw new InvalidRequestError("`prompt` is required: describe the image you want.", "prompt");
  const model = field("model") ?? DEFAULT_IMAGE_MODEL;
  if (typeof model !== "string" || !model.trim()) throw new InvalidRequestError("`model` must be a Puter image model id, e.g. gpt-image-1-mini.", "model");
  const rawN = field("n") ?? 1;
  const n = typeof rawN === "string" ? Number(rawN) : rawN;
  if (typeof n !== "number" || !Number.isInteger(n) || n < 1 || n > MAX_IMAGES) {
    throw new InvalidRequestError(`\`n\` must be a whole number from 1 to ${MAX_IMAGES}: Puter makes one image per call, so this proxy caps a request at ${MAX_IMAGES}.`, "n");
  }
  const format = field("response_format") ?? "url";
  if (format !== "url" && format !== "b64_json") throw new InvalidRequestError("`response_format` must be url or b64_json.", "response_format");
  const size = field("size");
  const quality = field("quality");
  for (const [name, value] of [["size", size], ["quality", quality]] as const) {
    if (value !== undefined && value !== null && typeof value !== "string") throw new InvalidRequestError(`\`${name}\` must be a string.`, name);
  }
  const request: ImageParams["request"] = { prompt, model: model.trim() };
  if (typeof size === "string") request.size = size;
  if (typeof quality === "string") request.quality = quality;
  return { request, n, format };
}

/**
 * Runs the `n` calls and answers OpenAI's `{created, data}`: a data URL becomes b64 directly (or is
 * the url itself), an http URL is downloaded, without the token, only when b64 was asked for.
 */
export async function respondImages(ctx: MediaContext, incoming: Request, params: ImageParams, inputImages: ImageRequest["inputImages"]): Promise<Response> {
  const signal = incoming.signal;
  const request: ImageRequest = inputImages ? { ...params.request, inputImages } : params.request;
  const { value: locations, credential } = await withCredential(incoming, ctx.credentials, (token) => generateImages(ctx.driver, token, request, params.n, signal));
  credential.release();
  const options = { fetch: ctx.driver.fetch, timeoutMs: Math.min(DOWNLOAD_TIMEOUT_MS, ctx.driver.timeoutMs), maxBytes: DOWNLOAD_MAX_BYTES, signal };
  const data = await Promise.all(
    locations.map(async (location) => {
      if (params.format === "url") return { url: location };
      return { b64_json: dataUrlBase64(location) ?? (await fetchImageBase64(location, options)) };
    }),
  );
  return jsonResponse({ created: Math.floor(ctx.now() / 1000), data });
}
