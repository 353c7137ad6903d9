import type { UpstreamEvent } from "../events.ts";
import { InvalidRequestError } from "../errors.ts";
import { readJsonBody } from "../http/json-body.ts";
import { readToken } from "../http/auth.ts";
import { isMode, MODES, type Mode, shapeMessages } from "../modes/index.ts";
import { sseStage } from "../stream/sse-stage.ts";
import { chainStages, stageStream } from "../stream/stage.ts";
import { type PuterAnswer, readPuterAnswer } from "../upstream/puter/answer.ts";
import { callPuter, type PuterClientOptions } from "../upstream/puter/client.ts";
import { type AnswerIdentity, ChatTranslator } from "./chat-translator.ts";
import { parseChatRequest } from "./chat-request.ts";
import { chatChunkStage } from "./chunk-stage.ts";

export interface ChatCompletionsOptions {
  puter: PuterClientOptions;
  idleTimeoutMs: number;
  defaultMode: Mode;
  /** Largest accepted request body, in bytes. */
  maxBodyBytes: number;
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

function readMode(headers: Headers, fallback: Mode): Mode {
  const raw = headers.get("x-puter-mode")?.trim().toLowerCase();
  if (!raw) return fallback;
  if (isMode(raw)) return raw;
  throw new InvalidRequestError(`Invalid X-Puter-Mode header ${JSON.stringify(raw)}: expected one of ${MODES.join(", ")}.`, "X-Puter-Mode");
}

/** Collects a whole answer; an error event is thrown, so it gets a real HTTP status. */
async function toCompletion(answer: PuterAnswer, identity: AnswerIdentity) {
  const translator = new ChatTranslator(identity);
  const take = (event: UpstreamEvent) => {
    const output = translator.onEvent(event);
    if (output && "error" in output) throw output.error;
  };
  if ("events" in answer) {
    answer.events.forEach(take);
    return translator.toCompletion();
  }
  const reader = answer.stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return translator.toCompletion();
      take(value);
    }
  } catch (error) {
    void reader.cancel().catch(() => {});
    throw error;
  }
}

function toStream(answer: PuterAnswer): ReadableStream<UpstreamEvent> {
  if ("stream" in answer) return answer.stream;
  return new ReadableStream({
    start(controller) {
      for (const event of answer.events) controller.enqueue(event);
      controller.close();
    },
  });
}

/** `POST /v1/chat/completions`: validates, shapes the messages, calls Puter, translates the answer back. */
export async function handleChatCompletions(request: Request, options: ChatCompletionsOptions): Promise<Response> {
  const token = readToken(request.headers);
  const mode = readMode(request.headers, options.defaultMode);
  const chat = parseChatRequest(await readJsonBody(request, options.maxBodyBytes));
  const args = { model: chat.model, messages: shapeMessages(mode, chat.messages), stream: chat.stream, ...chat.params };

  const call = await callPuter(options.puter, token, args, request.signal);
  const answer = await readPuterAnswer(call, { model: chat.model, idleTimeoutMs: options.idleTimeoutMs });
  const identity: AnswerIdentity = { id: `chatcmpl-${options.randomId()}`, created: Math.floor(options.now() / 1000), model: chat.model };
  const headers: Record<string, string> = { "x-request-id": identity.id };

  if (!chat.stream) return Response.json(await toCompletion(answer, identity), { headers });
  const body = toStream(answer).pipeThrough(stageStream(chainStages(chatChunkStage(identity, chat.includeUsage), sseStage())));
  return new Response(body, { headers: { ...SSE_HEADERS, ...headers } });
}
