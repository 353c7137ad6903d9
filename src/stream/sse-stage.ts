import type { Stage } from "./stage.ts";

/** One server-sent event: `data` is sent as it is when a string, as JSON otherwise. */
export interface SseMessage {
  event?: string;
  data: unknown;
  /** `JSON.stringify(data)` made already (a chunk template's output): sent instead of serialising `data` again. */
  json?: string;
}

/** A comment line (`: …`), which clients ignore: a keepalive. */
export const SSE_COMMENT = ": keepalive\n\n";

// A newline in a field would end it early and let the rest forge another field or event.
const LINE_BREAK = /\r\n|\r|\n/;

/** The bytes of one message: `event:` when named, one `data:` line per line of data, a blank line. */
export function frameSse(message: SseMessage): string {
  const data = message.json ?? (typeof message.data === "string" ? message.data : JSON.stringify(message.data));
  // JSON.stringify escapes newlines, so JSON always fits one data line; only raw strings are split.
  const lines = typeof message.data === "string" && LINE_BREAK.test(data) ? `data: ${data.split(LINE_BREAK).join("\ndata: ")}` : `data: ${data}`;
  if (!message.event) return `${lines}\n\n`;
  const event = LINE_BREAK.test(message.event) ? message.event.replace(/[\r\n]+/g, " ") : message.event;
  return `event: ${event}\n${lines}\n\n`;
}

/** Frames messages as server-sent events: the only place in the proxy that writes SSE text. */
export function sseStage(): Stage<SseMessage, string> {
  return {
    push(message, out) {
      out.emit(frameSse(message));
    },
  };
}

const encoder = new TextEncoder();

/** Framed events as one UTF-8 chunk: one encode and one write for what arrived together. */
export function packSse(frames: string[]): Uint8Array {
  return encoder.encode(frames.length === 1 ? (frames[0] as string) : frames.join(""));
}
