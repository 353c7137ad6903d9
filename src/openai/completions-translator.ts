import type { AnswerIdentity, ChatTranslator, Emit } from "../chat/surface.ts";
import type { ProxyError } from "../errors.ts";
import type { FinishReason, UpstreamEvent, Usage } from "../upstream/events.ts";
import { toCompletionUsage } from "./chat-translator.ts";
import { openAIErrorBody } from "./error-body.ts";

/**
 * One answer as a legacy `text_completion`: text chunks, then a finish chunk, usage when asked
 * and `[DONE]`; or one object. Reasoning and tool calls have no place in this dialect.
 */
export class CompletionsTranslator implements ChatTranslator {
  readonly #identity: AnswerIdentity;
  readonly #includeUsage: boolean;
  #text = "";
  #usage: Usage | undefined;
  #finish: FinishReason | undefined;

  constructor(identity: AnswerIdentity, includeUsage = false) {
    this.#identity = identity;
    this.#includeUsage = includeUsage;
  }

  onEvent(event: UpstreamEvent, emit: Emit): void {
    if (event.type === "text") {
      this.#text += event.text;
      emit({ data: this.#chunk(event.text, null) });
    } else if (event.type === "usage") this.#usage = event.usage;
    else if (event.type === "finish") this.#finish = event.reason;
  }

  get #reason(): "stop" | "length" | "content_filter" {
    return this.#finish === "length" || this.#finish === "content_filter" ? this.#finish : "stop";
  }

  finish(emit: Emit): void {
    emit({ data: this.#chunk("", this.#reason) });
    if (this.#includeUsage) emit({ data: { ...this.#base(), choices: [], usage: toCompletionUsage(this.#usage) } });
    emit({ data: "[DONE]" });
  }

  /** One error frame and no `[DONE]`, as for chat, so the SDKs raise. */
  fail(error: ProxyError, emit: Emit): void {
    emit({ data: openAIErrorBody(error) });
  }

  whole() {
    return { ...this.#base(), choices: [{ text: this.#text, index: 0, logprobs: null, finish_reason: this.#reason }], usage: toCompletionUsage(this.#usage) };
  }

  #base() {
    const { id, created, model } = this.#identity;
    return { id, object: "text_completion" as const, created, model };
  }

  #chunk(text: string, finish: string | null) {
    return { ...this.#base(), choices: [{ text, index: 0, logprobs: null, finish_reason: finish }] };
  }
}
