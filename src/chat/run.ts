import { jsonResponse } from "../http/json-response.ts";
import { readJsonBody } from "../http/json-body.ts";
import { readMode } from "../http/mode.ts";
import { type Mode, shapeMessages } from "../modes/index.ts";
import { frameSse, packSse, SSE_COMMENT, type SseMessage, sseStage } from "../stream/sse-stage.ts";
import { chainStages, collectStage, type Stage } from "../stream/stage.ts";
import type { UpstreamEvent } from "../upstream/events.ts";
import { type ChatAnswer, pipeAnswer, readChatAnswer } from "../upstream/puter/chat/answer.ts";
import { traceOf } from "../http/trace.ts";
import type { Metrics } from "../metrics.ts";
import { type Credentials, withCredential } from "../pool/credentials.ts";
import { callDriver, type DriverClientOptions } from "../upstream/puter/client.ts";
import type { ChatRequest } from "./request.ts";
import type { ChatSurface, ChatTranslator } from "./surface.ts";

/** What the exchange needs besides the request: the upstream, the limits and the clock. */
export interface ChatContext {
  driver: DriverClientOptions;
  /** Where each call's Puter token comes from: the caller's own, or the proxy's pool. */
  credentials: Credentials;
  /** Where open streams and Puter's failures are counted. */
  metrics?: Pick<Metrics, "streamOpened" | "streamClosed" | "upstreamError">;
  /** Longest silence allowed between two lines of a Puter stream, in ms. */
  idleTimeoutMs: number;
  /** How often a silent stream gets its surface's keepalive, in ms; 0 = never. */
  keepaliveMs: number;
  defaultMode: Mode;
  /** Largest accepted request body, in bytes. */
  maxBodyBytes: number;
  /** Longest a request body may take to arrive, in ms; default 30000. */
  bodyTimeoutMs?: number;
  /** Unix time in ms. */
  now(): number;
  randomId(): string;
}

const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache",
  // Reverse proxies such as nginx would otherwise hold chunks back.
  "x-accel-buffering": "no",
};

/**
 * Puter's `args` for a chat request. Always sent, since older servers ignore them
 * (docs/puter-wire.md §2.3): `normalize:false` keeps each vendor's native result, so Claude's
 * blocks keep their order and thinking signatures, and the shape never flips with a model's
 * release date; `streamToolInput` streams tool arguments as they are written; parallel tool calls
 * are allowed unless the client said otherwise (newer Claude routes disable them when unsaid).
 */
export function toPuterArgs(chat: ChatRequest, mode: Mode): Record<string, unknown> {
  const args: Record<string, unknown> = { model: chat.model, messages: shapeMessages(mode, chat.messages), stream: chat.stream, ...chat.params, normalize: false };
  if (chat.stream) args.streamToolInput = true;
  if (Array.isArray(args.tools) && args.tools.length > 0) args.parallel_tool_calls ??= true;
  return args;
}

/** Runs events through the translator as SSE messages; an error event is the stream's last. */
export function translateStage(translator: ChatTranslator, onError?: (code: string) => void): Stage<UpstreamEvent, SseMessage> {
  return {
    push(event, out) {
      if (event.type !== "error") return translator.onEvent(event, out.emit);
      onError?.(event.error.code ?? event.error.kind);
      translator.fail(event.error, out.emit);
      out.stop();
    },
    flush(out) {
      translator.finish(out.emit);
    },
  };
}

const ignore = () => {};

/** Feeds a whole answer to the translator; an error event is thrown, so it gets a real HTTP status. */
async function toWhole(answer: ChatAnswer, translator: ChatTranslator, done: () => void): Promise<unknown> {
  const take = (event: UpstreamEvent) => {
    if (event.type === "error") throw event.error;
    translator.onEvent(event, ignore);
  };
  try {
    if (answer.kind === "whole") answer.events.forEach(take);
    else {
      const reader = pipeAnswer<UpstreamEvent>(answer, { push: (event, out) => out.emit(event) }).getReader();
      for (let next = await reader.read(); !next.done; next = await reader.read()) take(next.value);
    }
    return translator.whole();
  } finally {
    done();
  }
}

function toStream(answer: ChatAnswer, translator: ChatTranslator, keepalive: { everyMs: number; message?: SseMessage }, done: () => void, onError?: (code: string) => void): ReadableStream<Uint8Array> {
  const stage = chainStages(translateStage(translator, onError), sseStage());
  if (answer.kind === "stream") {
    const item = packSse([keepalive.message ? frameSse(keepalive.message) : SSE_COMMENT]);
    return pipeAnswer(answer, stage, { heartbeat: keepalive.everyMs > 0 ? { everyMs: keepalive.everyMs, item } : undefined, pack: packSse, done });
  }
  done();
  // Puter answered whole though a stream was asked for: the same messages, all at once.
  const bytes = packSse(collectStage(stage, answer.events));
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}

/**
 * The one chat exchange behind every chat-like surface: token, mode, the surface's parsed request,
 * the shaped messages, one Puter call, and the answer back through the surface's translator, whole
 * or as server-sent events.
 */
export async function runChat<R extends ChatRequest>(request: Request, surface: ChatSurface<R>, ctx: ChatContext): Promise<Response> {
  // Who is asking comes first: a request without a valid key is a 401 whatever its body.
  await ctx.credentials.authorize(request);
  const mode = readMode(request.headers, ctx.defaultMode);
  const chat = await surface.parse(await readJsonBody(request, ctx.maxBodyBytes, ctx.bodyTimeoutMs), request);
  const call = { interface: "puter-chat-completion", driver: "ai-chat", method: "complete", args: toPuterArgs(chat, mode) };
  const trace = traceOf(request);
  trace.model = chat.model;
  const started = ctx.now();
  const { value: answer, credential } = await withCredential(request, ctx.credentials, async (token) => {
    const reply = await callDriver(ctx.driver, token, call, { signal: request.signal, stream: chat.stream });
    trace.upstreamStatus = reply.status;
    if (reply.status >= 400) ctx.metrics?.upstreamError(String(reply.status));
    return readChatAnswer(reply, { model: chat.model, idleTimeoutMs: ctx.idleTimeoutMs, headMs: ctx.keepaliveMs, byteReads: ctx.driver.byteReads });
  }).finally(() => {
    trace.upstreamMs = ctx.now() - started;
  });
  trace.tokenHash = credential.hash;
  const identity = { id: `${surface.idPrefix}${ctx.randomId()}`, created: Math.floor(ctx.now() / 1000), model: chat.model };
  const translator = surface.translator(identity, chat);
  const headers = { "x-request-id": identity.id };
  if (!chat.stream) return jsonResponse(await toWhole(answer, translator, credential.release), { headers });
  const keepalive = { everyMs: ctx.keepaliveMs, message: surface.keepalive };
  const { done, onError } = streamHooks(ctx.metrics, credential);
  return new Response(toStream(answer, translator, keepalive, done, onError), { headers: { ...SSE_HEADERS, ...headers } });
}

/**
 * Counts a stream open and gives its end hooks. Made outside runChat because a closure keeps its
 * whole scope alive: made inside, they would hold the parsed request for as long as the stream.
 */
function streamHooks(metrics: ChatContext["metrics"], credential: { release(): void }) {
  metrics?.streamOpened();
  return {
    done: () => {
      metrics?.streamClosed();
      credential.release();
    },
    onError: (code: string) => metrics?.upstreamError(code),
  };
}
