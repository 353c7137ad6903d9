import { jsonResponse } from "../http/json-response.ts";
import { InvalidRequestError, ProxyError } from "../errors.ts";
import { withCredential } from "../pool/credentials.ts";
import { formFiles, formNumber, formText, readFormBody } from "../http/multipart-body.ts";
import { callDriver } from "../upstream/puter/client.ts";
import { readDriverResult } from "../upstream/puter/driver-result.ts";
import { TRANSCRIBE_MAX_BYTES, type TranscribeRequest, transcribeArgs, transcriptText } from "../upstream/puter/transcribe.ts";
import type { MediaContext } from "./media-context.ts";

const FORMATS = new Set(["json", "text", "srt", "vtt", "verbose_json"]);

async function parseUpload(form: FormData, translate: boolean): Promise<TranscribeRequest> {
  const [file] = formFiles(form, "file");
  if (!file) throw new InvalidRequestError("`file` is required: upload the audio as a file field.", "file");
  if (file.size > TRANSCRIBE_MAX_BYTES) {
    throw new ProxyError(`The audio file is ${file.size} bytes; Puter transcribes files up to ${TRANSCRIBE_MAX_BYTES} bytes (25 MB). Split or compress it.`, {
      status: 413,
      kind: "request_too_large",
      code: "file_too_large",
      param: "file",
    });
  }
  const responseFormat = formText(form, "response_format") ?? "json";
  if (!FORMATS.has(responseFormat)) throw new InvalidRequestError(`\`response_format\` must be one of ${[...FORMATS].join(", ")}.`, "response_format");
  const request: TranscribeRequest = { file: new Uint8Array(await file.arrayBuffer()), mimeType: file.type || "application/octet-stream", responseFormat };
  const model = formText(form, "model");
  if (model) request.model = model;
  const language = translate ? undefined : formText(form, "language");
  if (language) request.language = language;
  const prompt = formText(form, "prompt");
  if (prompt) request.prompt = prompt;
  const temperature = formNumber(form, "temperature");
  if (temperature !== undefined) request.temperature = temperature;
  const granularities = [...form.getAll("timestamp_granularities[]"), ...form.getAll("timestamp_granularities")].filter((v): v is string => typeof v === "string");
  if (granularities.length) request.timestampGranularities = granularities;
  return request;
}

/** `POST /v1/audio/transcriptions` and `/translations` over `puter-speech2txt` / `transcribe` | `translate`. */
export async function transcribe(request: Request, ctx: MediaContext, method: "transcribe" | "translate"): Promise<Response> {
  await ctx.credentials.authorize(request);
  const upload = await parseUpload(await readFormBody(request, ctx.maxBodyBytes), method === "translate");
  const call = { interface: "puter-speech2txt", method, args: transcribeArgs(upload) };
  const { value: result, credential } = await withCredential(request, ctx.credentials, async (token) =>
    readDriverResult(await callDriver(ctx.driver, token, call, { signal: request.signal, stream: false }), upload.model),
  );
  credential.release();
  const format = upload.responseFormat;
  if (format === "json" || format === "verbose_json") return jsonResponse(typeof result === "string" ? { text: result } : result);
  return new Response(transcriptText(result), { headers: { "content-type": "text/plain; charset=utf-8" } });
}
