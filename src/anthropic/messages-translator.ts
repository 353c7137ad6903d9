import type { AnswerIdentity, ChatTranslator, Emit } from "../chat/surface.ts";
import type { ProxyError } from "../errors.ts";
import type { FinishReason, UpstreamEvent, Usage } from "../upstream/events.ts";
import { jsonTemplate } from "../stream/json-template.ts";
import { anthropicErrorBody } from "./error-body.ts";
import { StopSequenceCutter } from "./stop-sequences.ts";
import type { AnthropicMessage, AnthropicUsage, BlockDelta, ContentBlock, StopReason } from "./types.ts";

/** A block being built: a tool call keeps its arguments as JSON text until the end. */
type Block = { type: "text"; text: string } | { type: "thinking"; thinking: string; signature: string } | { type: "tool_use"; id: string; name: string; json: string };

/** Neutral usage in Anthropic's terms, where input_tokens leaves out the cached tokens. */
export function toAnthropicUsage(usage: Usage | undefined): AnthropicUsage {
  const cacheRead = usage?.cachedTokens ?? 0;
  const cacheWrite = usage?.cacheWriteTokens ?? 0;
  return {
    input_tokens: Math.max(0, (usage?.promptTokens ?? 0) - cacheRead - cacheWrite),
    output_tokens: usage?.completionTokens ?? 0,
    cache_read_input_tokens: cacheRead,
    cache_creation_input_tokens: cacheWrite,
  };
}

/** A tool call's arguments as the object Anthropic's `input` is; `{}` when they are not a JSON object. */
function toInput(json: string): unknown {
  try {
    const input: unknown = JSON.parse(json || "{}");
    return input && typeof input === "object" && !Array.isArray(input) ? input : {};
  } catch {
    return {};
  }
}

const ignore = () => {};

const textDelta = (index: unknown, text: unknown) => ({ type: "content_block_delta", index, delta: { type: "text_delta", text } });
/** The most frequent frame, serialised with only its index and text left to fill in. */
const TEXT_DELTA = jsonTemplate(textDelta);

const STOP_REASONS: Record<FinishReason, StopReason> = { stop: "end_turn", length: "max_tokens", tool_calls: "end_turn", content_filter: "refusal" };

/**
 * One answer translated to Anthropic Messages: content blocks in the order Puter gave them, streamed
 * as message_start, per block content_block_start / _delta / _stop with consecutive indexes,
 * message_delta and message_stop; or one `message`. Stop sequences are enforced here too.
 */
export class AnthropicMessagesTranslator implements ChatTranslator {
  readonly #identity: AnswerIdentity;
  readonly #cutter: StopSequenceCutter;
  readonly #blocks: Block[] = [];
  /** The index of the block that is open in the stream, if any. */
  #open: number | undefined;
  readonly #toolIndex = new Map<string, number>();
  #usage: Usage | undefined;
  #finish: { reason: FinishReason; stopSequence?: string } | undefined;
  #started = false;

  constructor(identity: AnswerIdentity, stopSequences: string[] = []) {
    this.#identity = identity;
    this.#cutter = new StopSequenceCutter(stopSequences);
  }

