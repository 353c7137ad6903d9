import type { Stage } from "./stage.ts";

/** One server-sent event: `data` is sent as it is when a string, as JSON otherwise. */
export interface SseMessage {
  event?: string;
  data: unknown;
}

/**
 * Frames messages as server-sent events (`event:` line when named, one `data:` line, blank line)
 * and encodes them to UTF-8. The only place in the proxy that writes SSE bytes.
 */
export function sseStage(): Stage<SseMessage, Uint8Array> {
  const encoder = new TextEncoder();
  return {
    push(message, out) {
      // JSON.stringify escapes newlines, so a JSON payload always fits on one data line.
      const data = typeof message.data === "string" ? message.data : JSON.stringify(message.data);
      out.emit(encoder.encode(message.event ? `event: ${message.event}\ndata: ${data}\n\n` : `data: ${data}\n\n`));
    },
  };
}
