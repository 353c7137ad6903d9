import * as v from "valibot";
import type { ChatRequest } from "../chat/request.ts";
import type { PuterMessage } from "../upstream/puter/messages.ts";
import { validate } from "./validation.ts";

const nonEmpty = v.pipe(v.string(), v.minLength(1, "must not be empty"));
const tokens = v.pipe(v.number(), v.integer(), v.minValue(1));
const effort = v.picklist(["none", "minimal", "low", "medium", "high", "xhigh", "max"]);

const toolCallSchema = v.looseObject({
  id: v.string(),
  type: v.optional(v.literal("function")),
  function: v.looseObject({ name: nonEmpty, arguments: v.string() }),
});

const messageSchema = v.looseObject({
  role: v.picklist(["system", "developer", "user", "assistant", "tool", "function"]),
  content: v.nullish(v.union([v.string(), v.array(v.looseObject({ type: nonEmpty }))])),
  name: v.optional(v.string()),
  tool_calls: v.optional(v.array(toolCallSchema)),
  tool_call_id: v.optional(v.string()),
});

const responseFormat = v.variant("type", [
  v.looseObject({ type: v.literal("text") }),
  v.looseObject({ type: v.literal("json_object") }),
  v.looseObject({
    type: v.literal("json_schema"),
    json_schema: v.looseObject({ name: v.optional(v.string()), schema: v.optional(v.record(v.string(), v.unknown())), strict: v.nullish(v.boolean()) }),
  }),
]);

/**
 * The fields of a chat completion request that the proxy reads. Other fields are tolerated and
 * left out of the upstream call; `n` is checked because only one choice can be returned.
 */
const chatRequestSchema = v.looseObject({
  model: nonEmpty,
  messages: v.pipe(v.array(messageSchema), v.minLength(1, "must contain at least one message")),
  stream: v.nullish(v.boolean()),
  stream_options: v.nullish(v.looseObject({ include_usage: v.nullish(v.boolean()) })),
  n: v.nullish(v.literal(1, "only 1 is supported: Puter returns one choice per request")),
  temperature: v.nullish(v.pipe(v.number(), v.minValue(0), v.maxValue(2))),
  top_p: v.nullish(v.pipe(v.number(), v.minValue(0), v.maxValue(1))),
  max_tokens: v.nullish(tokens),
  max_completion_tokens: v.nullish(tokens),
  reasoning_effort: v.nullish(effort),
  reasoning: v.nullish(v.looseObject({ effort: v.optional(effort) })),
  verbosity: v.nullish(v.picklist(["low", "medium", "high"])),
  tools: v.nullish(v.array(v.looseObject({ type: nonEmpty }))),
  tool_choice: v.nullish(v.union([v.string(), v.looseObject({})])),
  parallel_tool_calls: v.nullish(v.boolean()),
  stop: v.nullish(v.union([v.string(), v.pipe(v.array(v.string()), v.maxLength(16, "at most 16 stop sequences"))])),
  response_format: v.nullish(responseFormat),
  provider: v.nullish(nonEmpty),
});

type ParsedRequest = v.InferOutput<typeof chatRequestSchema>;

/** A chat completion request after validation at the HTTP boundary. */
export interface OpenAIChatRequest extends ChatRequest {
  includeUsage: boolean;
}

/** Keys copied to Puter under the same name when set (see the README's parameter table). */
const PASSED = ["temperature", "top_p", "tools", "tool_choice", "parallel_tool_calls", "reasoning_effort", "reasoning", "verbosity", "provider"] as const;

/** Puter's args for the request's parameters, under the names Puter reads (docs/puter-wire.md §2.2). */
function toParams(parsed: ParsedRequest): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const key of PASSED) if (parsed[key] != null) params[key] = parsed[key];
  const maxTokens = parsed.max_completion_tokens ?? parsed.max_tokens;
  if (maxTokens != null) params.max_tokens = maxTokens;
  if (parsed.stop != null) params.stopSequences = typeof parsed.stop === "string" ? [parsed.stop] : parsed.stop;
  const format = parsed.response_format;
  if (format?.type === "json_schema" && format.json_schema.schema) {
    const { name, schema, strict } = format.json_schema;
    params.outputFormat = { type: "json_schema", schema, ...(name ? { name } : {}), ...(strict != null ? { strict } : {}) };
  }
  return params;
}

/** `developer` is OpenAI's newer name for the system role; Puter's driver knows only `system`. */
function toPuterMessages(messages: ParsedRequest["messages"]): PuterMessage[] {
  return messages.map((message) => (message.role === "developer" ? { ...message, role: "system" } : message)) as PuterMessage[];
}

/** Validates a parsed JSON body as a chat completion request; throws InvalidRequestError naming the param. */
export function parseChatRequest(body: unknown): OpenAIChatRequest {
  const parsed = validate(chatRequestSchema, body, "`model` and `messages`");
  return {
    model: parsed.model,
    messages: toPuterMessages(parsed.messages),
    stream: parsed.stream === true,
    includeUsage: parsed.stream === true && parsed.stream_options?.include_usage === true,
    params: toParams(parsed),
  };
}
