import assert from "node:assert/strict";
import { describe, it } from "node:test";
import OpenAI from "openai";
import { aiProvider, checkAISDK, checkAISDKToolLoop, checkOpenAICompletions, checkOpenAIResponses, checkOpenAIToolRoundTrip, ENDING_WELL } from "../clients/responses-clients.ts";
import { lastDriverCall, TOKEN, useProxy, within } from "./harness.ts";
import { selectedRuntimes } from "./runtimes.ts";

const NEWER = `newer-${TOKEN}`;

for (const runtime of selectedRuntimes()) {
  describe(`responses and completions on ${runtime.name}`, () => {
    const h = useProxy(runtime);

    for (const name of ENDING_WELL) {
      it(`${name}: openai responses.create and responses.stream`, () => checkOpenAIResponses(h.client(), name));
    }
    for (const token of [TOKEN, NEWER]) {
      const generation = token === NEWER ? "newer" : "older";
      for (const name of ["openai/reasoning", "claude/tools", "openai/length"] as const) {
        it(`${name} (${generation} Puter): AI SDK generateText and streamText`, () => checkAISDK(aiProvider(`${h.proxy.url}/v1`, token), name));
      }
      it(`${generation} Puter: openai tools round trip`, () => checkOpenAIToolRoundTrip(h.client(token)));
      it(`${generation} Puter: AI SDK tool loop`, () => checkAISDKToolLoop(aiProvider(`${h.proxy.url}/v1`, token)));
      it(`${generation} Puter: openai completions.create`, () => checkOpenAICompletions(h.client(token), "openai/text"));
    }

    it("streams events whose event: is data.type, numbered from 0, ending in response.completed", async () => {
      const response = await h.fetch("/responses", {
        method: "POST",
        headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify({ model: "openai/reasoning", input: "hi", stream: true }),
      });
      assert.equal(response.status, 200);
      assert.match(response.headers.get("content-type") ?? "", /^text\/event-stream/);
      const frames = (await response.text()).split("\n\n").filter(Boolean);
      const events = frames.map((frame) => {
        const event = /^event: (.+)$/m.exec(frame)?.[1];
        const data = JSON.parse(/^data: (.+)$/m.exec(frame)?.[1] ?? "null");
        assert.equal(event, data.type);
        return data;
      });
      events.forEach((e, i) => assert.equal(e.sequence_number, i));
      assert.equal(events.at(-1).type, "response.completed");
      assert.ok(events.some((e) => e.type === "response.reasoning_summary_text.delta"));
      assert.ok(!events.some((e) => e.type === "response.reasoning_text.delta"), "reasoning in one form only");
    });

    it("state the proxy does not keep is a 400 in the OpenAI envelope", async () => {
      await assert.rejects(h.client().responses.create({ model: "openai/text", input: "hi", previous_response_id: "resp_1" }), (error: Error) => {
        assert.ok(error instanceof OpenAI.BadRequestError);
        assert.equal(error.param, "previous_response_id");
        assert.match(error.message, /Resend the whole conversation/);
        return true;
      });
      await assert.rejects(h.client().completions.create({ model: "openai/text", prompt: "hi", echo: true }), OpenAI.BadRequestError);
    });

    it("a failure mid-stream raises in the openai SDK", async () => {
      await assert.rejects(h.client().responses.stream({ model: "stream/mid-error", input: "hi" }).finalResponse(), OpenAI.APIError);
    });

    it("a client that leaves mid-stream cancels the Puter call", async () => {
      const controller = new AbortController();
      // A stream that keeps flowing, as in the chat suite: workerd notices a client gone on its next write.
      const stream = await h.client().responses.create({ model: "stream/long", input: "hi", stream: true }, { signal: controller.signal });
      for await (const event of stream) if (event.type === "response.output_text.delta") break;
      controller.abort();
      const { completed } = await within(lastDriverCall(h.double).closed, 5_000, "upstream connection closed after client abort");
      assert.equal(completed, false);
    });
  });
}
