import type { ProxyError } from "../errors.ts";
import type { SseMessage } from "../stream/sse-stage.ts";
import type { UpstreamEvent } from "../upstream/events.ts";
import type { ChatRequest } from "./request.ts";

/** What every message and chunk of one answer share. */
export interface AnswerIdentity {
  /** The surface's id for this answer (`chatcmpl-…`, `msg_…`, `resp_…`), also the request id. */
  id: string;
  /** Unix seconds. */
  created: number;
  model: string;
}

/** Where a translator sends the stream messages of one event. */
export type Emit = (message: SseMessage) => void;

/**
 * The state of one answer, translated from upstream events into one dialect. The streaming path
 * emits what `onEvent` and then `finish` give; the whole path feeds the same events (emitting
 * nowhere) and reads `whole()`, so both give the same answer for the same events.
 */
export interface ChatTranslator {
  /** Takes one event in (never an error event: the core hands those to `fail`). */
  onEvent(event: UpstreamEvent, emit: Emit): void;
  /** The closing messages of a stream that ended well. */
  finish(emit: Emit): void;
  /** The stream's last messages when it fails after it began: the dialect's error frame. */
  fail(error: ProxyError, emit: Emit): void;
  /** The whole answer as the dialect's JSON body. */
  whole(): unknown;
}

/** How one dialect renders errors: the body and status of an error response. */
export interface ErrorRenderer {
  render(error: ProxyError, requestId?: string): Response;
}

/**
 * One chat-like API dialect over the shared exchange (chat/run.ts): a parser into the neutral
 * request, a translator back, an error renderer, and the prefix of its answer ids.
 */
export interface ChatSurface<R extends ChatRequest = ChatRequest> {
  idPrefix: string;
  /** Validates the JSON body; throws an InvalidRequestError naming the field. Async where a surface resolves names (a catalogue lookup). */
  parse(body: unknown, request: Request): R | Promise<R>;
  translator(identity: AnswerIdentity, request: R): ChatTranslator;
  errors: ErrorRenderer;
  /** What a silent stream is sent every SSE_KEEPALIVE_MS; default an SSE comment, which every client ignores. */
  keepalive?: SseMessage;
}
