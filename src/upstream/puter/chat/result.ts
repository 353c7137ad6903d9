import { isRecord, type JsonRecord } from "../../../json.ts";
import type { UpstreamEvent } from "../../events.ts";
import { fromPuterFailure } from "../failure.ts";
import { CREDIT_FAILURE, finishEvent, toArguments } from "./lines.ts";
import { pickUsage } from "./usage.ts";

function toolCall(id: unknown, name: unknown, input: unknown): UpstreamEvent {
  return { type: "tool_call", id: typeof id === "string" ? id : "", name: typeof name === "string" ? name : "", arguments: toArguments(input) };
}

/** Content blocks: Claude's message, in the order Claude gave them. */
function blockEvents(blocks: unknown[], events: UpstreamEvent[]): void {
  for (const block of blocks) {
    if (typeof block === "string") events.push({ type: "text", text: block });
    if (!isRecord(block)) continue;
    if (block.type === "thinking" && typeof block.thinking === "string") {
      events.push({ type: "reasoning", text: block.thinking });
      if (typeof block.signature === "string" && block.signature) events.push({ type: "reasoning_signature", signature: block.signature });
    } else if (block.type === "tool_use") events.push(toolCall(block.id, block.name, block.input));
    else if (typeof block.text === "string" && (block.type === "text" || block.type === undefined)) events.push({ type: "text", text: block.text });
  }
}

/** An OpenAI-shaped message: every OpenAI-family vendor, and any result the server normalised. */
function messageEvents(message: JsonRecord): UpstreamEvent[] {
  const events: UpstreamEvent[] = [];
  const reasoning = message.reasoning ?? message.reasoning_content;
  if (typeof reasoning === "string" && reasoning) events.push({ type: "reasoning", text: reasoning });
  // A normalised Claude answer keeps its thinking signatures here, for replay.
  for (const detail of Array.isArray(message.reasoning_details) ? message.reasoning_details : []) {
    if (isRecord(detail) && typeof detail.signature === "string" && detail.signature) events.push({ type: "reasoning_signature", signature: detail.signature });
  }
  if (typeof message.content === "string" && message.content) events.push({ type: "text", text: message.content });
  if (Array.isArray(message.content)) blockEvents(message.content, events);
  for (const call of Array.isArray(message.tool_calls) ? message.tool_calls : []) {
    if (!isRecord(call)) continue;
    const fn = isRecord(call.function) ? call.function : {};
    events.push(toolCall(call.id, fn.name, fn.arguments));
  }
  return events;
}

/**
 * Turns a whole (non-stream) Puter answer into events: any result shape of docs/puter-wire.md §4,
 * normalised or not, plus the legacy usage-limited answer. Undefined when the body is no answer.
 */
export function parseResult(body: JsonRecord): UpstreamEvent[] | undefined {
  const result = body.result;
  const newer = isRecord(result) && ("stopReason" in result || "usageDetails" in result);
  const limited = isRecord(body.metadata) && body.metadata.usage_limited === true;
  // Older servers said "no credit" with a made-up answer; newer ones flag a real answer cut short.
  if (limited && !newer) return [{ type: "error", error: fromPuterFailure(CREDIT_FAILURE) }];
  if (!isRecord(result) || !isRecord(result.message)) return undefined;
  const message = result.message;
  const events = messageEvents(message);

  const service = isRecord(body.metadata) && typeof body.metadata.service_used === "string" ? body.metadata.service_used : undefined;
  const usage = pickUsage(result.usage ?? message.usage, result.usageDetails, service);
  if (usage) events.push({ type: "usage", usage });
  // Claude's result.finish_reason is always "stop": its message.stop_reason is the real one.
  const finish = finishEvent(message.stop_reason ?? result.stopReason ?? result.finish_reason, message.stop_sequence ?? result.stopSequence, limited);
  if (finish) events.push(finish);
  return events;
}
