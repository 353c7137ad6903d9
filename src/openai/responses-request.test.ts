import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { InvalidRequestError } from "../errors.ts";
import { CUSTOM_INPUT_SCHEMA } from "./responses-tools.ts";
import { parseResponsesRequest } from "./responses-request.ts";

const parse = (body: Record<string, unknown>) => parseResponsesRequest({ model: "m", input: "hi", ...body });

function refused(body: Record<string, unknown>, param: RegExp | string, message: RegExp) {
  assert.throws(() => parse(body), (error: unknown) => {
    assert.ok(error instanceof InvalidRequestError);
    if (typeof param === "string") assert.equal(error.param, param);
    else assert.match(error.param ?? "", param);
    assert.match(error.message, message);
    return true;
  });
}

describe("parseResponsesRequest: input", () => {
  it("a string is one user message; instructions lead as a system message", () => {
    assert.deepEqual(parse({ instructions: "Be brief." }).messages, [{ role: "system", content: "Be brief." }, { role: "user", content: "hi" }]);
  });

  it("messages: developer becomes system, parts become text or image_url, reasoning is dropped", () => {
    const { messages } = parse({
      input: [
        { type: "message", role: "developer", content: [{ type: "input_text", text: "rules" }] },
        { role: "user", content: [{ type: "input_text", text: "look: " }, { type: "input_image", image_url: "data:image/png;base64,AAAA", detail: "low" }] },
        { type: "reasoning", id: "rs_1", summary: [{ type: "summary_text", text: "secret thoughts" }], encrypted_content: "xyz" },
        { type: "message", role: "assistant", content: [{ type: "output_text", text: "Seen.", annotations: [] }] },
        { role: "user", content: [{ type: "input_image", image_url: "https://example.com/a.png" }] },
      ],
    });
    assert.deepEqual(messages, [
      { role: "system", content: "rules" },
      { role: "user", content: [{ type: "text", text: "look: " }, { type: "image_url", image_url: { url: "data:image/png;base64,AAAA", detail: "low" } }] },
      { role: "assistant", content: "Seen." },
      { role: "user", content: [{ type: "image_url", image_url: { url: "https://example.com/a.png" } }] },
    ]);
    assert.ok(!JSON.stringify(messages).includes("secret thoughts"), "reasoning never reaches the text");
  });

  it("calls and their outputs: one assistant turn with tool_calls, then tool messages by call_id", () => {
    const { messages } = parse({
      input: [
        { role: "user", content: "go" },
        { type: "message", role: "assistant", content: [{ type: "output_text", text: "On it." }] },
        { type: "function_call", call_id: "c1", name: "get_weather", arguments: '{"city":"Paris"}' },
        { type: "function_call", call_id: "c2", name: "lookup", namespace: "crm", arguments: "{}" },
        { type: "custom_tool_call", call_id: "c3", name: "apply_patch", input: "*** Begin Patch" },
        { type: "function_call_output", call_id: "c1", output: "sunny" },
        { type: "function_call_output", call_id: "c2", output: [{ type: "input_text", text: "found" }] },
        { type: "custom_tool_call_output", call_id: "c3", output: "Done." },
      ],
    });
    assert.deepEqual(messages.slice(1), [
      {
        role: "assistant",
        content: "On it.",
        tool_calls: [
          { id: "c1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } },
          { id: "c2", type: "function", function: { name: "crm__lookup", arguments: "{}" } },
          { id: "c3", type: "function", function: { name: "apply_patch", arguments: '{"input":"*** Begin Patch"}' } },
        ],
      },
      { role: "tool", tool_call_id: "c1", content: "sunny" },
      { role: "tool", tool_call_id: "c2", content: "found" },
      { role: "tool", tool_call_id: "c3", content: "Done." },
    ]);
  });
});

describe("parseResponsesRequest: tools and parameters", () => {
  it("function, namespace and custom tools become function tools; hosted tools are dropped", () => {
    const parsed = parse({
      tools: [
        { type: "function", name: "f", description: "F", parameters: { type: "object" }, strict: true },
        { type: "namespace", name: "crm", description: "CRM", tools: [{ type: "function", name: "lookup" }] },
        { type: "custom", name: "apply_patch", description: "Patch.", format: { type: "grammar", syntax: "lark", definition: "start: x" } },
        { type: "web_search" },
        { type: "file_search", vector_store_ids: [] },
      ],
      tool_choice: { type: "function", name: "f" },
      parallel_tool_calls: false,
    });
    const tools = parsed.params.tools as Array<{ function: { name: string; description?: string; parameters?: unknown; strict?: boolean } }>;
    assert.deepEqual(tools.map((t) => t.function.name), ["f", "crm__lookup", "apply_patch"]);
    assert.deepEqual(tools[0]?.function, { name: "f", description: "F", parameters: { type: "object" }, strict: true });
    assert.deepEqual(tools[2]?.function.parameters, CUSTOM_INPUT_SCHEMA);
    assert.match(tools[2]?.function.description ?? "", /Patch\.[\s\S]*lark grammar:\nstart: x/);
    assert.deepEqual(parsed.params.tool_choice, { type: "function", function: { name: "f" } });
    assert.equal(parsed.params.parallel_tool_calls, false);
    assert.deepEqual([...parsed.toolNames.entries()], [
      ["f", { kind: "function", name: "f" }],
      ["crm__lookup", { kind: "function", name: "lookup", namespace: "crm" }],
      ["apply_patch", { kind: "custom", name: "apply_patch" }],
    ]);
  });

  it("only hosted tools: no tools upstream, nor a tool_choice", () => {
    const parsed = parse({ tools: [{ type: "web_search" }], tool_choice: "required" });
    assert.equal(parsed.params.tools, undefined);
    assert.equal(parsed.params.tool_choice, undefined);
  });

  it("maps parameters to Puter's names and accepts the fields that change nothing", () => {
    const parsed = parse({
      max_output_tokens: 100,
      temperature: 0.2,
      top_p: 0.9,
      reasoning: { effort: "low", summary: "auto" },
      text: { format: { type: "json_schema", name: "out", schema: { type: "object" }, strict: true }, verbosity: "low" },
      store: false,
      include: ["reasoning.encrypted_content"],
      prompt_cache_key: "k",
      metadata: { a: "b" },
      truncation: "auto",
      service_tier: "auto",
      safety_identifier: "s",
      user: "u",
      client_metadata: { x: "y" },
      stream_options: { include_obfuscation: false },
    });
    assert.deepEqual(parsed.params, {
      max_tokens: 100,
      temperature: 0.2,
      top_p: 0.9,
      reasoning_effort: "low",
      outputFormat: { type: "json_schema", schema: { type: "object" }, name: "out", strict: true },
    });
  });

  it("state the proxy does not keep is a 400 that names the field and says to resend", () => {
    refused({ previous_response_id: "resp_1" }, "previous_response_id", /Resend the whole conversation.*store: false/);
    refused({ conversation: "conv_1" }, "conversation", /stores no responses/);
    refused({ background: true }, "background", /stores no responses/);
    refused({ input: [{ type: "item_reference", id: "msg_1" }] }, "input[0]", /item_reference/);
  });

  it("bad input names the field", () => {
    refused({ input: 3 }, "input", /string or an array/);
    refused({ input: [{ role: "tool", content: "x" }] }, "input[0].role", /user, system, developer or assistant/);
    refused({ input: [{ role: "user", content: [{ type: "input_file", file_id: "f" }] }] }, "input[0].content[0].type", /input_file/);
    refused({ input: [{ role: "user", content: [{ type: "input_image", file_id: "f" }] }] }, "input[0].content[0].image_url", /URL/);
    refused({ tools: [{ type: "function" }] }, "tools[0].name", /Missing/);
    refused({ tools: [{ type: "function", name: "a" }, { type: "custom", name: "a" }] }, "tools", /defined twice/);
    refused({ temperature: 3 }, "temperature", /Invalid value/);
    assert.throws(() => parseResponsesRequest({ input: "hi" }), /Missing required parameter: `model`/);
  });
});
