import { finishFromStop, nativeStop, stopFromFinish, usageDetails, type AnswerFacts } from "./newer-usage.ts";

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Obj) : {});

/** Content that is a string or null is already OpenAI-shaped (shapes a and c of docs/puter-wire.md §4). */
const isOpenAIShaped = (result: Obj): boolean => {
  const content = obj(result.message).content;
  return typeof content === "string" || content === null;
};

/** A Claude-style message coerced to the OpenAI shape (docs/puter-wire.md §4.1); other block types are dropped. */
function coerceMessage(message: Obj): Obj {
  const blocks = (Array.isArray(message.content) ? message.content : []).map(obj);
  const texts = blocks.filter((b) => b.type === "text").map((b) => String(b.text ?? ""));
  const thinking = blocks.filter((b) => b.type === "thinking");
  const details = blocks.filter((b) => b.type === "thinking" || b.type === "redacted_thinking");
  const tools = blocks
    .filter((b) => b.type === "tool_use")
    .map((b) => ({
      id: b.id,
      type: "function",
      function: { name: b.name, arguments: typeof b.input === "string" ? b.input : JSON.stringify(b.input ?? {}) },
    }));
  return {
    role: "assistant",
    content: texts.length > 0 ? texts.join("") : null,
    refusal: null,
    ...(tools.length > 0 ? { tool_calls: tools } : {}),
    ...(thinking.length > 0 ? { reasoning: thinking.map((b) => String(b.thinking ?? "")).join("\n\n") } : {}),
    ...(details.length > 0 ? { reasoning_details: details } : {}),
  };
}

/**
 * A non-stream result as a newer server returns it: `stopReason` and `usageDetails` always; with
 * `normalize`, the OpenAI shape plus `normalized: true` (Claude results coerced, others passed through).
 */
export function toNewerResult(facts: AnswerFacts, normalize: boolean): Obj {
  const { result } = facts;
  const native = nativeStop(result);
  const finish = typeof result.finish_reason === "string" ? result.finish_reason : "stop";
  const stopReason = native ?? stopFromFinish(finish);
  const added = { stopReason, usageDetails: usageDetails(result.usage, facts.service) };
  if (!normalize) return { ...result, ...added };
  if (isOpenAIShaped(result)) return { ...result, ...added, normalized: true };
  const { message, finish_reason: _native, usage, ...rest } = result;
  return {
    ...rest,
    message: coerceMessage(obj(message)),
    finish_reason: native ? finishFromStop(native) : finish,
    ...(usage === undefined ? {} : { usage }),
    ...added,
    normalized: true,
  };
}
