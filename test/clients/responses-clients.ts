import assert from "node:assert/strict";
import { createOpenAI } from "@ai-sdk/openai";
import { generateText, jsonSchema, stepCountIs, streamText, tool } from "ai";
import type OpenAI from "openai";
import type { Response as OpenAIResponse } from "openai/resources/responses/responses";
import { type AnswerScenario, ANSWER_SCENARIO_NAMES, type AnswerScenarioName, EXPECTED, SCENARIOS } from "../puter-double/scenarios.ts";

/**
 * Real-client checks of `/v1/responses` and `/v1/completions`, shared by the in-process test and
 * the e2e suite (which runs them on every runtime): the openai SDK and the Vercel AI SDK.
 */

/** Answer scenarios that end normally (the failing ones are tested on their own). */
export const ENDING_WELL = ANSWER_SCENARIO_NAMES.filter((name) => {
  const { delivery } = SCENARIOS[name] as AnswerScenario;
  return !EXPECTED[name].streamError && delivery !== "stall" && delivery !== "cut" && name !== "legacy/usage-limited";
});

/** The parts of a Response that streaming and not must agree on. */
export function summary(response: OpenAIResponse) {
  const calls = response.output.filter((item) => item.type === "function_call");
  const reasoning = response.output.flatMap((item) => (item.type === "reasoning" ? item.summary.map((s) => s.text) : []));
  return {
    text: response.output_text,
    reasoning: reasoning.join(""),
    toolCalls: calls.map((c) => ({ id: c.call_id, name: c.name, arguments: c.arguments })),
  };
}

/** `responses.create` and `responses.stream().finalResponse()` give the scenario's answer. */
export async function checkOpenAIResponses(client: OpenAI, name: AnswerScenarioName): Promise<void> {
  const expected = EXPECTED[name];
  const want = { text: expected.text, reasoning: expected.reasoning, toolCalls: expected.toolCalls };
  const whole = await client.responses.create({ model: name, input: "hi" });
  assert.match(whole.id, /^resp_/);
  assert.equal(whole.object, "response");
  assert.equal(whole.model, name);
  assert.equal(whole.status, expected.finishReason === "length" ? "incomplete" : "completed");
  assert.deepEqual(summary(whole), want);
  if (expected.promptTokens !== null) assert.equal(whole.usage?.input_tokens, expected.promptTokens);
  if (expected.completionTokens !== null) assert.equal(whole.usage?.output_tokens, expected.completionTokens);
  assert.equal(whole.usage?.total_tokens, (whole.usage?.input_tokens ?? 0) + (whole.usage?.output_tokens ?? 0));

  const stream = client.responses.stream({ model: name, input: "hi" });
  let deltas = "";
  stream.on("response.output_text.delta", (event) => (deltas += event.delta));
  const final = await stream.finalResponse();
  assert.deepEqual(summary(final), want);
  assert.equal(deltas, expected.text);
}

/** `completions.create`, whole and streamed, gives the scenario's text. */
export async function checkOpenAICompletions(client: OpenAI, name: AnswerScenarioName): Promise<void> {
  const expected = EXPECTED[name];
  const whole = await client.completions.create({ model: name, prompt: "hi" });
  assert.equal(whole.object, "text_completion");
  assert.match(whole.id, /^cmpl-/);
  assert.equal(whole.choices[0]?.text, expected.text);
  assert.equal(whole.choices[0]?.finish_reason, expected.finishReason === "length" ? "length" : "stop");
  const stream = await client.completions.create({ model: name, prompt: "hi", stream: true, stream_options: { include_usage: true } });
  let text = "";
  let usage: OpenAI.CompletionUsage | undefined;
  for await (const chunk of stream) {
    text += chunk.choices[0]?.text ?? "";
    usage = chunk.usage ?? usage;
  }
  assert.equal(text, expected.text);
  assert.ok(usage, "include_usage gives a usage chunk");
}

/** The AI SDK's OpenAI provider on the proxy; `fetch` lets in-process tests skip the socket. */
export function aiProvider(baseURL: string, apiKey: string, fetch?: typeof globalThis.fetch) {
  return createOpenAI({ baseURL, apiKey, ...(fetch ? { fetch } : {}) });
}

