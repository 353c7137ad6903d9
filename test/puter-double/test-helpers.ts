import { request } from "node:http";
import type { AnswerExpectation, ToolCallExpectation } from "./scenario-types.ts";

// Helpers for the double's own tests: calling it, and reading its answers back in one neutral form.

export const VALID_TOKEN = "good-token";

export const chatBody = (args: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  interface: "puter-chat-completion",
  driver: "ai-chat",
  method: "complete",
  args: { messages: [{ role: "user", content: "hi" }], ...args },
  ...extra,
});

/** POST /drivers/call with a JSON body and a Bearer token (none when `token` is null). */
export function callDriver(
  url: string,
  body: unknown,
  token: string | null = VALID_TOKEN,
  init: RequestInit = {},
): Promise<Response> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  return fetch(`${url}/drivers/call`, {
    method: "POST",
    headers,
    body: typeof body === "string" ? body : JSON.stringify(body),
    ...init,
  });
}

export const complete = (url: string, args: Record<string, unknown>, init: RequestInit = {}) =>
  callDriver(url, chatBody(args), VALID_TOKEN, init);

/** The v2 success envelope, as far as the tests read it without digging. */
export interface Envelope {
  success: boolean;
  result: Record<string, unknown>;
  service: unknown;
  metadata: unknown;
}

/** Walks `path` into parsed JSON; undefined as soon as a step is missing. */
export function dig(value: unknown, ...path: (string | number)[]): unknown {
  let current = value;
  for (const step of path) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[step];
  }
  return current;
}

/** NDJSON text to objects; blank lines are skipped as puter.js does. */
export function parseNdjson(text: string): Record<string, unknown>[] {
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** The parts of an answer both framings carry, for comparison with `AnswerExpectation`. */
export type AnswerSummary = Pick<AnswerExpectation, "text" | "reasoning" | "toolCalls" | "usage"> & {
  error?: string;
};

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === "object" && v !== null ? (v as Obj) : {});
const str = (v: unknown): string => (typeof v === "string" ? v : "");

/** Reads stream lines the tolerant way the protocol asks for (v2 types, untyped text, Anthropic events, v1 errors). */
export function summarizeLines(lines: Obj[]): AnswerSummary {
  const summary: AnswerSummary = { text: "", reasoning: "", toolCalls: [], usage: null };
  for (const line of lines) {
    const delta = obj(line.delta);
    if (line.type === "tool_use") {
      summary.toolCalls.push({ id: str(line.id), name: str(line.name), arguments: JSON.stringify(line.input) });
    } else if (line.type === "reasoning") summary.reasoning += str(line.reasoning);
    else if (line.type === "usage") summary.usage = line.usage ?? null;
    else if (line.type === "error") summary.error = str(line.message);
    else if (line.type === "content_block_delta") summary.text += str(delta.text);
    else if (typeof line.text === "string") summary.text += line.text;
    else if (typeof line.error === "object") summary.error = str(obj(line.error).message);
  }
  return summary;
}

/** Reads a non-stream `result` in any of the three shapes. */
export function summarizeResult(result: Obj): AnswerSummary {
  const message = obj(result.message);
  const usage = result.usage ?? null;
  if (Array.isArray(message.content)) {
    const blocks = message.content.map(obj);
    return {
      text: blocks.filter((b) => b.type === "text").map((b) => str(b.text)).join(""),
      reasoning: blocks.filter((b) => b.type === "thinking").map((b) => str(b.thinking)).join(""),
      toolCalls: blocks
        .filter((b) => b.type === "tool_use")
        .map((b) => ({ id: str(b.id), name: str(b.name), arguments: JSON.stringify(b.input) })),
      usage,
    };
  }
  const toolCalls: ToolCallExpectation[] = (Array.isArray(message.tool_calls) ? message.tool_calls : []).map((t) => {
    const call = obj(t);
    const fn = obj(call.function);
    return { id: str(call.id), name: str(fn.name), arguments: str(fn.arguments) };
  });
  return { text: str(message.content), reasoning: str(message.reasoning), toolCalls, usage };
}

/** The OpenAI finish_reason a result maps to (protocol appendix). */
export function finishOf(result: Obj): string {
  const message = obj(result.message);
  const summary = summarizeResult(result);
  if (summary.toolCalls.length > 0) return "tool_calls";
  if (message.stop_reason === "max_tokens" || result.finish_reason === "length") return "length";
  return "stop";
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Body as the `data` events delivered it (de-chunked). */
  chunks: Buffer[];
  /** True when the connection ended without a complete response. */
  aborted: boolean;
}

/** A raw node:http POST that keeps chunk boundaries; resolves when the response ends or breaks. */
export function rawPost(url: string, path: string, body: unknown, token = VALID_TOKEN): Promise<RawResponse> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, {
      method: "POST",
      agent: false,
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    });
    req.on("response", (res) => {
      const out: RawResponse = { status: res.statusCode ?? 0, headers: res.headers, chunks: [], aborted: false };
      res.on("data", (chunk: Buffer) => out.chunks.push(chunk));
      res.on("end", () => resolve(out));
      res.on("error", () => resolve({ ...out, aborted: true }));
      res.on("aborted", () => resolve({ ...out, aborted: true }));
    });
    req.on("error", reject);
    req.end(payload);
  });
}

/** True if `buf` ends partway through a multi-byte UTF-8 character. */
export function endsInsideCharacter(buf: Buffer): boolean {
  for (let back = 1; back <= Math.min(3, buf.length); back++) {
    const byte = buf[buf.length - back] ?? 0;
    if (byte < 0x80) return false;
    if (byte >= 0xc0) {
      const size = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
      return back < size;
    }
  }
  return false;
}

/** The in-band error a generation's stream of this answer ends with (undefined: none). */
export function expectedStreamError(expected: AnswerExpectation, generation: "older" | "newer"): string | undefined {
  if (generation === "older" && "olderStreamError" in expected) return expected.olderStreamError ?? undefined;
  return expected.streamError;
}

/** Rejects when `promise` takes longer than `ms`, so a regression fails fast instead of hanging. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
