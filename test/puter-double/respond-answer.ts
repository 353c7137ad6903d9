import { jsonHeaders, sendJson } from "./http-util.ts";
import type { RunContext } from "./run-context.ts";
import type { AnswerScenario } from "./scenario-types.ts";
import {
  ndjsonWithBlankLine,
  startNdjson,
  untilAborted,
  writeChunk,
  writeLines,
  writeSplit,
} from "./stream-writer.ts";

/** The v2 success envelope (DriverController `#handleCall`, ChatCompletionDriver `complete`). */
export function envelope(
  result: Record<string, unknown>,
  service: string,
  providerUsed: string,
  metadata: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    success: true,
    result: { ...result, via_ai_chat_service: true },
    service: { name: "ai-chat" },
    metadata: { service_used: service, providerUsed, ...metadata },
  };
}

/** Split writes need a few ms between them, or the client's reads coalesce them again. */
const splitGap = (ctx: RunContext): number => Math.max(ctx.intervalMs, 3);

/** Ends the response the way the scenario's delivery says, after its content has been written. */
async function finish(ctx: RunContext, scenario: AnswerScenario): Promise<void> {
  switch (scenario.delivery) {
    case "stall":
      await untilAborted(ctx.signal);
      return;
    case "cut":
      ctx.reply.cut();
      return;
    default:
      ctx.reply.end();
  }
}

export async function answerNonStream(ctx: RunContext, scenario: AnswerScenario): Promise<void> {
  const { request, reply, signal } = ctx;
  if (scenario.nonStream) {
    sendJson(ctx, scenario.nonStream.status, scenario.nonStream.body, scenario.nonStream.headers);
    return;
  }
  const { service, providerUsed } = scenario.expected;
  const value = envelope(scenario.result, service, providerUsed, scenario.metadata);
  const delivery = scenario.delivery ?? "lines";
  if (delivery === "lines") {
    sendJson(ctx, 200, value);
    return;
  }
  const text = JSON.stringify(value);
  const body = new TextEncoder().encode(text);
  reply.head(200, jsonHeaders(request, text));
  if (delivery === "split") {
    if (await writeSplit(reply, body, splitGap(ctx), signal)) reply.end();
    return;
  }
  // stall and cut: half of the promised Content-Length, then nothing or a dead socket.
  await writeChunk(reply, body.subarray(0, Math.floor(body.length / 2)), signal);
  await finish(ctx, scenario);
}

export async function answerStream(ctx: RunContext, scenario: AnswerScenario): Promise<void> {
  const { reply, signal } = ctx;
  startNdjson(ctx);
  const completed =
    scenario.delivery === "split"
      ? await writeSplit(reply, ndjsonWithBlankLine(scenario.lines), splitGap(ctx), signal)
      : await writeLines(reply, scenario.lines, scenario.lineGapMs ?? ctx.intervalMs, signal);
  if (completed) await finish(ctx, scenario);
}