type Provider = ReturnType<typeof aiProvider>;

/** `generateText` and `streamText` through `openai.responses(…)` give the scenario's text and reasoning. */
export async function checkAISDK(openai: Provider, name: AnswerScenarioName): Promise<void> {
  const expected = EXPECTED[name];
  const whole = await generateText({ model: openai.responses(name), prompt: "hi", maxRetries: 0 });
  assert.equal(whole.text, expected.text);
  assert.equal(whole.reasoningText ?? "", expected.reasoning);
  assert.deepEqual(whole.toolCalls.map((c) => ({ id: c.toolCallId, name: c.toolName, arguments: JSON.stringify(c.input) })), expected.toolCalls);
  const errors: unknown[] = [];
  const streamed = streamText({ model: openai(name), prompt: "hi", maxRetries: 0, onError: ({ error }) => void errors.push(error) });
  assert.equal(await streamed.text, expected.text);
  assert.equal((await streamed.reasoningText) ?? "", expected.reasoning);
  assert.deepEqual(errors, []);
}

/** A tool loop under the AI SDK's validation: the model calls `exec_command`, reads its result, answers. */
export async function checkAISDKToolLoop(openai: Provider): Promise<void> {
  const ran: string[] = [];
  const exec_command = tool({
    description: "Runs a shell command.",
    inputSchema: jsonSchema<{ cmd: string }>({ type: "object", properties: { cmd: { type: "string" } }, required: ["cmd"], additionalProperties: false }),
    execute: async ({ cmd }) => {
      ran.push(cmd);
      return "ran fine";
    },
  });
  // The proxy keeps no responses, so the AI SDK must resend items rather than reference them.
  const providerOptions = { openai: { store: false } };
  const result = await generateText({ model: openai.responses("agent/shell"), prompt: "run it", tools: { exec_command }, stopWhen: stepCountIs(3), maxRetries: 0, providerOptions });
  assert.deepEqual(ran, ["echo puter-agent-ok"]);
  assert.equal(result.steps.length, 2);
  assert.match(result.text, /^Tool result: .*ran fine/);
  const streamed = streamText({ model: openai("agent/shell"), prompt: "run it", tools: { exec_command }, stopWhen: stepCountIs(3), maxRetries: 0, providerOptions });
  assert.match(await streamed.text, /^Tool result: .*ran fine/);
  // With the default `store: true` the second step references the first: a clear 400.
  await assert.rejects(
    generateText({ model: openai.responses("agent/shell"), prompt: "run it", tools: { exec_command }, stopWhen: stepCountIs(3), maxRetries: 0 }),
    (error: Error & { statusCode?: number; responseBody?: string }) => {
      assert.equal(error.statusCode, 400);
      assert.match(error.responseBody ?? "", /item_reference.*store: false/);
      return true;
    },
  );
}

/** A tools round trip with the openai SDK: the call, then the output sent back, then text. */
export async function checkOpenAIToolRoundTrip(client: OpenAI): Promise<void> {
  const tools: OpenAI.Responses.Tool[] = [{ type: "function", name: "exec_command", parameters: { type: "object", properties: { cmd: { type: "string" } } }, strict: false }];
  const first = await client.responses.create({ model: "agent/shell", input: "run it", tools, store: false });
  const call = first.output.find((item) => item.type === "function_call");
  assert.ok(call && call.type === "function_call", "the first turn is a function call");
  assert.equal(call.name, "exec_command");
  assert.deepEqual(JSON.parse(call.arguments), { cmd: "echo puter-agent-ok" });
  const input: OpenAI.Responses.ResponseInputItem[] = [{ role: "user", content: "run it" }, ...(first.output as OpenAI.Responses.ResponseInputItem[]), { type: "function_call_output", call_id: call.call_id, output: "puter-agent-ok" }];
  const second = await client.responses.stream({ model: "agent/shell", input, tools, store: false }).finalResponse();
  assert.equal(second.output_text, "Tool result: puter-agent-ok");
}
