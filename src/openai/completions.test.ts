import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { collect, streamOf } from "../../test/helpers/streams.ts";
import { translateStage } from "../chat/run.ts";
import { InvalidRequestError, UpstreamError } from "../errors.ts";
import { stageStream } from "../stream/stage.ts";
import type { UpstreamEvent } from "../upstream/events.ts";
import { parseCompletionsRequest } from "./completions-request.ts";
import { CompletionsTranslator } from "./completions-translator.ts";

const identity = { id: "cmpl-abc", created: 1_700_000_000, model: "m" };
const parse = (body: Record<string, unknown>) => parseCompletionsRequest({ model: "m", prompt: "Say hi", ...body });

describe("parseCompletionsRequest", () => {
  it("the prompt is one user message; parameters take Puter's names", () => {
    const parsed = parse({ prompt: ["Once upon"], max_tokens: 5, temperature: 0.5, top_p: 0.8, stop: "\n", stream: true, stream_options: { include_usage: true }, echo: false, n: 1, logprobs: null });
    assert.deepEqual(parsed.messages, [{ role: "user", content: "Once upon" }]);
    assert.deepEqual(parsed.params, { max_tokens: 5, temperature: 0.5, top_p: 0.8, stopSequences: ["\n"] });
    assert.equal(parsed.stream, true);
    assert.equal(parsed.includeUsage, true);
  });

  const refusals: Array<[Record<string, unknown>, string, RegExp]> = [
    [{ prompt: ["a", "b"] }, "prompt", /one prompt per request/],
    [{ prompt: 3 }, "prompt", /string or an array/],
    [{ n: 2 }, "n", /one choice/],
    [{ best_of: 3 }, "best_of", /one choice/],
    [{ echo: true }, "echo", /do not return the prompt/],
    [{ suffix: "end" }, "suffix", /fill in the middle/],
    [{ logprobs: 5 }, "logprobs", /log probabilities/],
  ];
  for (const [body, param, message] of refusals) {
    it(`refuses ${JSON.stringify(body)} naming \`${param}\``, () => {
      assert.throws(() => parse(body), (error: unknown) => error instanceof InvalidRequestError && error.param === param && message.test(error.message));
    });
  }
});

describe("CompletionsTranslator", () => {
  const events: UpstreamEvent[] = [{ type: "reasoning", text: "hidden" }, { type: "text", text: "Hel" }, { type: "text", text: "lo" }, { type: "usage", usage: { promptTokens: 3, completionTokens: 2 } }, { type: "finish", reason: "length" }];

  it("the stream and the whole answer agree; reasoning stays out of the text", async () => {
    const data = (await collect(streamOf(events).pipeThrough(stageStream(translateStage(new CompletionsTranslator(identity, true)))))).map((m) => m.data);
    assert.equal(data.at(-1), "[DONE]");
    const chunks = data.slice(0, -1) as Array<{ object: string; choices: Array<{ text: string; finish_reason: string | null }>; usage?: unknown }>;
    assert.ok(chunks.every((c) => c.object === "text_completion"));
    const translator = new CompletionsTranslator(identity);
    events.forEach((e) => translator.onEvent(e, () => {}));
    const whole = translator.whole();
    assert.equal(chunks.map((c) => c.choices[0]?.text ?? "").join(""), whole.choices[0]?.text);
    assert.equal(whole.choices[0]?.text, "Hello");
    assert.equal(chunks.at(-2)?.choices[0]?.finish_reason, "length");
    assert.deepEqual(chunks.at(-1)?.usage, whole.usage);
    assert.deepEqual(whole.usage, { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 });
  });

  it("a failure mid-stream is an error frame and no [DONE]", async () => {
    const failing: UpstreamEvent[] = [{ type: "text", text: "x" }, { type: "error", error: new UpstreamError("broke") }];
    const data = (await collect(streamOf(failing).pipeThrough(stageStream(translateStage(new CompletionsTranslator(identity)))))).map((m) => m.data);
    assert.deepEqual(data.at(-1), { error: { message: "broke", type: "api_error", param: null, code: "upstream_error" } });
    assert.ok(!data.includes("[DONE]"));
  });
});
