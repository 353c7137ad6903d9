import * as v from "valibot";

/**
 * The Anthropic Messages request as the proxy reads it. Objects are loose: what Claude Code sends
 * besides (`metadata`, `context_management`, `cache_control`, `defer_loading`, …) is accepted and
 * left out of the upstream call.
 */

const nonEmpty = v.pipe(v.string(), v.minLength(1, "must not be empty"));
const tokens = v.pipe(v.number(), v.integer(), v.minValue(1));

const textBlock = v.looseObject({ type: v.literal("text"), text: v.string() });

const imageSource = v.variant("type", [
  v.looseObject({ type: v.literal("base64"), media_type: nonEmpty, data: v.string() }),
  v.looseObject({ type: v.literal("url"), url: nonEmpty }),
]);
const imageBlock = v.looseObject({ type: v.literal("image"), source: imageSource });

const toolUseBlock = v.looseObject({ type: v.literal("tool_use"), id: nonEmpty, name: nonEmpty, input: v.unknown() });

const toolResultBlock = v.looseObject({
  type: v.literal("tool_result"),
  tool_use_id: nonEmpty,
  content: v.optional(v.union([v.string(), v.array(v.union([textBlock, imageBlock]))])),
  is_error: v.optional(v.boolean()),
});

// Earlier turns' reasoning: accepted, never sent on (Puter cannot replay it across vendors).
const thinkingBlock = v.looseObject({ type: v.picklist(["thinking", "redacted_thinking"]) });

const contentBlock = v.variant("type", [textBlock, imageBlock, toolUseBlock, toolResultBlock, thinkingBlock], (issue) =>
  `unsupported content block type ${JSON.stringify(issue.input)}; use text, image, tool_use, tool_result or thinking`,
);

const message = v.looseObject({
  role: v.picklist(["user", "assistant", "system"]),
  content: v.union([v.string(), v.array(contentBlock)]),
});

const tool = v.looseObject({
  name: nonEmpty,
  type: v.optional(v.string()),
  description: v.optional(v.string()),
  input_schema: v.optional(v.record(v.string(), v.unknown())),
});

const toolChoice = v.variant("type", [
  v.looseObject({ type: v.literal("auto"), disable_parallel_tool_use: v.optional(v.boolean()) }),
  v.looseObject({ type: v.literal("any"), disable_parallel_tool_use: v.optional(v.boolean()) }),
  v.looseObject({ type: v.literal("tool"), name: nonEmpty, disable_parallel_tool_use: v.optional(v.boolean()) }),
  v.looseObject({ type: v.literal("none") }),
]);

const thinking = v.variant("type", [
  v.looseObject({ type: v.literal("enabled"), budget_tokens: tokens }),
  v.looseObject({ type: v.literal("adaptive") }),
  v.looseObject({ type: v.literal("disabled") }),
]);

/** The body of `POST /v1/messages` (and of `count_tokens`, which ignores the answer settings). */
export const messagesSchema = v.looseObject({
  model: nonEmpty,
  messages: v.pipe(v.array(message), v.minLength(1, "must contain at least one message")),
  system: v.optional(v.union([v.string(), v.array(textBlock)])),
  max_tokens: v.optional(tokens),
  stream: v.optional(v.boolean()),
  temperature: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(1))),
  top_p: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(1))),
  top_k: v.optional(v.number()),
  stop_sequences: v.optional(v.array(nonEmpty)),
  tools: v.optional(v.array(tool)),
  tool_choice: v.optional(toolChoice),
  thinking: v.optional(thinking),
  output_config: v.optional(v.looseObject({ effort: v.optional(v.picklist(["low", "medium", "high", "max"])) })),
});

export type ParsedMessages = v.InferOutput<typeof messagesSchema>;
export type ParsedMessage = ParsedMessages["messages"][number];
export type ParsedBlock = Exclude<ParsedMessage["content"], string>[number];
export type ParsedImage = v.InferOutput<typeof imageBlock>;
