import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { streamText } from "ai";
import OpenAI from "openai";
import { createApp } from "../../src/app.ts";
import { parseConfig } from "../../src/config.ts";
import { createPuterDouble } from "../puter-double/double.ts";
import { aiProvider, checkAISDK, checkAISDKToolLoop, checkOpenAICompletions, checkOpenAIResponses, checkOpenAIToolRoundTrip, ENDING_WELL } from "./responses-clients.ts";

// In-process: the real clients call the app through a custom fetch, the app calls the double's.
const double = createPuterDouble({ fakeDelayMs: 1, intervalMs: 0 });
const app = createApp(parseConfig({ PUTER_API_BASE: double.url, LOG_LEVEL: "silent" }), { fetch: double.fetch });
const viaApp: typeof fetch = async (url, init) => app.fetch(new Request(url, init));
after(() => double.close());

for (const token of ["e2e-x", "newer-e2e-x"]) {
  describe(`Responses and Completions clients in process (token ${token})`, () => {
    const client = new OpenAI({ apiKey: token, baseURL: "http://proxy.test/v1", maxRetries: 0, fetch: viaApp });
    const openai = aiProvider("http://proxy.test/v1", token, viaApp);

    for (const name of ENDING_WELL) {
      it(`${name}: openai responses.create and responses.stream agree with the scenario`, () => checkOpenAIResponses(client, name));
      it(`${name}: AI SDK generateText and streamText agree with the scenario`, () => checkAISDK(openai, name));
    }
    for (const name of ["openai/text", "openai/length", "claude/text"] as const) {
      it(`${name}: openai completions.create, whole and streamed`, () => checkOpenAICompletions(client, name));
    }
    it("openai: a tools round trip", () => checkOpenAIToolRoundTrip(client));
    it("AI SDK: a tool loop, and the default store: true refused clearly", () => checkAISDKToolLoop(openai));

    it("a failure mid-stream raises in the openai SDK, after response.failed is sent", async () => {
      const stream = client.responses.stream({ model: "stream/mid-error", input: "hi" });
      await assert.rejects(stream.finalResponse(), (error: Error) => error instanceof OpenAI.APIError);
    });

    it("a failure mid-stream reaches the AI SDK as an error", async () => {
      const errors: unknown[] = [];
      const streamed = streamText({ model: openai("stream/mid-error"), prompt: "hi", maxRetries: 0, onError: ({ error }) => void errors.push(error) });
      for await (const part of streamed.fullStream) void part;
      assert.equal(errors.length, 1);
      assert.match(JSON.stringify(errors[0]), /Overloaded/);
    });
  });
}
