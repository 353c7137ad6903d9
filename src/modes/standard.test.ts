import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { PuterContentPart, PuterMessage, PuterToolCall } from "../upstream/puter/messages.ts";
import { START_PLACEHOLDER, shapeStandard } from "./standard.ts";

const system = (content: PuterMessage["content"]): PuterMessage => ({ role: "system", content });
const user = (content: PuterMessage["content"]): PuterMessage => ({ role: "user", content });
const assistant = (content: PuterMessage["content"]): PuterMessage => ({ role: "assistant", content });
const call = (id: string, name: string, args: string): PuterToolCall => ({ id, type: "function", function: { name, arguments: args } });
const image: PuterContentPart = { type: "image_url", image_url: { url: "https://example.com/cat.png" } };

const rows: Array<{ name: string; input: PuterMessage[]; expected: PuterMessage[] }> = [
  { name: "empty conversation", input: [], expected: [] },
  {
    name: "plain alternation is unchanged",
    input: [system("Be brief."), user("hi"), assistant("hello"), user("bye")],
    expected: [system("Be brief."), user("hi"), assistant("hello"), user("bye")],
  },
  {
    name: "no system message adds none",
    input: [user("hi"), assistant("hello")],
    expected: [user("hi"), assistant("hello")],
  },
  {
    name: "system messages at the top, in the middle and at the end merge in order at the top",
    input: [system("A"), user("hi"), system("B"), assistant("hello"), user("bye"), system("C")],
    expected: [system("A\n\nB\n\nC"), user("hi"), assistant("hello"), user("bye")],
  },
  {
    name: "developer messages count as system messages",
    input: [{ role: "developer", content: "D" }, user("hi"), system("S"), { role: "developer", content: "E" }],
    expected: [system("D\n\nS\n\nE"), user("hi")],
  },
  {
    name: "a system message made of parts contributes its text parts only",
    input: [system([{ type: "text", text: "one" }, image, { type: "text", text: "two" }]), system("three"), user("hi")],
    expected: [system("one\n\ntwo\n\nthree"), user("hi")],
  },
  {
    name: "consecutive users merge",
    input: [user("a"), user("b"), user("c"), assistant("ok")],
    expected: [user("a\n\nb\n\nc"), assistant("ok")],
  },
  {
    name: "users split by a hoisted system message merge",
    input: [user("a"), system("S"), user("b")],
    expected: [system("S"), user("a\n\nb")],
  },
  {
    name: "consecutive assistants merge",
    input: [user("hi"), assistant("one"), assistant("two"), user("next")],
    expected: [user("hi"), assistant("one\n\ntwo"), user("next")],
  },
  {
    name: "a string merged with parts becomes parts and keeps the image",
    input: [user("look:"), user([image, { type: "text", text: "what is it?" }])],
    expected: [user([{ type: "text", text: "look:" }, image, { type: "text", text: "what is it?" }])],
  },
  {
    name: "empty and null contents add no noise",
    input: [user(""), user("a"), assistant(null), assistant("b"), user([]), user("c")],
    expected: [user("a"), assistant("b"), user("c")],
  },
  {
    name: "assistant first gets the placeholder user turn",
    input: [assistant("Welcome!"), user("hi")],
    expected: [user(START_PLACEHOLDER), assistant("Welcome!"), user("hi")],
  },
  {
    name: "assistant first after a system message gets the placeholder after the system message",
    input: [system("S"), assistant("Welcome!"), user("hi")],
    expected: [system("S"), user(START_PLACEHOLDER), assistant("Welcome!"), user("hi")],
  },
  {
    name: "a tool-call round trip stays intact and in order",
    input: [
      user("Weather in Paris and Rome?"),
      { role: "assistant", content: null, tool_calls: [call("c1", "get_weather", '{"city":"Paris"}'), call("c2", "get_weather", '{"city":"Rome"}')] },
      { role: "tool", tool_call_id: "c1", content: "21C" },
      { role: "tool", tool_call_id: "c2", content: "25C" },
      assistant("Paris 21C, Rome 25C."),
    ],
    expected: [
      user("Weather in Paris and Rome?"),
      { role: "assistant", content: null, tool_calls: [call("c1", "get_weather", '{"city":"Paris"}'), call("c2", "get_weather", '{"city":"Rome"}')] },
      { role: "tool", tool_call_id: "c1", content: "21C" },
      { role: "tool", tool_call_id: "c2", content: "25C" },
      assistant("Paris 21C, Rome 25C."),
    ],
  },
  {
    name: "merged assistants concatenate their tool calls and keep text without null",
    input: [
      user("go"),
      assistant("Checking."),
      { role: "assistant", content: null, tool_calls: [call("c1", "a", "{}")] },
      { role: "assistant", tool_calls: [call("c2", "b", "{}")] },
    ],
    expected: [user("go"), { role: "assistant", content: "Checking.", tool_calls: [call("c1", "a", "{}"), call("c2", "b", "{}")] }],
  },
  {
    name: "a name survives a merge only when both turns share it",
    input: [
      { role: "user", name: "alice", content: "a" },
      { role: "user", name: "alice", content: "b" },
      assistant("ok"),
      { role: "user", name: "alice", content: "c" },
      { role: "user", name: "bob", content: "d" },
    ],
    expected: [{ role: "user", name: "alice", content: "a\n\nb" }, assistant("ok"), user("c\n\nd")],
  },
];

describe("shapeStandard", () => {
  for (const { name, input, expected } of rows) {
    it(name, () => {
      const before = structuredClone(input);
      assert.deepEqual(shapeStandard(input), expected);
      assert.deepEqual(input, before, "input was mutated");
    });
  }
});
