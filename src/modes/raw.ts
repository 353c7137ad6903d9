import type { PuterMessage } from "../upstream/puter/messages.ts";

/** Passes the messages through exactly as the client sent them, for upstreams that accept any order. */
export function shapeRaw(messages: PuterMessage[]): PuterMessage[] {
  return messages;
}
