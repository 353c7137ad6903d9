import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { PuterMessage } from "../upstream/puter/messages.ts";
import { shapeRaw } from "./raw.ts";

const rows: Array<{ name: string; input: PuterMessage[] }> = [
  { name: "empty conversation", input: [] },
  {
    name: "out-of-order roles, systems anywhere, assistant first",
    input: [
      { role: "assistant", content: "hi" },
      { role: "system", content: "late system" },
      { role: "user", content: "a" },
      { role: "user", content: [{ type: "image_url", image_url: { url: "data:image/png;base64,AA" } }] },
      { role: "developer", content: "dev" },
    ],
  },
  {
    name: "tool-call round trip with null content and extra fields",
    input: [
      { role: "user", content: "weather?", name: "alice" },
      { role: "assistant", content: null, tool_calls: [{ id: "c1", type: "function", function: { name: "w", arguments: "{}" } }] },
      { role: "tool", tool_call_id: "c1", content: "sunny", cache_control: { type: "ephemeral" } },
    ],
  },
];

describe("shapeRaw", () => {
  for (const { name, input } of rows) {
    it(name, () => {
      const before = structuredClone(input);
      assert.deepEqual(shapeRaw(input), before);
      assert.deepEqual(input, before);
    });
  }
});
