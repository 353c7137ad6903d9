import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { awkwardSplits, collect, streamOf } from "../../test/helpers/streams.ts";
import { decodeStage, lineStage } from "./line-stage.ts";
import { chainStages, stageStream } from "./stage.ts";

const cases: Array<{ name: string; text: string; lines: string[] }> = [
  { name: "LF lines", text: "a\nb\n", lines: ["a", "b"] },
  { name: "CRLF lines", text: "a\r\nb\r\n", lines: ["a", "b"] },
  { name: "last line without newline", text: "a\nlast", lines: ["a", "last"] },
  { name: "blank lines kept", text: "a\n\n\nb\n", lines: ["a", "", "", "b"] },
  { name: "multi-byte characters", text: "naïve café\n日本語 🎉🎉\n", lines: ["naïve café", "日本語 🎉🎉"] },
  { name: "one huge line", text: `${"x".repeat(20_000)}\nend`, lines: ["x".repeat(20_000), "end"] },
];

describe("decodeStage + lineStage", () => {
  for (const { name, text, lines } of cases) {
    it(`${name}: same lines however the bytes are cut`, async () => {
      // A huge line is cut into chunks of a few bytes, not at every byte: the other cases cover those cuts.
      const splits = text.length > 1000 ? awkwardSplits(text).filter((s) => s.name.startsWith("chunks") || s.name === "whole") : awkwardSplits(text);
      for (const split of splits) {
        const out = await collect(streamOf(split.chunks).pipeThrough(stageStream(chainStages(decodeStage(), lineStage()))));
        assert.deepEqual(out, lines, split.name);
      }
    });
  }
});

describe("lineStage limit", () => {
  it("passes a line of exactly the limit and refuses one a character longer, without waiting for its end", async () => {
    const ok = await collect(streamOf(["x".repeat(50), "x".repeat(50), "\n"]).pipeThrough(stageStream(lineStage(100))));
    assert.deepEqual(ok, ["x".repeat(100)]);
    const endless = streamOf(["x".repeat(60), "x".repeat(60), "never reached\n"]).pipeThrough(stageStream(lineStage(100)));
    await assert.rejects(collect(endless), /longer than 100 characters/);
  });
});
