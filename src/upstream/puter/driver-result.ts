import { UpstreamError } from "../../errors.ts";
import { isRecord } from "../../json.ts";
import type { DriverReply } from "./client.ts";
import { fromPuterFailure, readPuterFailure } from "./failure.ts";

/**
 * The `result` of a whole JSON `/drivers/call` answer (image, speech-to-text): any failure shape
 * Puter has (an HTTP error, a v1 `success:false`) goes through the one failure table.
 */
export async function readDriverResult(reply: DriverReply, model?: string): Promise<unknown> {
  const text = reply.kind === "whole" ? reply.text : await new Response(reply.body).text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (reply.status >= 400 || (isRecord(body) && body.success === false)) {
    throw fromPuterFailure(readPuterFailure(reply.status, body ?? text, reply.headers.get("retry-after")), model);
  }
  if (!isRecord(body) || !("result" in body)) throw new UpstreamError(`Puter answered HTTP ${reply.status} with a body that is not a driver result.`, "upstream_bad_response");
  return body.result;
}

/** Bytes as base64, in slices so a 25 MB upload does not overflow the call stack. */
export function toBase64(bytes: Uint8Array): string {
  let out = "";
  // A multiple of 3, so the slices' base64 pieces join into one valid string.
  const slice = 0x6000;
  for (let i = 0; i < bytes.length; i += slice) out += btoa(String.fromCharCode(...bytes.subarray(i, i + slice)));
  return out;
}
