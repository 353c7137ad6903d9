import type { ChatMessage } from "../openai/types.ts";

/** Passes the messages through exactly as the client sent them, for upstreams that accept any order. */
export function shapeRaw(messages: ChatMessage[]): ChatMessage[] {
  return messages;
}
