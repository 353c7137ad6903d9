import type { AnswerIdentity, ChatTranslator, Emit } from "../chat/surface.ts";
import { jsonTemplate } from "../stream/json-template.ts";
import type { ProxyError } from "../errors.ts";
import type { FinishReason, UpstreamEvent, Usage } from "../upstream/events.ts";
import { openAIErrorBody } from "./error-body.ts";
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionChunkDelta, CompletionUsage, ToolCall } from "./types.ts";

/** Renders neutral usage as OpenAI's `usage` object (zeros when the upstream counted nothing). */
export function toCompletionUsage(usage: Usage | undefined): CompletionUsage {
  const prompt = usage?.promptTokens ?? 0;
  const completion = usage?.completionTokens ?? 0;
  const rendered: CompletionUsage = { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
  if (usage?.cachedTokens) rendered.prompt_tokens_details = { cached_tokens: usage.cachedTokens };
  if (usage?.reasoningTokens) rendered.completion_tokens_details = { reasoning_tokens: usage.reasoningTokens };
  return rendered;
}

/** What a whole answer's translator "emits" per event: nothing is sent, so nothing is built. */
const UNSENT = { data: null };

/**
 * One answer translated to OpenAI chat completions: chunks as events arrive (a streamed tool call
 * as OpenAI streams it: its index, id and name with empty arguments, then argument fragments under
 * the same index), or one `chat.completion`.
 */
export class OpenAIChatTranslator implements ChatTranslator {
  readonly #identity: AnswerIdentity;
  readonly #includeUsage: boolean;
  #content = "";
  #reasoning = "";
  readonly #toolCalls: ToolCall[] = [];
  readonly #indexById = new Map<string, number>();
  #usage: Usage | undefined;
  #finish: FinishReason | undefined;
  #roleSent = false;
  readonly #streaming: boolean;
  /** A content chunk's JSON with only its delta left to serialise: every chunk repeats the rest. */
  #frame: ((delta: ChatCompletionChunkDelta) => string) | undefined;

  /** `streaming` false: the answer is read whole, so no chunk is built for events (nothing would send them). */
  constructor(identity: AnswerIdentity, includeUsage = false, streaming = true) {
    this.#identity = identity;
    this.#includeUsage = includeUsage;
    this.#streaming = streaming;
  }

  onEvent(event: UpstreamEvent, emit: Emit): void {
    switch (event.type) {
      case "text":
        this.#content += event.text;
        return emit(this.#delta({ content: event.text }));
      case "reasoning":
        this.#reasoning += event.text;
        return emit(this.#delta({ reasoning_content: event.text }));
      case "tool_call":
      case "tool_call_start": {
        const index = this.#toolCalls.length;
        const call: ToolCall = {
          id: event.id || `call_${this.#identity.id.slice(-12)}_${index}`,
          type: "function",
          function: { name: event.name, arguments: event.type === "tool_call" ? event.arguments : "" },
        };
        this.#toolCalls.push(call);
        if (event.type === "tool_call_start") this.#indexById.set(event.id, index);
        return emit(this.#delta({ tool_calls: [{ index, ...call, function: { ...call.function } }] }));
      }
      case "tool_call_delta": {
        const index = this.#indexById.get(event.id);
        const call = index === undefined ? undefined : this.#toolCalls[index];
        if (index === undefined || !call) return;
        call.function.arguments += event.arguments;
        return emit(this.#delta({ tool_calls: [{ index, function: { arguments: event.arguments } } ] }));
      }
      case "usage":
        this.#usage = event.usage;
        return;
      case "finish":
        this.#finish = event.reason;
        return;
      case "tool_call_end":
      case "reasoning_signature":
      case "error":
        return;
    }
  }

  /** Why the answer ended: tool calls win over whatever else the upstream said. */
  get finishReason(): FinishReason {
    return this.#toolCalls.length > 0 ? "tool_calls" : (this.#finish ?? "stop");
  }

  /** The finish chunk, the usage chunk when the client asked for it, and `[DONE]`. */
  finish(emit: Emit): void {
    emit(this.#delta({}, this.finishReason));
    if (this.#includeUsage) emit({ data: { ...this.#base(), choices: [], usage: toCompletionUsage(this.#usage) } });
    emit({ data: "[DONE]" });
  }

  /** One error frame and no `[DONE]`, so the OpenAI SDKs raise instead of returning a short answer. */
  fail(error: ProxyError, emit: Emit): void {
    emit({ data: openAIErrorBody(error) });
  }

  whole(): ChatCompletion {
    const { id, created, model } = this.#identity;
    const message: ChatCompletion["choices"][0]["message"] = { role: "assistant", content: this.#content || (this.#toolCalls.length > 0 ? null : ""), refusal: null };
    if (this.#reasoning) message.reasoning_content = this.#reasoning;
    if (this.#toolCalls.length > 0) message.tool_calls = this.#toolCalls;
    return { id, object: "chat.completion", created, model, choices: [{ index: 0, message, logprobs: null, finish_reason: this.finishReason }], usage: toCompletionUsage(this.#usage) };
  }

  #base(): Omit<ChatCompletionChunk, "choices"> {
    const { id, created, model } = this.#identity;
    return { id, object: "chat.completion.chunk", created, model };
  }

  #delta(delta: ChatCompletionChunkDelta, finishReason: FinishReason | null = null): { data: ChatCompletionChunk | null; json?: string } {
    if (!this.#streaming) return UNSENT;
    if (!this.#roleSent) {
      this.#roleSent = true;
      delta = { role: "assistant", ...delta };
    }
    const data = this.#chunk(delta, finishReason);
    if (finishReason !== null) return { data };
    this.#frame ??= jsonTemplate((hole: ChatCompletionChunkDelta) => this.#chunk(hole, null));
    return { data, json: this.#frame(delta) };
  }

  #chunk(delta: ChatCompletionChunkDelta, finishReason: FinishReason | null): ChatCompletionChunk {
    return { ...this.#base(), choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }] };
  }
}
