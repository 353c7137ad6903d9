import { agentAnswer as bashAgentAnswer } from "./agent-turns.ts";
import { openAIAnswer } from "./answer-builders.ts";
import { fakeResult, fakeResultText } from "./fake-chat.ts";
import { linesFor, scenarioFor } from "./for-generation.ts";
import { toNewerResult } from "./newer-result.ts";
import { sendJson, sendText } from "./http-util.ts";
import { answerNonStream, answerStream, envelope } from "./respond-answer.ts";
import type { RunContext } from "./run-context.ts";
import type { AnswerScenario } from "./scenario-types.ts";
import { agentAnswer } from "./scenarios-agent.ts";
import { echoAnswer, type ResolvedModel } from "./scenarios.ts";
import { ndjson, sleep, startNdjson, untilAborted, writeChunk, writeLines } from "./stream-writer.ts";

/** `stream/long`: one line every 20 ms for at most 30 s. */
export const LONG_TICK_MS = 20;
export const LONG_MAX_MS = 30_000;

function answer(ctx: RunContext, declared: AnswerScenario, args: Record<string, unknown>, stream: boolean): Promise<void> {
  const scenario = scenarioFor(declared, ctx.generation, args);
  return stream ? answerStream(ctx, scenario) : answerNonStream(ctx, scenario);
}

/** fake-chat: the whole text in one line after the delay, then a usage line holding only usd_cents. */
async function fake(ctx: RunContext, model: string, args: Record<string, unknown>, stream: boolean): Promise<void> {
  const result = fakeResult(model, args);
  const facts = { service: "fake-chat", result };
  if (!stream) {
    const answered = ctx.generation === "newer" ? toNewerResult(facts, args.normalize === true) : result;
    sendJson(ctx, 200, envelope(answered, "fake-chat", model));
    return;
  }
  await sleep(ctx.fakeDelayMs, ctx.signal);
  if (ctx.signal.aborted) return;
  startNdjson(ctx);
  const plain = [{ type: "text", text: fakeResultText(result) }, { type: "usage", usage: { usd_cents: null } }];
  const lines = linesFor(plain, facts, ctx.generation, args);
  if (await writeLines(ctx.reply, lines, 0, ctx.signal)) ctx.reply.end();
}

function longAnswer(ticks: number): AnswerScenario {
  return openAIAnswer({
    service: "openai-completion",
    providerUsed: "gpt-4o-mini",
    text: Array.from({ length: ticks }, (_, i) => `tick ${i} `),
    usage: { prompt_tokens: 4, completion_tokens: 2 * ticks, cached_tokens: 0, usd_cents: (60 + 120 * ticks) / 1e6 },
    finish: "stop",
    promptTokens: 4,
    completionTokens: 2 * ticks,
  });
}

/** `stream/long`: streams until the client leaves; without stream, answers only after the full 30 s. */
async function long(ctx: RunContext, args: Record<string, unknown>, stream: boolean): Promise<void> {
  const ticks = LONG_MAX_MS / LONG_TICK_MS;
  const full = longAnswer(ticks);
  if (!stream) {
    await sleep(LONG_MAX_MS, ctx.signal);
    if (!ctx.signal.aborted) await answer(ctx, full, args, false);
    return;
  }
  startNdjson(ctx);
  for (let i = 0; i < ticks; i++) {
    if (i > 0) await sleep(LONG_TICK_MS, ctx.signal);
    await writeChunk(ctx.reply, ndjson({ type: "text", text: `tick ${i} ` }), ctx.signal);
    if (ctx.signal.aborted) return;
  }
  const facts = { service: full.expected.service, result: full.result };
  const [usage] = linesFor([{ type: "usage", usage: full.expected.usage }], facts, ctx.generation, args);
  await writeChunk(ctx.reply, ndjson(usage ?? {}), ctx.signal);
  ctx.reply.end();
}

/** Answers `method:"complete"` for a model the double knows. */
export async function runComplete(
  ctx: RunContext,
  model: ResolvedModel,
  args: Record<string, unknown>,
  stream: boolean,
): Promise<void> {
  if (model.kind === "fake") return fake(ctx, model.name, args, stream);
  const scenario = model.scenario;
  switch (scenario.kind) {
    case "answer":
      return answer(ctx, scenario, args, stream);
    case "json":
      return sendJson(ctx, scenario.response.status, scenario.response.body, scenario.response.headers);
    case "text":
      return sendText(ctx, scenario.status, scenario.contentType, scenario.body, scenario.bare);
    case "echo":
      return answer(ctx, echoAnswer(args), args, stream);
    case "agent":
      // Claude Code's Bash round trip, or Codex's shell and apply_patch ones.
      if (model.name === "agent/bash") return answer(ctx, bashAgentAnswer(args), args, stream);
      return answer(ctx, agentAnswer(model.name as "agent/shell" | "agent/patch", args), args, stream);
    case "long":
      return long(ctx, args, stream);
    case "hang":
      return untilAborted(ctx.signal);
    case "reset":
      ctx.reply.reset();
      return;
    case "fake":
      return fake(ctx, "fake", args, stream);
  }
}
