import { ProxyError, toProxyError, UpstreamError, UpstreamTimeoutError } from "../../../errors.ts";
import { isRecord } from "../../../json.ts";
import { decodeStage, lineStage } from "../../../stream/line-stage.ts";
import { readBytes } from "../../../stream/byte-reader.ts";
import { type PumpSource, pumpStream } from "../../../stream/pump-stream.ts";
import { chainStages, collectStage, type Stage } from "../../../stream/stage.ts";
import type { UpstreamEvent } from "../../events.ts";
import type { DriverReply } from "../client.ts";
import { badResponse, puterEventStage } from "./event-stage.ts";
import { fromPuterFailure, readPuterFailure } from "../failure.ts";
import { parseResult } from "./result.ts";

export interface AnswerOptions {
  /** The model asked for, to name it in a not-found error. */
  model: string;
  /** Longest silence allowed between stream lines, in ms. */
  idleTimeoutMs: number;
  /** How long to hold a stream back for its first events before committing to it anyway (0: no limit). */
  headMs?: number;
  /** Read the stream with buffers of our own (see DriverClientOptions.byteReads). */
  byteReads?: boolean;
}

/**
 * A chat answer: whole (a list of events), or a stream whose first events are already read, so a
 * failure Puter reports on its first line still gets a real HTTP status.
 */
export type ChatAnswer =
  | { kind: "whole"; events: UpstreamEvent[] }
  | { kind: "stream"; head: UpstreamEvent[]; reader: PumpSource<Uint8Array>; stage: Stage<Uint8Array, UpstreamEvent>; idleTimeoutMs: number };

/** A reader that first hands over a read already begun. */
function resuming<T>(reader: PumpSource<T>, pending: Promise<ReadableStreamReadResult<T>> | undefined): PumpSource<T> {
  if (!pending) return reader;
  let first: Promise<ReadableStreamReadResult<T>> | undefined = pending;
  return {
    read: () => {
      const result = first ?? reader.read();
      first = undefined;
      return result;
    },
    cancel: (reason?: unknown) => reader.cancel(reason),
  };
}

const ndjsonStage = () => chainStages(chainStages(decodeStage(), lineStage()), puterEventStage());

function idleError(ms: number) {
  return () => new UpstreamTimeoutError(`Puter's stream was silent for more than ${ms} ms.`);
}

/**
 * A stream whose reads fail broke off (a 502) unless it was our own deadline or a limit; a failure
 * of our own parsing or translating is an internal error, never blamed on Puter.
 */
function toStreamError(error: unknown, from: "source" | "stage") {
  const proxyError = toProxyError(error);
  if (from === "stage" || error instanceof ProxyError) return proxyError;
  return new UpstreamError("The connection to Puter broke off in the middle of the answer.", "upstream_disconnected");
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function wholeAnswer(reply: Extract<DriverReply, { kind: "whole" }>, options: AnswerOptions): UpstreamEvent[] {
  const type = reply.headers.get("content-type") ?? "";
  // A client that did not ask for a stream may still be answered in NDJSON: read it whole.
  if (reply.status === 200 && type.includes("ndjson")) {
    const stage = chainStages(lineStage(), puterEventStage());
    return collectStage(stage, [reply.text]);
  }
  const body = parseJson(reply.text);
  if (reply.status >= 400 || (isRecord(body) && body.success === false)) {
    throw fromPuterFailure(readPuterFailure(reply.status, body ?? reply.text, reply.headers.get("retry-after")), options.model);
  }
  const events = isRecord(body) ? parseResult(body) : undefined;
  if (!events) throw badResponse(`answered HTTP ${reply.status} with a body that is not a chat answer`);
  return events;
}

/**
 * Reads through `stage` until it yields events or the body ends, within the idle deadline. Past
 * `headMs` it stops waiting and returns what it has (maybe nothing), so a client can be sent
 * keepalives while a model thinks.
 */
async function readHead(reader: PumpSource<Uint8Array>, stage: Stage<Uint8Array, UpstreamEvent>, options: AnswerOptions) {
  const head: UpstreamEvent[] = [];
  const out = { emit: (event: UpstreamEvent) => void head.push(event), stop: () => {} };
  const patience = options.headMs && options.headMs < options.idleTimeoutMs ? options.headMs : undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const wait = new Promise<"waited">((resolve, reject) => {
    timer = setTimeout(() => (patience ? resolve("waited") : reject(idleError(options.idleTimeoutMs)())), patience ?? options.idleTimeoutMs);
  });
  let pending: Promise<ReadableStreamReadResult<Uint8Array>> | undefined;
  let from: "source" | "stage" = "source";
  try {
    while (head.length === 0) {
      from = "source";
      pending ??= reader.read();
      const result = await Promise.race([pending, wait]);
      from = "stage";
      if (result === "waited") return { head, pending };
      pending = undefined;
      if (result.done) {
        stage.flush?.(out);
        break;
      }
      stage.push(result.value, out);
    }
  } catch (error) {
    void reader.cancel(error).catch(() => {});
    throw toStreamError(error, from);
  } finally {
    clearTimeout(timer);
  }
  return { head, pending };
}

/**
 * Reads Puter's answer as upstream events, whatever form it came in: an NDJSON stream (its first
 * events read now, the rest as the client reads) or a whole JSON or NDJSON answer. A failure that
 * Puter reports before answering, or on its first line, is thrown as a ProxyError, so it gets a
 * real HTTP status; a later failure inside a stream becomes its last event.
 */
export async function readChatAnswer(reply: DriverReply, options: AnswerOptions): Promise<ChatAnswer> {
  if (reply.kind === "whole") return { kind: "whole", events: wholeAnswer(reply, options) };
  const reader = options.byteReads ? readBytes(reply.body) : reply.body.getReader();
  const stage = ndjsonStage();
  const { head, pending } = await readHead(reader, stage, options);
  const first = head[0];
  if (first?.type === "error") {
    void reader.cancel().catch(() => {});
    throw first.error;
  }
  return { kind: "stream", head, reader: resuming(reader, pending), stage, idleTimeoutMs: options.idleTimeoutMs };
}

/** How a piped answer is sent on: a keepalive while Puter is silent, packing, and who to tell when it is over. */
export interface PipeOptions<O, P> {
  heartbeat?: { everyMs: number; item: O };
  pack?(items: P[]): O;
  done?(): void;
}

/** The rest of a streamed answer through `downstream`, as one stream: head first, then as it arrives. */
export function pipeAnswer<O, P = O>(answer: Extract<ChatAnswer, { kind: "stream" }>, downstream: Stage<UpstreamEvent, P>, { heartbeat, pack, done }: PipeOptions<O, P> = {}): ReadableStream<O> {
  return pumpStream<Uint8Array, O, P>(answer.reader, chainStages(answer.stage, downstream), {
    heartbeat,
    pack,
    done,
    idleMs: answer.idleTimeoutMs,
    idleError: idleError(answer.idleTimeoutMs),
    onError: (error, out, from) => downstream.push({ type: "error", error: toStreamError(error, from) }, out),
    // The first event alone, then the rest of the head: the first token leaves as soon as it is made.
    prefix: [(out) => answer.head.slice(0, 1).forEach((event) => downstream.push(event, out)), (out) => answer.head.slice(1).forEach((event) => downstream.push(event, out))],
  });
}
