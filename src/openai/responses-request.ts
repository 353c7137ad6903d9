import * as v from "valibot";
import type { ChatRequest } from "../chat/request.ts";
import { statelessError, toPuterMessages } from "./responses-input.ts";
import { type ToolNames, toPuterToolChoice, toPuterTools } from "./responses-tools.ts";
import { validate } from "./validation.ts";

const nonEmpty = v.pipe(v.string(), v.minLength(1, "must not be empty"));
const effort = v.picklist(["none", "minimal", "low", "medium", "high", "xhigh", "max"]);
const item = v.looseObject({ type: v.optional(v.string()), role: v.optional(v.string()) });

const textFormat = v.variant("type", [
  v.looseObject({ type: v.literal("text") }),
  v.looseObject({ type: v.literal("json_object") }),
  v.looseObject({ type: v.literal("json_schema"), name: v.optional(v.string()), schema: v.record(v.string(), v.unknown()), strict: v.nullish(v.boolean()) }),
]);

/**
 * The fields of a Responses request the proxy reads. Others (`store`, `include`,
 * `prompt_cache_key`, `metadata`, `truncation`, `service_tier`, `user`, …) change nothing here and
 * are tolerated.
 */
const responsesSchema = v.looseObject({
  model: nonEmpty,
  input: v.union([v.string(), v.array(item)], "must be a string or an array of input items"),
  instructions: v.nullish(v.string()),
  stream: v.nullish(v.boolean()),
  tools: v.nullish(v.array(v.looseObject({ type: nonEmpty }))),
  tool_choice: v.nullish(v.union([v.picklist(["auto", "none", "required"]), v.looseObject({ type: nonEmpty })])),
  parallel_tool_calls: v.nullish(v.boolean()),
  max_output_tokens: v.nullish(v.pipe(v.number(), v.integer(), v.minValue(1))),
  temperature: v.nullish(v.pipe(v.number(), v.minValue(0), v.maxValue(2))),
  top_p: v.nullish(v.pipe(v.number(), v.minValue(0), v.maxValue(1))),
  reasoning: v.nullish(v.looseObject({ effort: v.nullish(effort), summary: v.nullish(v.string()) })),
  text: v.nullish(v.looseObject({ format: v.nullish(textFormat), verbosity: v.nullish(v.string()) })),
  previous_response_id: v.nullish(v.string()),
  conversation: v.nullish(v.unknown()),
  background: v.nullish(v.boolean()),
});

type Parsed = v.InferOutput<typeof responsesSchema>;

/** The request fields a Response object echoes back. */
export interface ResponseEcho {
  instructions: string | null;
  max_output_tokens: number | null;
  parallel_tool_calls: boolean;
  reasoning: { effort: string | null; summary: string | null };
  temperature: number | null;
  text: Record<string, unknown>;
  tool_choice: unknown;
  tools: unknown[];
  top_p: number | null;
}

/** A Responses request after validation: the neutral request plus what the translator needs. */
export interface ResponsesRequest extends ChatRequest {
  echo: ResponseEcho;
  toolNames: ToolNames;
}

function refuseState(parsed: Parsed): void {
  if (parsed.previous_response_id) throw statelessError("previous_response_id", "`previous_response_id`");
  if (parsed.conversation != null) throw statelessError("conversation", "`conversation`");
  if (parsed.background) throw statelessError("background", "`background: true`");
}

function toParams(parsed: Parsed, tools: ReturnType<typeof toPuterTools>["tools"]): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  if (parsed.temperature != null) params.temperature = parsed.temperature;
  if (parsed.top_p != null) params.top_p = parsed.top_p;
  if (parsed.max_output_tokens != null) params.max_tokens = parsed.max_output_tokens;
  if (parsed.reasoning?.effort) params.reasoning_effort = parsed.reasoning.effort;
  if (tools.length > 0) {
    params.tools = tools;
    if (parsed.tool_choice != null) params.tool_choice = toPuterToolChoice(parsed.tool_choice);
    if (parsed.parallel_tool_calls != null) params.parallel_tool_calls = parsed.parallel_tool_calls;
  }
  const format = parsed.text?.format;
  if (format?.type === "json_schema") {
    const { name, schema, strict } = format;
    params.outputFormat = { type: "json_schema", schema, ...(name ? { name } : {}), ...(strict != null ? { strict } : {}) };
  }
  return params;
}

/** Validates a parsed JSON body as a Responses request; throws InvalidRequestError naming the param. */
export function parseResponsesRequest(body: unknown): ResponsesRequest {
  const parsed = validate(responsesSchema, body, "`model` and `input`");
  refuseState(parsed);
  const { tools, names } = toPuterTools(parsed.tools ?? []);
  return {
    model: parsed.model,
    messages: toPuterMessages(parsed.input, parsed.instructions),
    stream: parsed.stream === true,
    params: toParams(parsed, tools),
    toolNames: names,
    echo: {
      instructions: parsed.instructions ?? null,
      max_output_tokens: parsed.max_output_tokens ?? null,
      parallel_tool_calls: parsed.parallel_tool_calls ?? true,
      reasoning: { effort: parsed.reasoning?.effort ?? null, summary: parsed.reasoning?.summary ?? null },
      temperature: parsed.temperature ?? null,
      text: { format: parsed.text?.format ?? { type: "text" }, ...(parsed.text?.verbosity ? { verbosity: parsed.text.verbosity } : {}) },
      tool_choice: parsed.tool_choice ?? "auto",
      tools: parsed.tools ?? [],
      top_p: parsed.top_p ?? null,
    },
  };
}
