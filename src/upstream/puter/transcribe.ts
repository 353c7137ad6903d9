import { isRecord } from "../../json.ts";
import { toBase64 } from "./driver-result.ts";

/** Puter's limit on a file to transcribe (protocol §6). */
export const TRANSCRIBE_MAX_BYTES = 25 * 1024 * 1024;

/** What a transcription or translation asks Puter for, in neutral terms. */
export interface TranscribeRequest {
  file: Uint8Array;
  /** The upload's mime type; `application/octet-stream` when the client named none. */
  mimeType: string;
  model?: string;
  language?: string;
  prompt?: string;
  temperature?: number;
  responseFormat: string;
  timestampGranularities?: string[];
}

/** Puter's `transcribe`/`translate` args: the file as a base64 data URI with the upload's type. */
export function transcribeArgs(request: TranscribeRequest): Record<string, unknown> {
  const args: Record<string, unknown> = {
    file: `data:${request.mimeType};base64,${toBase64(request.file)}`,
    response_format: request.responseFormat,
  };
  for (const [key, value] of [["model", request.model], ["language", request.language], ["prompt", request.prompt], ["temperature", request.temperature]] as const) {
    if (value !== undefined) args[key] = value;
  }
  if (request.timestampGranularities?.length) args.timestamp_granularities = request.timestampGranularities;
  return args;
}

/** The transcript's text, whatever shape Puter's result has (an object with `text`, or a bare string). */
export function transcriptText(result: unknown): string {
  if (typeof result === "string") return result;
  return isRecord(result) && typeof result.text === "string" ? result.text : "";
}
