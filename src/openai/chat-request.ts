import * as v from "valibot";
import { InvalidRequestError } from "../errors.ts";
import type { ChatMessage } from "./types.ts";

const nonEmpty = v.pipe(v.string(), v.minLength(1, "must not be empty"));
const tokens = v.pipe(v.number(), v.integer(), v.minValue(1));
const effort = v.picklist(["none", "minimal", "low", "medium", "high", "xhigh"]);

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
  provider: v.nullish(nonEmpty),
});

type ParsedRequest = v.InferOutput<typeof chatRequestSchema>;

/** A chat completion request after validation at the HTTP boundary. */
export interface ChatCompletionRequest {
  model: string;
  messages: ChatMessage[];
  stream: boolean;
  includeUsage: boolean;
  /** Upstream parameters in Puter's `args` form, only those the client set. */
  params: Record<string, unknown>;
}

/** Renders a valibot issue path as OpenAI names params: `messages[0].content`. */
function toParam(path: v.BaseIssue<unknown>["path"]): string | null {
  if (!path) return null;
  return path.reduce<string>((param, item) => {
    const key = item.key;
    return typeof key === "number" ? `${param}[${key}]` : param ? `${param}.${String(key)}` : String(key);
  }, "");
}

/** Keys copied to Puter under the same name when set (see the README's parameter table). */
const PASSED = ["temperature", "top_p", "tools", "tool_choice", "parallel_tool_calls", "reasoning_effort", "reasoning", "verbosity", "provider"] as const;

function toParams(parsed: ParsedRequest): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const key of PASSED) if (parsed[key] != null) params[key] = parsed[key];
  const maxTokens = parsed.max_completion_tokens ?? parsed.max_tokens;
  if (maxTokens != null) params.max_tokens = maxTokens;
  return params;
}

/** Validates a parsed JSON body as a chat completion request; throws InvalidRequestError naming the param. */
export function parseChatRequest(body: unknown): ChatCompletionRequest {
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    throw new InvalidRequestError("The request body must be a JSON object with `model` and `messages`.");
  }
  const result = v.safeParse(chatRequestSchema, body);
  if (!result.success) {
    const issue = result.issues[0];
    const param = toParam(issue.path);
    const missing = issue.input === undefined && issue.kind === "schema";
    const message = missing ? `Missing required parameter: \`${param}\`.` : `Invalid value for \`${param ?? "body"}\`: ${issue.message}.`;
    throw new InvalidRequestError(message, param, missing ? "missing_required_parameter" : "invalid_value");
  }
  const parsed = result.output;
  return {
    model: parsed.model,
    messages: parsed.messages as ChatMessage[],
    stream: parsed.stream === true,
    includeUsage: parsed.stream === true && parsed.stream_options?.include_usage === true,
    params: toParams(parsed),
  };
}
