import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkTemplated, collect, streamOf } from "../../test/helpers/streams.ts";
import { translateStage } from "../chat/run.ts";
import { frameSse } from "../stream/sse-stage.ts";
import { stageStream } from "../stream/stage.ts";
import type { UpstreamEvent } from "../upstream/events.ts";
import { AnthropicMessagesTranslator } from "./messages-translator.ts";

const identity = { id: "msg_abc", created: 1_700_000_000, model: "claude-x" };

async function streamed(events: UpstreamEvent[], stops: string[] = []) {
  const messages = await collect(streamOf(events).pipeThrough(stageStream(translateStage(new AnthropicMessagesTranslator(identity, stops)))));
  return checkTemplated(messages, events.some((e) => e.type === "text"));
}

describe("AnthropicMessagesTranslator, streamed", () => {
  it("text deltas are serialised from the template, byte for byte what their data gives", async () => {
    const messages = await streamed([{ type: "reasoning", text: "hm" }, { type: "text", text: 'a "quoted"\nline' }, { type: "text", text: "日本" }, { type: "usage", usage: { promptTokens: 2, completionTokens: 3 } }]);
    const deltas = messages.filter((m) => m.event === "content_block_delta");
    assert.deepEqual(
      deltas.map((m) => m.data),
      [
        { type: "content_block_delta", index: 0, delta: { type: "thinking_delta", thinking: "hm" } },
        { type: "content_block_delta", index: 1, delta: { type: "text_delta", text: 'a "quoted"\nline' } },
        { type: "content_block_delta", index: 1, delta: { type: "text_delta", text: "日本" } },
      ],
    );
    assert.equal(frameSse(deltas[1] as never), `event: content_block_delta\ndata: ${JSON.stringify(deltas[1]?.data)}\n\n`);
  });

  it("text held back for a stop sequence still leaves as template frames", async () => {
    const messages = await streamed([{ type: "text", text: "one EN" }, { type: "text", text: "D two" }], ["END"]);
    const text = messages.filter((m) => m.event === "content_block_delta").map((m) => (m.data as { delta: { text: string } }).delta.text);
    assert.equal(text.join(""), "one ");
  });
});
