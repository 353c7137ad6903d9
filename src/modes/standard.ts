import type { PuterContentPart, PuterMessage } from "../upstream/puter/messages.ts";
import { isTextPart } from "./text-part.ts";

/**
 * The user turn put before a conversation that opens with the assistant: the text SillyTavern's
 * strict prompt processing uses, since strict providers (Anthropic) reject an assistant-first chat.
 */
export const START_PLACEHOLDER = "[Start a new chat]";

type Content = PuterMessage["content"];

/**
 * Shapes a conversation for strict providers: all system/developer text merged into one system
 * message at the top, consecutive user (or assistant) turns merged so the two alternate, tool turns
 * kept intact and in place, and {@link START_PLACEHOLDER} before an assistant-first conversation.
 * Never mutates its input; messages that need no change are passed through as the same objects.
 */
export function shapeStandard(messages: PuterMessage[]): PuterMessage[] {
  const system = mergeSystem(messages.filter(isSystem));
  const turns = mergeRuns(messages.filter((message) => !isSystem(message)));
  if (turns[0]?.role === "assistant") turns.unshift({ role: "user", content: START_PLACEHOLDER });
  return system ? [system, ...turns] : turns;
}

// "developer" is the newer name OpenAI gives the system role; upstreams know only "system".
function isSystem(message: PuterMessage): boolean {
  return message.role === "system" || message.role === "developer";
}

function mergeSystem(messages: PuterMessage[]): PuterMessage | undefined {
  const [first] = messages;
  if (!first) return undefined;
  if (messages.length === 1 && first.role === "system" && typeof first.content === "string") return first;
  const texts = messages.map((message) => textOf(message.content)).filter((text) => text !== "");
  return { role: "system", content: texts.join("\n\n") };
}

function textOf(content: Content): string {
  if (typeof content === "string") return content;
  return (content ?? []).filter(isTextPart).map((part) => part.text).join("\n\n");
}

// Only user and assistant turns merge: each tool result answers its own tool_call_id.
function mergeRuns(messages: PuterMessage[]): PuterMessage[] {
  const merged: PuterMessage[] = [];
  for (const message of messages) {
    const last = merged.at(-1);
    const mergeable = message.role === "user" || message.role === "assistant";
    if (last && mergeable && last.role === message.role) merged[merged.length - 1] = mergePair(last, message);
    else merged.push(message);
  }
  return merged;
}

// Fields of both survive (the first turn's win); a name survives only if both turns share it.
function mergePair(first: PuterMessage, second: PuterMessage): PuterMessage {
  const merged: PuterMessage = { ...second, ...first };
  const content = mergeContent(first.content, second.content);
  if (content === undefined) delete merged.content;
  else merged.content = content;
  const calls = [...(first.tool_calls ?? []), ...(second.tool_calls ?? [])];
  if (calls.length > 0) merged.tool_calls = calls;
  if (first.name !== second.name) delete merged.name;
  return merged;
}

// An empty side adds nothing, so a tool-calling turn's null never becomes "null" or a stray "\n\n".
function mergeContent(first: Content, second: Content): Content {
  if (isEmpty(second)) return first;
  if (isEmpty(first)) return second;
  if (typeof first === "string" && typeof second === "string") return `${first}\n\n${second}`;
  return [...toParts(first), ...toParts(second)];
}

function isEmpty(content: Content): boolean {
  return content == null || content.length === 0;
}

function toParts(content: Content): PuterContentPart[] {
  return typeof content === "string" ? [{ type: "text", text: content }] : (content ?? []);
}
