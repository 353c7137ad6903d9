import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { PuterContentPart, PuterMessage, PuterToolCall } from "../upstream/puter/messages.ts";
import { shapeFull } from "./full.ts";

const text = (value: string): PuterContentPart => ({ type: "text", text: value });
const image: PuterContentPart = { type: "image_url", image_url: { url: "https://example.com/cat.png" } };
const call = (id: string, name: string, args: string): PuterToolCall => ({ id, type: "function", function: { name, arguments: args } });
const one = (content: PuterMessage["content"]): PuterMessage[] => [{ role: "user", content }];

const rows: Array<{ name: string; input: PuterMessage[]; expected: PuterMessage[] }> = [
  { name: "empty conversation gives no message", input: [], expected: [] },
  {
    name: "a text-only conversation becomes one string",
    input: [
      { role: "system", content: "Be brief." },
      { role: "user", content: "hi" },
      { role: "assistant", content: "hello" },
      { role: "developer", content: "dev note" },
    ],
    expected: one("[system] Be brief.\n\n[user] hi\n\n[assistant] hello\n\n[developer] dev note"),
  },
  {
    name: "text parts of a message are joined after the prefix",
    input: [{ role: "user", content: [text("one"), text("two")] }, { role: "assistant", content: "ok" }],
    expected: one("[user] one\n\ntwo\n\n[assistant] ok"),
  },
  {
    name: "an image part stays a part at its place",
    input: [
      { role: "system", content: "S" },
      { role: "user", content: [text("look"), image, text("what is it?")] },
      { role: "assistant", content: "a cat" },
    ],
    expected: one([text("[system] S\n\n[user] look"), image, text("what is it?\n\n[assistant] a cat")]),
  },
  {
    name: "an image first in a message follows the bare prefix",
    input: [{ role: "user", content: [image] }, { role: "assistant", content: "a cat" }],
    expected: one([text("[user] "), image, text("[assistant] a cat")]),
  },
  {
    name: "tool calls and tool results are rendered in order",
    input: [
      { role: "user", content: "Weather in Paris?" },
      { role: "assistant", content: null, tool_calls: [call("c1", "get_weather", '{"city":"Paris"}'), call("c2", "get_time", "{}")] },
      { role: "tool", tool_call_id: "c1", content: "21C" },
      { role: "tool", tool_call_id: "c2", content: "" },
      { role: "assistant", content: "Let me also check.", tool_calls: [call("c3", "get_rain", "")] },
      { role: "assistant", content: "21C and dry." },
    ],
    expected: one(
      [
        "[user] Weather in Paris?",
        '[assistant] (tool call c1: get_weather {"city":"Paris"})\n(tool call c2: get_time {})',
        "[tool] (result of c1) 21C",
        "[tool] (result of c2)",
        "[assistant] Let me also check.\n(tool call c3: get_rain)",
        "[assistant] 21C and dry.",
      ].join("\n\n"),
    ),
  },
  {
    name: "empty, null, absent and no-part contents still appear as the bare prefix",
    input: [
      { role: "user", content: "" },
      { role: "assistant", content: null },
      { role: "user" },
      { role: "assistant", content: [] },
      { role: "tool", content: "no id" },
    ],
    expected: one("[user] \n\n[assistant] \n\n[user] \n\n[assistant] \n\n[tool] no id"),
  },
  {
    name: "a named turn shows its name",
    input: [{ role: "user", name: "alice", content: "hi" }, { role: "assistant", content: "hello" }],
    expected: one("[user: alice] hi\n\n[assistant] hello"),
  },
];

describe("shapeFull", () => {
  for (const { name, input, expected } of rows) {
    it(name, () => {
      const before = structuredClone(input);
      assert.deepEqual(shapeFull(input), expected);
      assert.deepEqual(input, before, "input was mutated");
    });
  }
});
