import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { collect, streamOf } from "../../test/helpers/streams.ts";
import { packSse, type SseMessage, sseStage } from "./sse-stage.ts";
import { stageStream } from "./stage.ts";

async function frames(messages: SseMessage[]) {
  const chunks = await collect(streamOf(messages).pipeThrough(stageStream(sseStage())));
  return new TextDecoder().decode(packSse(chunks));
}

describe("sseStage", () => {
  it("frames JSON objects as one data line each, strings as they are", async () => {
    const text = await frames([{ data: { a: "line\nbreak", b: "日本" } }, { data: "[DONE]" }]);
    assert.equal(text, 'data: {"a":"line\\nbreak","b":"日本"}\n\ndata: [DONE]\n\n');
  });

  it("names the event when given", async () => {
    assert.equal(await frames([{ event: "ping", data: {} }]), "event: ping\ndata: {}\n\n");
  });

  it("packs frames into one UTF-8 chunk, in order", () => {
    const packed = packSse(["data: 1\n\n", "data: é\n\n"]);
    assert.ok(packed instanceof Uint8Array);
    assert.equal(new TextDecoder().decode(packed), "data: 1\n\ndata: é\n\n");
  });
});

describe("frameSse", () => {
  it("a newline in an event name or in string data cannot forge another field or event", async () => {
    const text = await frames([{ event: "ping\ndata: forged\n\nevent: x", data: "one\ntwo\r\nthree" }]);
    assert.equal(text, "event: ping data: forged event: x\ndata: one\ndata: two\ndata: three\n\n");
    // Exactly one event: a single blank line, at the end.
    assert.equal(text.split("\n\n").length, 2);
  });
});
