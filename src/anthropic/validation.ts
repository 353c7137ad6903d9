import * as v from "valibot";
import { InvalidRequestError } from "../errors.ts";

/** A valibot issue path as Anthropic names fields: `messages.0.content`. */
function toPath(path: v.BaseIssue<unknown>["path"]): string | null {
  return path ? path.map((item) => String(item.key)).join(".") : null;
}

/**
 * Validates a parsed JSON body; throws an InvalidRequestError in Anthropic's wording
 * (`messages.0.role: Field required`), naming the first bad field.
 */
export function validateBody<S extends v.GenericSchema>(schema: S, body: unknown): v.InferOutput<S> {
  if (!body || typeof body !== "object" || Array.isArray(body)) throw new InvalidRequestError("The request body must be a JSON object with `model`, `messages` and `max_tokens`.");
  const result = v.safeParse(schema, body);
  if (result.success) return result.output;
  const issue = result.issues[0];
  const path = toPath(issue.path);
  const missing = issue.input === undefined && issue.kind === "schema";
  throw new InvalidRequestError(`${path ?? "body"}: ${missing ? "Field required" : issue.message}`, path);
}
