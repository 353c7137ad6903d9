import * as v from "valibot";
import type { ChatRequest } from "../chat/request.ts";
import { validate } from "./validation.ts";

const nonEmpty = v.pipe(v.string(), v.minLength(1, "must not be empty"));
const refused = (what: string) => `is not supported: ${what}`;

/**
 * The legacy completions request. Puter answers chats, so the prompt becomes one user message;
 * what needs raw token access (`suffix`, `echo`, `logprobs`, `best_of`, several choices) is refused.
 */
const completionsSchema = v.looseObject({
  model: nonEmpty,
  prompt: v.union(
    [v.string(), v.pipe(v.array(v.string()), v.length(1, "only one prompt per request is supported: send one request per prompt"))],
    "must be a string or an array of one string",
  ),
  stream: v.nullish(v.boolean()),
  stream_options: v.nullish(v.looseObject({ include_usage: v.nullish(v.boolean()) })),
  max_tokens: v.nullish(v.pipe(v.number(), v.integer(), v.minValue(1))),
  temperature: v.nullish(v.pipe(v.number(), v.minValue(0), v.maxValue(2))),
  top_p: v.nullish(v.pipe(v.number(), v.minValue(0), v.maxValue(1))),
  stop: v.nullish(v.union([v.string(), v.pipe(v.array(v.string()), v.maxLength(4, "at most 4 stop sequences"))])),
  n: v.nullish(v.literal(1, refused("Puter returns one choice per request"))),
  best_of: v.nullish(v.literal(1, refused("Puter returns one choice per request"))),
  echo: v.nullish(v.literal(false, refused("Puter's chat models do not return the prompt"))),
  suffix: v.nullish(v.literal("", refused("Puter's chat models cannot fill in the middle"))),
  logprobs: v.nullish(v.literal(0, refused("Puter returns no log probabilities"))),
});

/** A legacy completion request after validation. */
export interface CompletionsRequest extends ChatRequest {
  includeUsage: boolean;
}

/** Validates a parsed JSON body as a legacy completion request; throws InvalidRequestError naming the param. */
export function parseCompletionsRequest(body: unknown): CompletionsRequest {
  const parsed = validate(completionsSchema, body, "`model` and `prompt`");
  const prompt = typeof parsed.prompt === "string" ? parsed.prompt : parsed.prompt[0];
  const params: Record<string, unknown> = {};
  if (parsed.max_tokens != null) params.max_tokens = parsed.max_tokens;
  if (parsed.temperature != null) params.temperature = parsed.temperature;
  if (parsed.top_p != null) params.top_p = parsed.top_p;
  if (parsed.stop != null) params.stopSequences = typeof parsed.stop === "string" ? [parsed.stop] : parsed.stop;
  return {
    model: parsed.model,
    messages: [{ role: "user", content: prompt ?? "" }],
    stream: parsed.stream === true,
    includeUsage: parsed.stream === true && parsed.stream_options?.include_usage === true,
    params,
  };
}
