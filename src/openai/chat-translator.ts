import type { FinishReason, UpstreamEvent, Usage } from "../events.ts";
import type { ProxyError } from "../errors.ts";
import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionChunkDelta,
  CompletionUsage,
  ToolCall,
} from "./types.ts";

/** What every chunk and the completion of one answer share. */
export interface AnswerIdentity {
  id: string;
  created: number;
  model: string;
}

/** The output of a streaming translation: a chunk to send, or the error that ends the stream. */
export type ChunkOutput = { chunk: ChatCompletionChunk } | { error: ProxyError };

/** Renders neutral usage as OpenAI's `usage` object (zeros when the upstream counted nothing). */
export function toCompletionUsage(usage: Usage | undefined): CompletionUsage {
  const prompt = usage?.promptTokens ?? 0;
  const completion = usage?.completionTokens ?? 0;
  const rendered: CompletionUsage = { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
  if (usage?.cachedTokens) rendered.prompt_tokens_details = { cached_tokens: usage.cachedTokens };
  if (usage?.reasoningTokens) rendered.completion_tokens_details = { reasoning_tokens: usage.reasoningTokens };
  return rendered;
}

/**
 * The state of one answer being translated from upstream events to OpenAI chat completions. The
 * streaming path sends what `onEvent` returns and then `finish()`; the non-streaming path feeds the
 * same events and reads `toCompletion()`, so both give the same answer for the same events.
 */
export class ChatTranslator {
  readonly #identity: AnswerIdentity;
  #content = "";
  #reasoning = "";
  readonly #toolCalls: ToolCall[] = [];
  #usage: Usage | undefined;
  #finish: FinishReason | undefined;
  #roleSent = false;

  constructor(identity: AnswerIdentity) {
    this.#identity = identity;
  }

  /** Takes one event in; returns what to stream for it (nothing for usage and finish events). */
  onEvent(event: UpstreamEvent): ChunkOutput | undefined {
    switch (event.type) {
      case "text":
        this.#content += event.text;
        return this.#delta({ content: event.text });
      case "reasoning":
        this.#reasoning += event.text;
        return this.#delta({ reasoning_content: event.text });
      case "tool_call": {
        const index = this.#toolCalls.length;
        const call: ToolCall = {
          id: event.id || `call_${this.#identity.id.slice(-12)}_${index}`,
          type: "function",
          function: { name: event.name, arguments: event.arguments },
        };
        this.#toolCalls.push(call);
        return this.#delta({ tool_calls: [{ index, ...call, function: { ...call.function } }] });
      }
      case "usage":
        this.#usage = event.usage;
        return undefined;
      case "finish":
        this.#finish = event.reason;
        return undefined;
      case "error":
        return { error: event.error };
    }
  }

  /** Why the answer ended: tool calls win over whatever else the upstream said. */
  get finishReason(): FinishReason {
    return this.#toolCalls.length > 0 ? "tool_calls" : (this.#finish ?? "stop");
  }

  /** The closing chunks of a stream: the finish reason, then usage when the client asked for it. */
  finish(includeUsage: boolean): ChunkOutput[] {
    const out: ChunkOutput[] = [this.#delta({}, this.finishReason)];
    if (includeUsage) out.push({ chunk: { ...this.#base(), choices: [], usage: toCompletionUsage(this.#usage) } });
    return out;
  }

  /** The whole answer as one `chat.completion`. */
  toCompletion(): ChatCompletion {
    const { id, created, model } = this.#identity;
    const message: ChatCompletion["choices"][0]["message"] = {
      role: "assistant",
      content: this.#content || (this.#toolCalls.length > 0 ? null : ""),
      refusal: null,
    };
    if (this.#reasoning) message.reasoning_content = this.#reasoning;
    if (this.#toolCalls.length > 0) message.tool_calls = this.#toolCalls;
    return {
      id,
      object: "chat.completion",
      created,
      model,
      choices: [{ index: 0, message, logprobs: null, finish_reason: this.finishReason }],
      usage: toCompletionUsage(this.#usage),
    };
  }

  #base(): Omit<ChatCompletionChunk, "choices"> {
    const { id, created, model } = this.#identity;
    return { id, object: "chat.completion.chunk", created, model };
  }

  #delta(delta: ChatCompletionChunkDelta, finishReason: FinishReason | null = null): ChunkOutput {
    if (!this.#roleSent) {
      this.#roleSent = true;
      delta = { role: "assistant", ...delta };
    }
    return { chunk: { ...this.#base(), choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }] } };
  }
}