  onEvent(event: UpstreamEvent, emit: Emit): void {
    this.#start(emit);
    switch (event.type) {
      case "text":
        return this.#text(this.#cutter.push(event.text), emit);
      case "reasoning": {
        if (this.#stopped) return;
        const block = this.#current("thinking", emit, () => ({ type: "thinking", thinking: "", signature: "" }));
        block.thinking += event.text;
        return this.#delta({ type: "thinking_delta", thinking: event.text }, emit);
      }
      case "reasoning_signature": {
        if (this.#stopped) return;
        const block = this.#current("thinking", emit, () => ({ type: "thinking", thinking: "", signature: "" }));
        block.signature += event.signature;
        return this.#delta({ type: "signature_delta", signature: event.signature }, emit);
      }
      case "tool_call":
      case "tool_call_start": {
        if (this.#stopped) return;
        const json = event.type === "tool_call" ? event.arguments : "";
        const id = event.id || `toolu_${this.#identity.id.slice(-12)}_${this.#blocks.length}`;
        this.#openBlock({ type: "tool_use", id, name: event.name, json }, emit);
        if (json) this.#delta({ type: "input_json_delta", partial_json: json }, emit);
        if (event.type === "tool_call") return this.#close(emit);
        this.#toolIndex.set(event.id, this.#open ?? -1);
        return;
      }
      case "tool_call_delta": {
        const index = this.#toolIndex.get(event.id);
        const block = index === undefined ? undefined : this.#blocks[index];
        if (index === undefined || block?.type !== "tool_use") return;
        block.json += event.arguments;
        return emit(this.#frame({ type: "content_block_delta", index, delta: { type: "input_json_delta", partial_json: event.arguments } }));
      }
      case "tool_call_end":
        if (this.#open !== undefined && this.#open === this.#toolIndex.get(event.id)) this.#close(emit);
        return;
      case "usage":
        this.#usage = event.usage;
        return;
      case "finish":
        this.#finish = { reason: event.reason, ...(event.stopSequence ? { stopSequence: event.stopSequence } : {}) };
        return;
      case "error":
        return;
    }
  }

  /** The held-back text, the open block's stop, message_delta and message_stop. */
  finish(emit: Emit): void {
    this.#start(emit);
    this.#text(this.#cutter.flush(), emit);
    this.#close(emit);
    const { stop_reason, stop_sequence, usage } = this.whole();
    emit(this.#frame({ type: "message_delta", delta: { stop_reason, stop_sequence }, usage }));
    emit(this.#frame({ type: "message_stop" }));
  }

  /** One `error` event and nothing after it, so the SDKs raise instead of keeping a short answer. */
  fail(error: ProxyError, emit: Emit): void {
    emit({ event: "error", data: anthropicErrorBody(error) });
  }

  whole(): AnthropicMessage {
    // A whole answer never calls finish: the text held back for a stop sequence that never came is its end.
    this.#text(this.#cutter.flush(), ignore);
    const { id, model } = this.#identity;
    const content = this.#blocks.map((block): ContentBlock => (block.type === "tool_use" ? { type: "tool_use", id: block.id, name: block.name, input: toInput(block.json) } : { ...block }));
    const [stop_reason, stop_sequence] = this.#stopReason();
    return { id, type: "message", role: "assistant", model, content, stop_reason, stop_sequence, usage: toAnthropicUsage(this.#usage) };
  }

  get #stopped(): boolean {
    return this.#cutter.matched !== undefined;
  }

  #stopReason(): [StopReason, string | null] {
    const sequence = this.#cutter.matched ?? this.#finish?.stopSequence;
    if (sequence !== undefined) return ["stop_sequence", sequence];
    if (this.#blocks.some((block) => block.type === "tool_use")) return ["tool_use", null];
    return [STOP_REASONS[this.#finish?.reason ?? "stop"], null];
  }

  #text(text: string, emit: Emit): void {
    if (!text) return;
    const block = this.#current("text", emit, () => ({ type: "text", text: "" }));
    block.text += text;
    emit({ event: "content_block_delta", data: textDelta(this.#open, text), json: TEXT_DELTA(this.#open, text) });
  }

  /** The open block when it has this type, else a new one (closing the open one). */
  #current<T extends Block["type"]>(type: T, emit: Emit, create: () => Extract<Block, { type: T }>): Extract<Block, { type: T }> {
    const open = this.#open === undefined ? undefined : this.#blocks[this.#open];
    if (open?.type === type) return open as Extract<Block, { type: T }>;
    const block = create();
    this.#openBlock(block, emit);
    return block;
  }

  #openBlock(block: Block, emit: Emit): void {
    // Text held back for a possible stop sequence belongs before the next block.
    if (block.type !== "text") this.#text(this.#cutter.flush(), emit);
    this.#close(emit);
    this.#open = this.#blocks.push(block) - 1;
    const start = block.type === "tool_use" ? { type: "tool_use", id: block.id, name: block.name, input: {} } : block.type === "text" ? { type: "text", text: "" } : { type: "thinking", thinking: "", signature: "" };
    emit(this.#frame({ type: "content_block_start", index: this.#open, content_block: start }));
  }

  #delta(delta: BlockDelta, emit: Emit): void {
    emit(this.#frame({ type: "content_block_delta", index: this.#open, delta }));
  }

  #close(emit: Emit): void {
    if (this.#open === undefined) return;
    emit(this.#frame({ type: "content_block_stop", index: this.#open }));
    this.#open = undefined;
  }

  #start(emit: Emit): void {
    if (this.#started) return;
    this.#started = true;
    const { id, model } = this.#identity;
    const message = { id, type: "message", role: "assistant", model, content: [], stop_reason: null, stop_sequence: null, usage: toAnthropicUsage(undefined) };
    emit(this.#frame({ type: "message_start", message }));
  }

  /** Each frame's `event:` is its `data.type`, as Anthropic's SDKs expect. */
  #frame(data: { type: string; [key: string]: unknown }) {
    return { event: data.type, data };
  }
}
