import type { PuterContentPart, PuterMessage, PuterToolCall } from "../upstream/puter/messages.ts";
import { isTextPart } from "./text-part.ts";

/** A stretch of text, or a non-text part (an image) kept as the client sent it. */
type Piece = string | PuterContentPart;

/**
 * Flattens the whole conversation into one user message, each turn as `[role] content`, turns
 * separated by a blank line, a turn's text parts joined by a blank line after its prefix.
 * A named turn reads `[role: name] …`. An assistant's tool calls follow its text, one per line,
 * as `(tool call <id>: <name> <arguments>)`; a tool result reads `[tool] (result of <id>) <content>`.
 * An empty turn is kept as `[role] `. Non-text parts stay parts at their place, making the
 * content an array of parts; without them the content is a plain string. Empty input gives [].
 */
export function shapeFull(messages: PuterMessage[]): PuterMessage[] {
  if (messages.length === 0) return [];
  const pieces = joinTexts(messages.flatMap(renderMessage));
  const [only] = pieces;
  const content = pieces.length === 1 && typeof only === "string" ? only : pieces.map(toPart);
  return [{ role: "user", content }];
}

// Yields text, part, text, …, text: always starting with the prefixed text, so no turn vanishes.
function renderMessage(message: PuterMessage): Piece[] {
  const { texts, others } = splitRuns(message.content);
  const last = texts.length - 1;
  texts[last] = joinNonEmpty([texts[last] ?? "", ...(message.tool_calls ?? []).map(renderCall)], "\n");
  const note = message.role === "tool" && message.tool_call_id ? `(result of ${message.tool_call_id})` : "";
  texts[0] = prefixOf(message) + joinNonEmpty([note, texts[0] ?? ""], " ");
  return texts.flatMap((text, index) => {
    const other = others[index];
    return other ? [text, other] : [text];
  });
}

function splitRuns(content: PuterMessage["content"]): { texts: string[]; others: PuterContentPart[] } {
  const parts: PuterContentPart[] = typeof content === "string" ? [{ type: "text", text: content }] : (content ?? []);
  const texts: string[] = [];
  const others: PuterContentPart[] = [];
  let run: string[] = [];
  for (const part of parts) {
    if (isTextPart(part)) {
      run.push(part.text);
      continue;
    }
    texts.push(run.join("\n\n"));
    others.push(part);
    run = [];
  }
  texts.push(run.join("\n\n"));
  return { texts, others };
}

function prefixOf(message: PuterMessage): string {
  return message.name ? `[${message.role}: ${message.name}] ` : `[${message.role}] `;
}

function renderCall(call: PuterToolCall): string {
  return `(tool call ${call.id}: ${joinNonEmpty([call.function.name, call.function.arguments], " ")})`;
}

function joinNonEmpty(texts: string[], separator: string): string {
  return texts.filter((text) => text !== "").join(separator);
}

// Neighbouring texts (across turns, or around a dropped empty run) become one blank-line-joined text.
// Each run of texts is joined once: concatenating turn by turn would build a rope as deep as the chat.
function joinTexts(pieces: Piece[]): Piece[] {
  const joined: Piece[] = [];
  let run: string[] = [];
  const flush = () => {
    if (run.length > 0) joined.push(run.join("\n\n"));
    run = [];
  };
  for (const piece of pieces) {
    if (typeof piece === "string") {
      if (piece !== "") run.push(piece);
      continue;
    }
    flush();
    joined.push(piece);
  }
  flush();
  return joined;
}

function toPart(piece: Piece): PuterContentPart {
  return typeof piece === "string" ? { type: "text", text: piece } : piece;
}
