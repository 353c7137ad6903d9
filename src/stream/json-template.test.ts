import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { jsonTemplate } from "./json-template.ts";

describe("jsonTemplate", () => {
  const shape = (model: string) => (delta: unknown) => ({ id: "x", model, choices: [{ index: 0, delta, finish_reason: null }] });

  it("gives exactly what JSON.stringify gives, for any value in the hole", () => {
    const frame = jsonTemplate(shape("m"));
    for (const delta of [{ content: "a\n\"b\" \u2028 日本" }, {}, null, "s", 3, [1, { x: undefined }]]) {
      assert.equal(frame(delta), JSON.stringify(shape("m")(delta)));
    }
  });

  it("fills several holes, in order", () => {
    const event = (seq: unknown, delta: unknown) => ({ type: "response.output_text.delta", sequence_number: seq, item_id: "msg_1", delta, logprobs: [] });
    const frame = jsonTemplate(event);
    for (const [seq, delta] of [[0, "a"], [41, "日本\n\"x\""], [7, ""]] as const) assert.equal(frame(seq, delta), JSON.stringify(event(seq, delta)));
  });

  it("falls back to a whole stringify when the fixed part contains the marker", () => {
    const frame = jsonTemplate(shape("\u0000hole\u0000"));
    assert.equal(frame({ content: "a" }), JSON.stringify(shape("\u0000hole\u0000")({ content: "a" })));
  });
});
