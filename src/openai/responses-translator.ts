import type { AnswerIdentity, ChatTranslator, Emit } from "../chat/surface.ts";
import type { ProxyError } from "../errors.ts";
import type { FinishReason, UpstreamEvent, Usage } from "../upstream/events.ts";
import { jsonTemplate } from "../stream/json-template.ts";
import { openAIErrorBody } from "./error-body.ts";
import { type OutputItem, type ResponseState, responseBody, snapshot } from "./responses-body.ts";
import type { ResponsesRequest } from "./responses-request.ts";

type Call = Extract<OutputItem, { type: "function_call" | "custom_tool_call" }>;
/** An item being built; `frame` serialises its text deltas with only the number and the text left to fill in. */
type Open = { index: number; item: OutputItem; frame?: (sequence: number, delta: string) => string };

/**
 * One answer translated to the Responses API: its output items, and the stream of events that
 * builds them (each `event:` equal to its `type`, numbered from 0). Reasoning is a summary
 * (`response.reasoning_summary_text.*`), the form Codex and the AI SDK show. Calls to custom tools
 * come back as `custom_tool_call` items; their input streams whole once the call ends.
 */
export class ResponsesTranslator implements ChatTranslator {
  readonly #identity: AnswerIdentity;
  readonly #request: ResponsesRequest;
  readonly #output: OutputItem[] = [];
  #text: Open | undefined;
  readonly #calls = new Map<string, Open>();
  #usage: Usage | undefined;
  #finish: FinishReason | undefined;
  #sequence = 0;
  #started = false;
  /** Items made so far: suffixes each item id, so ids are unique within the response. */
  #made = 0;

  constructor(identity: AnswerIdentity, request: ResponsesRequest) {
    this.#identity = identity;
    this.#request = request;
  }

  #send(emit: Emit, type: string, fields: Record<string, unknown>): void {
    emit({ event: type, data: { type, sequence_number: this.#sequence++, ...fields } });
  }

  #start(emit: Emit): void {
    if (this.#started) return;
    this.#started = true;
    const response = this.#body({ status: "in_progress", output: [], usage: undefined });
    this.#send(emit, "response.created", { response });
    this.#send(emit, "response.in_progress", { response });
  }

  #id(prefix: string): string {
    return `${prefix}${this.#identity.id.replace(/^resp_/, "")}${(this.#made++).toString(36)}`;
  }

  #add(emit: Emit, item: OutputItem): Open {
    this.#output.push(item);
    const open = { index: this.#output.length - 1, item };
    this.#send(emit, "response.output_item.added", { output_index: open.index, item: snapshot(item) });
    return open;
  }

  #part(open: Open) {
    return { item_id: open.item.id, output_index: open.index, ...(open.item.type === "reasoning" ? { summary_index: 0 } : { content_index: 0 }) };
  }

