// Puter's always-on `fake-chat` provider (FakeChatProvider.ts): random lorem ipsum, Claude-shaped.

const WORDS = (
  "ad adipisicing aliqua aliquip amet anim aute cillum commodo consectetur consequat culpa cupidatat " +
  "deserunt do dolor dolore duis ea eiusmod elit enim esse est et eu ex excepteur exercitation fugiat id " +
  "in incididunt ipsum irure labore laboris laborum Lorem magna minim mollit nisi non nostrud nulla " +
  "occaecat officia pariatur proident qui quis reprehenderit sint sit sunt tempor ullamco ut velit veniam voluptate"
).split(" ");

const between = (min: number, max: number): number => min + Math.floor(Math.random() * (max - min + 1));
const pick = (): string => WORDS[Math.floor(Math.random() * WORDS.length)] ?? "lorem";

function sentence(): string {
  const words = Array.from({ length: between(12, 20) }, pick).join(" ");
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}.`;
}

/** 1–3 paragraphs of 4–8 sentences of 12–20 words, joined by "\n" as the lorem-ipsum package does. */
export function loremParagraphs(): string {
  const paragraph = () => Array.from({ length: between(4, 8) }, sentence).join(" ");
  return Array.from({ length: between(1, 3) }, paragraph).join("\n");
}

/** Models served by fake-chat; `method:"models"` lists them (capture 13), the public lists hide them. */
export const FAKE_MODELS = ["abuse", "costly", "fake"] as const;

export const FAKE_CATALOGUE = [
  { id: "abuse", aliases: [], costs_currency: "usd-cents", costs: { "input-tokens": 0, "output-tokens": 0 }, max_tokens: 8192, provider: "fake-chat" },
  { id: "costly", aliases: [], costs_currency: "usd-cents", costs: { "input-tokens": 1000, "output-tokens": 2000 }, max_tokens: 8192, provider: "fake-chat" },
  { id: "fake", aliases: [], costs_currency: "usd-cents", costs: { "input-tokens": 0, "output-tokens": 0 }, max_tokens: 8192, provider: "fake-chat" },
];

function inputTokens(messages: unknown): number {
  if (!Array.isArray(messages)) return 0;
  let chars = 0;
  for (const m of messages as { content?: unknown }[]) {
    if (typeof m?.content === "string") chars += Math.ceil(m.content.length / 4);
  }
  return chars;
}

function fakeText(model: string): string {
  if (model !== "abuse") return loremParagraphs();
  return '<h2>Free AI and Cloud for everyone!</h2><br />\nCome on down to <a href="https://puter.com">puter.com</a> and try it out!';
}

/**
 * The fake provider's non-stream result. The driver adds `usd_cents: null` to the usage object,
 * which `message.usage` shares, so both carry it (capture 02).
 */
export function fakeResult(model: string, args: Record<string, unknown>): Record<string, unknown> {
  const costly = model === "costly";
  const usage = {
    input_tokens: costly ? inputTokens(args.messages) : 0,
    output_tokens: costly ? between(50, 200) : 1,
    usd_cents: null,
  };
  return {
    message: {
      id: "00000000-0000-0000-0000-000000000000",
      type: "message",
      role: "assistant",
      model,
      content: [{ type: "text", text: fakeText(model) }],
      stop_reason: "end_turn",
      stop_sequence: null,
      usage,
    },
    usage,
    finish_reason: "stop",
  };
}

/** The text inside a fake result, for its one-line stream. */
export function fakeResultText(result: Record<string, unknown>): string {
  const message = result.message as { content: { text: string }[] };
  return message.content[0]?.text ?? "";
}
