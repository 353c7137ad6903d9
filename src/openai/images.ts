import { readJsonBody } from "../http/json-body.ts";
import { InvalidRequestError } from "../errors.ts";
import { isRecord } from "../json.ts";
import { readImageParams, respondImages } from "./image-params.ts";
import type { MediaContext } from "./media-context.ts";

/** `POST /v1/images/generations` over Puter's `puter-image-generation` / `generate`. */
export async function createImages(request: Request, ctx: MediaContext): Promise<Response> {
  await ctx.credentials.authorize(request);
  const body = await readJsonBody(request, ctx.maxBodyBytes);
  if (!isRecord(body)) throw new InvalidRequestError("The request body must be a JSON object with a `prompt`.");
  const params = readImageParams((name) => body[name] ?? undefined);
  return respondImages(ctx, request, params, undefined);
}