  /** The open reasoning or message item of this kind, opening one (and closing the other) if needed. */
  #textItem(emit: Emit, type: "reasoning" | "message"): Open {
    if (this.#text?.item.type === type) return this.#text;
    this.#closeText(emit);
    const item: OutputItem = type === "reasoning"
      ? { type, id: this.#id("rs_"), summary: [] }
      : { type, id: this.#id("msg_"), role: "assistant", status: "in_progress", content: [] };
    const open = this.#add(emit, item);
    const part = type === "reasoning" ? { type: "summary_text" as const, text: "" } : { type: "output_text" as const, text: "", annotations: [], logprobs: [] };
    if (item.type === "reasoning") item.summary.push(part);
    else item.content.push(part);
    this.#send(emit, type === "reasoning" ? "response.reasoning_summary_part.added" : "response.content_part.added", { ...this.#part(open), part: snapshot(part) });
    return (this.#text = open);
  }

  #closeText(emit: Emit): void {
    const open = this.#text;
    if (!open) return;
    this.#text = undefined;
    const { item } = open;
    const part = item.type === "reasoning" ? item.summary[0] : item.type === "message" ? item.content[0] : undefined;
    if (!part) return;
    const reasoning = item.type === "reasoning";
    this.#send(emit, reasoning ? "response.reasoning_summary_text.done" : "response.output_text.done", { ...this.#part(open), text: part.text, ...(reasoning ? {} : { logprobs: [] }) });
    this.#send(emit, reasoning ? "response.reasoning_summary_part.done" : "response.content_part.done", { ...this.#part(open), part: snapshot(part) });
    if (item.type === "message") item.status = "completed";
    this.#send(emit, "response.output_item.done", { output_index: open.index, item: snapshot(item) });
  }

  #openCall(emit: Emit, id: string, name: string, key: string): Open {
    this.#closeText(emit);
    const origin = this.#request.toolNames.get(name);
    const callId = id || `call_${this.#identity.id.slice(-12)}_${this.#output.length}`;
    const ns = origin?.namespace ? { namespace: origin.namespace } : {};
    const item: Call = origin?.kind === "custom"
      ? { type: "custom_tool_call", id: this.#id("ctc_"), call_id: callId, name: origin.name, ...ns, input: "", status: "in_progress" }
      : { type: "function_call", id: this.#id("fc_"), call_id: callId, name: origin?.name ?? name, ...ns, arguments: "", status: "in_progress" };
    const open = this.#add(emit, item);
    this.#calls.set(key, open);
    return open;
  }

  #callDelta(emit: Emit, open: Open, fragment: string): void {
    const item = open.item as Call;
    if (item.type === "custom_tool_call") {
      // The model writes `{"input": "…"}`; the raw input is known once that JSON is whole.
      item.input += fragment;
      return;
    }
    item.arguments += fragment;
    if (fragment) this.#send(emit, "response.function_call_arguments.delta", { item_id: item.id, output_index: open.index, delta: fragment });
  }

  #closeCall(emit: Emit, key: string): void {
    const open = this.#calls.get(key);
    if (!open) return;
    this.#calls.delete(key);
    const item = open.item as Call;
    const at = { item_id: item.id, output_index: open.index };
    if (item.type === "custom_tool_call") {
      item.input = customInput(item.input);
      if (item.input) this.#send(emit, "response.custom_tool_call_input.delta", { ...at, delta: item.input });
      this.#send(emit, "response.custom_tool_call_input.done", { ...at, input: item.input });
    } else this.#send(emit, "response.function_call_arguments.done", { ...at, name: item.name, arguments: item.arguments });
    item.status = "completed";
    this.#send(emit, "response.output_item.done", { output_index: open.index, item: snapshot(item) });
  }

  onEvent(event: UpstreamEvent, emit: Emit): void {
    this.#start(emit);
    switch (event.type) {
      case "text":
      case "reasoning": {
        const open = this.#textItem(emit, event.type === "text" ? "message" : "reasoning");
        const part = open.item.type === "reasoning" ? open.item.summary[0] : open.item.type === "message" ? open.item.content[0] : undefined;
        if (part) part.text += event.text;
        const type = event.type === "text" ? "response.output_text.delta" : "response.reasoning_summary_text.delta";
        const at = this.#part(open);
        const logprobs = event.type === "text" ? { logprobs: [] } : {};
        const data = (sequence: unknown, delta: unknown) => ({ type, sequence_number: sequence, ...at, delta, ...logprobs });
        // Every delta of an item repeats its ids: serialised once per item, not once per delta.
        open.frame ??= jsonTemplate(data);
        const sequence = this.#sequence++;
        return emit({ event: type, data: data(sequence, event.text), json: open.frame(sequence, event.text) });
      }
      case "tool_call": {
        const key = `whole:${this.#output.length}`;
        this.#callDelta(emit, this.#openCall(emit, event.id, event.name, key), event.arguments);
        return this.#closeCall(emit, key);
      }
      case "tool_call_start":
        this.#openCall(emit, event.id, event.name, event.id);
        return;
      case "tool_call_delta": {
        const open = this.#calls.get(event.id);
        if (open) this.#callDelta(emit, open, event.arguments);
        return;
      }
      case "tool_call_end":
        return this.#closeCall(emit, event.id);
      case "usage":
        this.#usage = event.usage;
        return;
      case "finish":
        this.#finish = event.reason;
        return;
      case "reasoning_signature":
      case "error":
        return;
    }
  }

  /** Closes what is open, in order, so every added item also ends. */
  #closeAll(emit: Emit): void {
    this.#start(emit);
    this.#closeText(emit);
    for (const key of [...this.#calls.keys()]) this.#closeCall(emit, key);
  }

  #status(): "completed" | "incomplete" {
    const calls = this.#output.some((item) => item.type !== "message" && item.type !== "reasoning");
    return this.#finish === "length" && !calls ? "incomplete" : "completed";
  }

  #body(state: ResponseState) {
    return responseBody(this.#identity, this.#request.echo, state);
  }

  /** Every item closed, then `response.completed` (or `.incomplete`) with the whole response. */
  finish(emit: Emit): void {
    this.#closeAll(emit);
    const response = this.whole();
    this.#send(emit, response.status === "incomplete" ? "response.incomplete" : "response.completed", { response });
  }

  /** An `error` event, then `response.failed` with what was answered so far: the SDKs raise. */
  fail(error: ProxyError, emit: Emit): void {
    this.#start(emit);
    const body = openAIErrorBody(error).error;
    const code = body.code ?? body.type;
    this.#send(emit, "error", { code, message: body.message, param: body.param, error: { ...body, code } });
    this.#send(emit, "response.failed", { response: this.#body({ status: "failed", output: snapshot(this.#output), usage: this.#usage, error }) });
  }

  whole() {
    this.#closeAll(() => {});
    return this.#body({ status: this.#status(), output: snapshot(this.#output), usage: this.#usage });
  }
}

/** A custom tool's raw input from the function arguments the model wrote (as is when not that JSON). */
function customInput(args: string): string {
  try {
    const parsed: unknown = JSON.parse(args);
    if (parsed && typeof parsed === "object" && typeof (parsed as { input?: unknown }).input === "string") return (parsed as { input: string }).input;
  } catch {
    // Not JSON: the model wrote the input bare.
  }
  return args;
}
