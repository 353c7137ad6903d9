import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { InvalidRequestError } from "../errors.ts";
import { parseChatRequest } from "./chat-request.ts";

const messages = [{ role: "user", content: "hi" }];

describe("parseChatRequest", () => {
  it("maps the parameters Puter reads and leaves out the ones it ignores", () => {
    const request = parseChatRequest({
      model: "gpt-5-nano",
      messages,
      stream: true,
      stream_options: { include_usage: true },
      temperature: 0.2,
      max_completion_tokens: 50,
      reasoning_effort: "low",
      verbosity: "low",
      tools: [{ type: "function", function: { name: "f", parameters: {} } }],
      tool_choice: "auto",
      stop: ["x"],
      seed: 1,
      presence_penalty: 0,
      frequency_penalty: 0,
      response_format: { type: "text" },
      logprobs: false,
      user: "u1",
      some_future_field: { anything: true },
    });
    assert.equal(request.stream, true);
    assert.equal(request.includeUsage, true);
    assert.deepEqual(request.params, {
      temperature: 0.2,
      max_tokens: 50,
      reasoning_effort: "low",
      verbosity: "low",
      tools: [{ type: "function", function: { name: "f", parameters: {} } }],
      tool_choice: "auto",
      stopSequences: ["x"],
    });
  });

  it("maps stop to Puter's stopSequences, a JSON schema to outputFormat, and developer to system", () => {
    const request = parseChatRequest({
      model: "m",
      messages: [{ role: "developer", content: "be brief" }, ...messages],
      stop: "END",
      response_format: { type: "json_schema", json_schema: { name: "answer", schema: { type: "object" }, strict: true } },
    });
    assert.deepEqual(request.params, { stopSequences: ["END"], outputFormat: { type: "json_schema", schema: { type: "object" }, name: "answer", strict: true } });
    assert.deepEqual(request.messages[0], { role: "system", content: "be brief" });
    assert.deepEqual(parseChatRequest({ model: "m", messages, response_format: { type: "json_object" } }).params, {});
  });

  it("takes max_tokens when max_completion_tokens is absent, and null as absent", () => {
    assert.deepEqual(parseChatRequest({ model: "m", messages, max_tokens: 7, temperature: null }).params, { max_tokens: 7 });
  });

  it("keeps messages exactly as received, unknown fields included", () => {
    const input = [{ role: "user", content: [{ type: "text", text: "a" }, { type: "image_url", image_url: { url: "data:image/png;base64,AA==" } }], cache_control: { type: "ephemeral" } }];
    assert.deepEqual(parseChatRequest({ model: "m", messages: input }).messages, input);
  });

  const bad: Array<{ name: string; body: unknown; param: string | null; message: RegExp }> = [
    { name: "not an object", body: [1], param: null, message: /JSON object/ },
    { name: "missing model", body: { messages }, param: "model", message: /Missing required parameter: `model`/ },
    { name: "empty messages", body: { model: "m", messages: [] }, param: "messages", message: /at least one message/ },
    { name: "bad role", body: { model: "m", messages: [{ role: "robot", content: "x" }] }, param: "messages[0].role", message: /messages\[0\]\.role/ },
    { name: "n other than 1", body: { model: "m", messages, n: 2 }, param: "n", message: /only 1 is supported/ },
    { name: "temperature out of range", body: { model: "m", messages, temperature: 3 }, param: "temperature", message: /temperature/ },
    { name: "stream not a boolean", body: { model: "m", messages, stream: "yes" }, param: "stream", message: /stream/ },
    { name: "tool call without function name", body: { model: "m", messages: [{ role: "assistant", tool_calls: [{ id: "a", function: { arguments: "{}" } }] }] }, param: "messages[0].tool_calls[0].function.name", message: /name/ },
  ];
  for (const row of bad) {
    it(`rejects ${row.name} with a 400 naming the param`, () => {
      assert.throws(() => parseChatRequest(row.body), (error: unknown) => {
        assert.ok(error instanceof InvalidRequestError);
        assert.equal(error.status, 400);
        assert.equal(error.param, row.param);
        assert.match(error.message, row.message);
        return true;
      });
    });
  }
});
