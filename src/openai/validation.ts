import * as v from "valibot";
import { InvalidRequestError } from "../errors.ts";

/** Renders a valibot issue path as OpenAI names params: `messages[0].content`. */
export function toParam(path: v.BaseIssue<unknown>["path"]): string | null {
  if (!path) return null;
  return path.reduce<string>((param, item) => {
    const key = item.key;
    return typeof key === "number" ? `${param}[${key}]` : param ? `${param}.${String(key)}` : String(key);
  }, "");
}

/**
 * Validates a parsed JSON body against a schema; throws an InvalidRequestError naming the first
 * bad field as OpenAI does (`Missing required parameter: …` or `Invalid value for …`).
 */
export function validate<S extends v.GenericSchema>(schema: S, body: unknown, what: string): v.InferOutput<S> {
  if (!body || typeof body !== "object" || Array.isArray(body)) throw new InvalidRequestError(`The request body must be a JSON object with ${what}.`);
  const result = v.safeParse(schema, body);
  if (result.success) return result.output;
  const issue = result.issues[0];
  const param = toParam(issue.path);
  const missing = issue.input === undefined && issue.kind === "schema";
  const message = missing ? `Missing required parameter: \`${param}\`.` : `Invalid value for \`${param ?? "body"}\`: ${issue.message}.`;
  throw new InvalidRequestError(message, param, missing ? "missing_required_parameter" : "invalid_value");
}
