import type { ParsedBlock, ParsedMessages } from "./messages-schema.ts";

/** Characters per token: the usual rule of thumb for English text and code with BPE tokenizers. */
const CHARS_PER_TOKEN = 4;
/** An image counts as much as a ~1.2-megapixel one does at Anthropic (width × height / 750). */
const IMAGE_TOKENS = 1600;

function blockChars(block: ParsedBlock): number {
  switch (block.type) {
    case "text":
      return block.text.length;
    case "tool_use":
      return block.name.length + JSON.stringify(block.input ?? {}).length;
    case "tool_result": {
      const content = block.content ?? "";
      return typeof content === "string" ? content.length : content.reduce((sum, part) => sum + (part.type === "text" ? part.text.length : 0), 0);
    }
    default:
      // Thinking from earlier turns is dropped before Puter sees it; images are counted apart.
      return 0;
  }
}

function imageCount(parsed: ParsedMessages): number {
  let images = 0;
  for (const message of parsed.messages) {
    if (typeof message.content === "string") continue;
    for (const block of message.content) {
      if (block.type === "image") images += 1;
      if (block.type === "tool_result" && Array.isArray(block.content)) images += block.content.filter((part) => part.type === "image").length;
    }
  }
  return images;
}

/**
 * `POST /v1/messages/count_tokens`: an estimate, without a Puter call (Puter has no token counter):
 * the characters of the system prompt, the messages' text, tool calls and results, and the tools'
 * JSON, divided by four and rounded up, plus a flat 1600 per image.
 */
export function estimateInputTokens(parsed: ParsedMessages): number {
  let chars = typeof parsed.system === "string" ? parsed.system.length : (parsed.system ?? []).reduce((sum, block) => sum + block.text.length, 0);
  for (const message of parsed.messages) {
    chars += typeof message.content === "string" ? message.content.length : message.content.reduce((sum, block) => sum + blockChars(block), 0);
  }
  if (parsed.tools?.length) chars += JSON.stringify(parsed.tools).length;
  return Math.ceil(chars / CHARS_PER_TOKEN) + imageCount(parsed) * IMAGE_TOKENS;
}
