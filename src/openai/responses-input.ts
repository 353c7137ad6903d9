import { InvalidRequestError } from "../errors.ts";
import type { PuterContentPart, PuterMessage, PuterToolCall } from "../upstream/puter/messages.ts";
import { flatName } from "./responses-tools.ts";

type Item = Record<string, unknown>;

/** Why a stateless proxy refuses a field or item: the client must send the whole history. */
export function statelessError(param: string, what: string): InvalidRequestError {
  return new InvalidRequestError(
    `${what} is not supported: this proxy stores no responses. Resend the whole conversation in \`input\` (with \`store: false\`).`,
    param,
    "unsupported_parameter",
  );
}

function toPart(part: Item, at: string): PuterContentPart {
  switch (part.type) {
    case "input_text":
    case "output_text":
    case "text":
    case "refusal":
      return { type: "text", text: String(part.text ?? part.refusal ?? "") };
    case "input_image": {
      const url = typeof part.image_url === "string" ? part.image_url : undefined;
      if (!url) throw new InvalidRequestError(`Invalid value for \`${at}.image_url\`: give the image as an http(s) or data URL (file ids need OpenAI's storage).`, `${at}.image_url`);
      const detail = typeof part.detail === "string" && part.detail !== "auto" ? { detail: part.detail } : {};
      return { type: "image_url", image_url: { url, ...detail } };
    }
    default:
      throw new InvalidRequestError(`Invalid value for \`${at}.type\`: \`${String(part.type)}\` is not supported; use input_text or input_image.`, `${at}.type`);
  }
}

function toContent(content: unknown, at: string): string | PuterContentPart[] {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) throw new InvalidRequestError(`Invalid value for \`${at}\`: must be a string or an array of parts.`, at);
  const parts = content.map((part, i) => toPart(part as Item, `${at}[${i}]`));
  // A text-only assistant turn reads best upstream as one string.
  return parts.every((p) => p.type === "text") ? parts.map((p) => (p as { text: string }).text).join("") : parts;
}

/** A tool's output: a string, or parts whose text is joined (images are not carried in tool results). */
function outputText(output: unknown): string {
  if (typeof output === "string") return output;
  if (Array.isArray(output)) return output.map((p) => (typeof (p as Item).text === "string" ? (p as Item).text : "")).join("");
  return JSON.stringify(output ?? "");
}

/**
 * Responses input items as Puter's chat messages. Consecutive calls join one assistant turn (after
 * its text, if any) and each output becomes a `tool` message; reasoning items are dropped.
 */
export function toPuterMessages(input: string | Item[], instructions?: string | null): PuterMessage[] {
  const messages: PuterMessage[] = instructions ? [{ role: "system", content: instructions }] : [];
  if (typeof input === "string") return [...messages, { role: "user", content: input }];
  const callTurn = (): PuterToolCall[] => {
    const last = messages.at(-1);
    if (last?.role === "assistant" && last.tool_calls) return last.tool_calls;
    if (last?.role === "assistant" && !last.tool_calls) return (last.tool_calls = []);
    const calls: PuterToolCall[] = [];
    messages.push({ role: "assistant", content: null, tool_calls: calls });
    return calls;
  };
  input.forEach((item, i) => {
    const at = `input[${i}]`;
    const type = item.type ?? (item.role ? "message" : undefined);
    switch (type) {
      case "message": {
        const role = item.role === "developer" ? "system" : item.role;
        if (role !== "user" && role !== "system" && role !== "assistant") throw new InvalidRequestError(`Invalid value for \`${at}.role\`: use user, system, developer or assistant.`, `${at}.role`);
        messages.push({ role, content: toContent(item.content, `${at}.content`) });
        return;
      }
      case "function_call":
      case "custom_tool_call": {
        if (typeof item.call_id !== "string" || typeof item.name !== "string") throw new InvalidRequestError(`Missing required parameter: \`${at}.call_id\` and \`${at}.name\`.`, `${at}.call_id`, "missing_required_parameter");
        const args = type === "function_call" ? String(item.arguments ?? "{}") : JSON.stringify({ input: String(item.input ?? "") });
        const name = flatName(item.name, typeof item.namespace === "string" ? item.namespace : undefined);
        callTurn().push({ id: item.call_id, type: "function", function: { name, arguments: args } });
        return;
      }
      case "function_call_output":
      case "custom_tool_call_output":
        if (typeof item.call_id !== "string") throw new InvalidRequestError(`Missing required parameter: \`${at}.call_id\`.`, `${at}.call_id`, "missing_required_parameter");
        messages.push({ role: "tool", tool_call_id: item.call_id, content: outputText(item.output) });
        return;
      case "reasoning":
        return;
      case "item_reference":
        throw statelessError(`${at}`, "An `item_reference` item");
      default:
        throw new InvalidRequestError(`Invalid value for \`${at}.type\`: \`${String(type)}\` items are not supported here.`, `${at}.type`);
    }
  });
  return messages;
}
