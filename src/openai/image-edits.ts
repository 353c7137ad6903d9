import { InvalidRequestError } from "../errors.ts";
import { formFiles, readFormBody } from "../http/multipart-body.ts";
import { toBase64 } from "../upstream/puter/driver-result.ts";
import { readImageParams, respondImages } from "./image-params.ts";
import type { MediaContext } from "./media-context.ts";

/** `POST /v1/images/edits`: the uploaded images go to Puter's `generate` as its input images. */
export async function editImages(request: Request, ctx: MediaContext): Promise<Response> {
  await ctx.credentials.authorize(request);
  const form = await readFormBody(request, ctx.maxBodyBytes);
  if (form.has("mask")) {
    throw new InvalidRequestError("Puter cannot apply a mask: its image drivers take input images and a prompt only. Describe the change in the prompt and send the edit without `mask`.", "mask", "unsupported_parameter");
  }
  const files = formFiles(form, "image");
  if (files.length === 0) throw new InvalidRequestError("`image` is required: upload the image (or images) to edit as a file.", "image");
  const params = readImageParams((name) => {
    const value = form.get(name);
    return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
  });
  const images = await Promise.all(files.map(async (file) => ({ base64: toBase64(new Uint8Array(await file.arrayBuffer())), mimeType: file.type || "image/png" })));
  return respondImages(ctx, request, params, images);
}
