import type { PuterContentPart } from "../upstream/puter/messages.ts";

export type TextPart = { type: "text"; text: string };

/** Whether a content part is text (the parts the modes merge); other parts are carried as they are. */
export function isTextPart(part: PuterContentPart): part is TextPart {
  return part.type === "text" && "text" in part && typeof part.text === "string";
}
