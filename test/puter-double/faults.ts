import { openAIAnswer } from "./answer-builders.ts";
import { baseHeaders, sendError, sendText } from "./http-util.ts";
import type { RunContext } from "./run-context.ts";
import { ndjson, sleep, startNdjson, writeChunk } from "./stream-writer.ts";

/** A faulty Puter, chosen by model name: what fault injection found the proxy must survive. */
export const FAULT_NAMES = [
  "fault/trickle",
  "fault/endless-line",
  "fault/ten-mb-line",
  "fault/empty-ndjson",
  "fault/json-as-ndjson",
  "fault/json-as-text",
  "fault/redirect",
  "fault/secret-in-error",
  "fault/secret-in-stream-error",
  "fault/slow-ndjson-whole",
] as const;

export type FaultName = (typeof FAULT_NAMES)[number];

/** `fault/trickle` writes one line, then one byte this often, never finishing its second line. */
export const TRICKLE_MS = 50;
/** `fault/endless-line` gives up after this many bytes, if nobody cut it first. */
export const ENDLESS_LINE_BYTES = 100 * 1024 * 1024;
/** `fault/ten-mb-line`: the text of its one answer line. */
export const TEN_MB = 10 * 1024 * 1024;
/** Where `fault/redirect` points when the last message names no URL. */
export const DEFAULT_REDIRECT = "http://redirect-target.invalid/drivers/call";
/** Internal addresses the secret-quoting faults put in their error text. */
export const INTERNAL_URLS = ["http://10.0.3.7:8080/drivers/call", "http://ai-router.svc.cluster.local/v1/complete"] as const;

export const isFault = (model: unknown): model is FaultName => (FAULT_NAMES as readonly unknown[]).includes(model);

const MIB = new Uint8Array(1024 * 1024).fill(0x61);

/** The text of the last message, for faults that take a parameter (the redirect target). */
function lastText(args: Record<string, unknown>): string {
  const messages = Array.isArray(args.messages) ? args.messages : [];
  const content = (messages.at(-1) as { content?: unknown } | undefined)?.content;
  return typeof content === "string" ? content : "";
}

/** An upstream error message that quotes the caller's token and internal addresses, as a leaky backend might. */
function leakyMessage(token: string): string {
  return `Provider call failed with Authorization: Bearer ${token} at ${INTERNAL_URLS[0]} (via ${INTERNAL_URLS[1]})`;
}

/** Writes `total` bytes of `a` in 1 MiB chunks, yielding between them so a reader sets the pace. */
async function writeMany(ctx: RunContext, total: number): Promise<void> {
  for (let sent = 0; sent < total && !ctx.signal.aborted; sent += MIB.length) {
    await writeChunk(ctx.reply, MIB.subarray(0, Math.min(MIB.length, total - sent)), ctx.signal);
    await sleep(1, ctx.signal);
  }
}

const usageLine = ndjson({ type: "usage", usage: { prompt_tokens: 1, completion_tokens: 1 } });

/** Answers `fault/*`; `token` is the caller's, for the faults that quote it. */
export async function runFault(ctx: RunContext, name: FaultName, args: Record<string, unknown>, token: string): Promise<void> {
  const { reply, signal } = ctx;
  switch (name) {
    case "fault/trickle":
      // One whole line first, so a stream has begun before the silence between lines.
      startNdjson(ctx);
      await writeChunk(reply, ndjson({ type: "text", text: "begun " }), signal);
      await writeChunk(reply, '{"type":"text","text":"', signal);
      while (!signal.aborted) {
        await sleep(TRICKLE_MS, signal);
        await writeChunk(reply, "a", signal);
      }
      return;
    case "fault/endless-line":
      startNdjson(ctx);
      await writeChunk(reply, '{"type":"text","text":"', signal);
      await writeMany(ctx, ENDLESS_LINE_BYTES);
      if (!signal.aborted) reply.end();
      return;
    case "fault/ten-mb-line":
      startNdjson(ctx);
      await writeChunk(reply, '{"type":"text","text":"', signal);
      await writeMany(ctx, TEN_MB);
      await writeChunk(reply, `"}\n${usageLine}`, signal);
      if (!signal.aborted) reply.end();
      return;
    case "fault/empty-ndjson":
      return sendText(ctx, 200, "application/x-ndjson", "");
    case "fault/json-as-ndjson":
    case "fault/json-as-text": {
      const whole = openAIAnswer({ service: "openai-completion", providerUsed: "gpt-4o-mini", text: ["mislabelled"], usage: { prompt_tokens: 1, completion_tokens: 1, cached_tokens: 0, usd_cents: 0 }, finish: "stop", promptTokens: 1, completionTokens: 1 });
      const body = JSON.stringify({ success: true, service: { name: "openai-completion" }, result: whole.result }, null, name === "fault/json-as-ndjson" ? 0 : 2);
      return sendText(ctx, 200, name === "fault/json-as-ndjson" ? "application/x-ndjson" : "text/plain; charset=utf-8", body);
    }
    case "fault/redirect": {
      const target = /^https?:\/\//.test(lastText(args)) ? lastText(args) : DEFAULT_REDIRECT;
      reply.head(307, { ...baseHeaders(ctx.request), Location: target, "Content-Length": "0" });
      reply.end();
      return;
    }
    case "fault/secret-in-error":
      return sendError(ctx, 500, leakyMessage(token), "internal_error");
    case "fault/secret-in-stream-error":
      startNdjson(ctx);
      await writeChunk(reply, ndjson({ type: "text", text: "partial " }), signal);
      await writeChunk(reply, ndjson({ type: "error", message: leakyMessage(token) }), signal);
      reply.end();
      return;
    case "fault/slow-ndjson-whole":
      // NDJSON even when no stream was asked for: a whole answer that takes a minute to finish.
      startNdjson(ctx);
      for (let i = 0; i < 600 && !signal.aborted; i++) {
        await writeChunk(reply, ndjson({ type: "text", text: `slow ${i} ` }), signal);
        await sleep(100, signal);
      }
      if (!signal.aborted) reply.end();
      return;
  }
}
