import { UpstreamError } from "../errors.ts";
import type { Stage } from "./stage.ts";

/** Longest line accepted, in characters: generous (a 10 MB image line passes), but bounded. */
export const MAX_LINE_CHARS = 16 * 1024 * 1024;

/** Decodes UTF-8 bytes to text; a character split across chunks comes out whole. */
export function decodeStage(): Stage<Uint8Array, string> {
  const decoder = new TextDecoder();
  return {
    push(bytes, out) {
      const text = decoder.decode(bytes, { stream: true });
      if (text) out.emit(text);
    },
    flush(out) {
      const text = decoder.decode();
      if (text) out.emit(text);
    },
  };
}

function tooLong(maxChars: number): UpstreamError {
  return new UpstreamError(`Puter sent a stream line longer than ${maxChars} characters without ending it.`, "upstream_line_too_long");
}

/**
 * Splits decoded text into lines: `\n` or `\r\n` ends a line, and a last line without a newline is
 * still delivered. Empty lines are passed on; the consumer decides what they mean. A line that grows
 * past `maxChars` without ending throws, so an endless line cannot eat the memory.
 */
export function lineStage(maxChars = MAX_LINE_CHARS): Stage<string, string> {
  let rest = "";
  return {
    push(text, out) {
      let start = 0;
      let end = text.indexOf("\n");
      if (end === -1) {
        rest += text;
        if (rest.length > maxChars) throw tooLong(maxChars);
        return;
      }
      // The first line completes whatever the previous chunk left unfinished.
      out.emit(trimCarriageReturn(rest + text.slice(0, end)));
      start = end + 1;
      while ((end = text.indexOf("\n", start)) !== -1) {
        out.emit(trimCarriageReturn(text.slice(start, end)));
        start = end + 1;
      }
      rest = text.slice(start);
      if (rest.length > maxChars) throw tooLong(maxChars);
    },
    flush(out) {
      if (rest) out.emit(trimCarriageReturn(rest));
      rest = "";
    },
  };
}

function trimCarriageReturn(line: string): string {
  return line.endsWith("\r") ? line.slice(0, -1) : line;
}
