import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import OpenAI from "openai";
import { ANSWER_SCENARIO_NAMES, EXPECTED } from "../puter-double/scenarios.ts";
import { createPuterDouble } from "../puter-double/double.ts";
import { inProcess, TOKENS } from "./app.ts";

/** The double's answers with byte-stream bodies, as Deno's fetch gives them (so a BYOB reader is used). */
function asByteStreams(fetch: typeof globalThis.fetch): typeof globalThis.fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    if (!response.body) return response;
    const reader = response.body.getReader();
    const body = new ReadableStream<Uint8Array>({
      type: "bytes",
      async pull(controller) {
        if ((controller as ReadableByteStreamController).byobRequest) byobPulls += 1;
        for (;;) {
          const { done, value } = await reader.read();
          // A byte stream takes no empty chunk (a socket never yields one).
          if (!done && value.byteLength === 0) continue;
          // A copy: enqueueing transfers a chunk's buffer, and the double's chunks are views of one.
          if (!done) return controller.enqueue(value.slice() as Uint8Array<ArrayBuffer>);
          controller.close();
          return (controller as ReadableByteStreamController).byobRequest?.respond(0);
        }
      },
      cancel: (reason) => reader.cancel(reason),
    });
    return new Response(body, { status: response.status, headers: response.headers });
  };
}

/** Reads that came with the reader's own buffer: the proof a BYOB reader was used. */
let byobPulls = 0;
const double = createPuterDouble({ fakeDelayMs: 5, intervalMs: 1 });
const h = inProcess({ PUTER_API_BASE: double.url }, { fetch: asByteStreams(double.fetch), byteReads: true });
after(() => {
  h.double.close();
  double.close();
});

describe("byte reads (the Deno entry's setting): streamed answers are unchanged", () => {
  const plain = ANSWER_SCENARIO_NAMES.filter((name) => !EXPECTED[name].streamError && EXPECTED[name].olderStreamError === undefined && !name.startsWith("legacy/") && !/stall|cut|fault/.test(name));
  for (const name of plain) {
    it(`${name}`, async () => {
      const openai = new OpenAI({ apiKey: TOKENS.newer, baseURL: "http://proxy.test/v1", maxRetries: 0, timeout: 10_000, fetch: h.fetch });
      const completion = await openai.chat.completions.stream({ model: name, messages: [{ role: "user", content: "hi" }] }).finalChatCompletion();
      const message = completion.choices[0]?.message;
      assert.equal(message?.content ?? "", EXPECTED[name].text);
      assert.deepEqual((message?.tool_calls ?? []).map((call) => (call.type === "function" ? call.function.name : call.type)), EXPECTED[name].toolCalls.map((call) => call.name));
    });
  }
  it("read them with the proxy's own buffers", () => assert.ok(byobPulls > 0, "no read came with a buffer of the proxy's"));
});
