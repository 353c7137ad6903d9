import { InvalidRequestError } from "../errors.ts";
import type { PuterTool } from "../upstream/puter/messages.ts";

/** What a name the model calls stands for in the client's terms. */
export interface ToolOrigin {
  kind: "function" | "custom";
  name: string;
  namespace?: string;
}

/** The client's tools by the flat name Puter sees, to turn calls back into the client's items. */
export type ToolNames = Map<string, ToolOrigin>;

/** The JSON Schema of a custom tool as a function tool: its free-form input is one string. */
export const CUSTOM_INPUT_SCHEMA = {
  type: "object",
  properties: { input: { type: "string", description: "The tool's raw input, exactly in the format the description gives." } },
  required: ["input"],
  additionalProperties: false,
};

type RawTool = Record<string, unknown>;

/** A namespaced tool's flat name: OpenAI's function-name alphabet has no dot, so `__` joins them. */
export function flatName(name: string, namespace?: string): string {
  return namespace ? `${namespace}__${name}` : name;
}

function describeCustom(tool: RawTool): string {
  const format = tool.format as { type?: string; syntax?: string; definition?: string } | undefined;
  const lines = [typeof tool.description === "string" ? tool.description : ""];
  lines.push("Pass the tool's raw input as the string `input` (no JSON inside it unless the format says so).");
  if (format?.type === "grammar" && format.definition) lines.push(`The input must match this ${format.syntax ?? ""} grammar:\n${format.definition}`);
  return lines.filter(Boolean).join("\n\n");
}

function toPuterTool(tool: RawTool, names: ToolNames, namespace?: string): PuterTool {
  const name = tool.name as string;
  const flat = flatName(name, namespace);
  if (names.has(flat)) throw new InvalidRequestError(`Invalid value for \`tools\`: the tool name \`${flat}\` is defined twice.`, "tools");
  const kind = tool.type === "custom" ? "custom" : "function";
  names.set(flat, { kind, name, ...(namespace ? { namespace } : {}) });
  if (kind === "custom") return { type: "function", function: { name: flat, description: describeCustom(tool), parameters: CUSTOM_INPUT_SCHEMA } };
  const fn: PuterTool["function"] = { name: flat };
  if (typeof tool.description === "string") fn.description = tool.description;
  if (tool.parameters && typeof tool.parameters === "object") fn.parameters = tool.parameters as Record<string, unknown>;
  if (typeof tool.strict === "boolean") fn.strict = tool.strict;
  return { type: "function", function: fn };
}

function checkName(tool: RawTool, at: string): void {
  if (typeof tool.name !== "string" || !tool.name) throw new InvalidRequestError(`Missing required parameter: \`${at}.name\`.`, `${at}.name`, "missing_required_parameter");
}

/**
 * Flattens the Responses tools into Puter's function tools: namespaces become `ns__name`, custom
 * tools become a function with one string parameter, hosted tools are dropped.
 */
export function toPuterTools(tools: RawTool[]): { tools: PuterTool[]; names: ToolNames } {
  const names: ToolNames = new Map();
  const out: PuterTool[] = [];
  tools.forEach((tool, i) => {
    if (tool.type === "function" || tool.type === "custom") {
      checkName(tool, `tools[${i}]`);
      out.push(toPuterTool(tool, names));
    } else if (tool.type === "namespace") {
      checkName(tool, `tools[${i}]`);
      const inner = Array.isArray(tool.tools) ? (tool.tools as RawTool[]) : [];
      inner.forEach((t, j) => {
        if (t.type !== "function" && t.type !== "custom") return;
        checkName(t, `tools[${i}].tools[${j}]`);
        out.push(toPuterTool(t, names, tool.name as string));
      });
    }
    // Anything else is a hosted tool (web_search, file_search, …) that only OpenAI can run: the
    // README lists them. Dropping unknown types too keeps newer clients working.
  });
  return { tools: out, names };
}

/** Responses `tool_choice` in the chat form Puter reads. */
export function toPuterToolChoice(choice: unknown): unknown {
  if (typeof choice === "string") return choice;
  const c = choice as { type?: string; name?: string; namespace?: string; mode?: string };
  if ((c.type === "function" || c.type === "custom") && c.name) return { type: "function", function: { name: flatName(c.name, c.namespace) } };
  if (c.type === "allowed_tools") return c.mode === "required" ? "required" : "auto";
  // A hosted tool was chosen, and hosted tools are dropped: let the model pick.
  return "auto";
}
