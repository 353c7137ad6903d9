import type { UpstreamEvent } from "../../events.ts";
import { toProxyError, UpstreamError, UpstreamTimeoutError } from "../../errors.ts";
import { decodeStage, lineStage } from "../../stream/line-stage.ts";
import { pumpStream } from "../../stream/pump-stream.ts";
import { chainStages } from "../../stream/stage.ts";
import type { PuterCall } from "./client.ts";
import { fromPuterFailure, readPuterFailure } from "./errors.ts";
import { puterEventStage } from "./event-stage.ts";
import { parseResult } from "./events.ts";

export interface AnswerOptions {
  /** The model asked for, to name it in a not-found error. */
  model: string;
  /** Longest silence allowed between stream lines, in ms. */
  idleTimeoutMs: number;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A whole answer as a list of events, or a stream answer as a stream of them. */
export type PuterAnswer = { events: UpstreamEvent[] } | { stream: ReadableStream<UpstreamEvent> };

/** Puter streams NDJSON; everything that failed before the stream began is JSON (protocol 3). */
function isNdjson(response: Response): boolean {
  return response.status === 200 && (response.headers.get("content-type") ?? "").includes("ndjson");
}

/**
 * Reads Puter's answer as upstream events, whatever form it came in: an NDJSON stream (translated
 * line by line as it arrives) or a whole JSON answer. A failure that Puter reports before answering
 * is thrown as a ProxyError, so it gets a real HTTP status; a failure inside a stream becomes its
 * last event.
 */
export async function readPuterAnswer(call: PuterCall, options: AnswerOptions): Promise<PuterAnswer> {
  const { response } = call;
  if (isNdjson(response) && response.body) {
    call.settle();
    const stage = chainStages(chainStages(decodeStage(), lineStage()), puterEventStage());
    const stream = pumpStream(response.body, stage, {
      idleMs: options.idleTimeoutMs,
      idleError: () => new UpstreamTimeoutError(`Puter's stream was silent for more than ${options.idleTimeoutMs} ms.`),
      errorItem: (error): UpstreamEvent => ({ type: "error", error: toStreamError(error) }),
    });
    return { stream };
  }

  const text = await call.text();
  const body = parseJson(text);
  const record = body && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
  if (response.status >= 400 || record?.success === false) {
    throw fromPuterFailure(readPuterFailure(response.status, body ?? text, response.headers.get("retry-after")), options.model);
  }
  const events = record && parseResult(record);
  if (!events) throw new UpstreamError(`Puter answered HTTP ${response.status} with a body that is not a chat answer.`, "upstream_bad_response");
  return { events };
}

/** A stream that breaks off is a 502 unless it was our own deadline. */
function toStreamError(error: unknown) {
  const proxyError = toProxyError(error);
  if (proxyError.status !== 500) return proxyError;
  return new UpstreamError("The connection to Puter broke off in the middle of the answer.", "upstream_disconnected");
}
