import { baseHeaders } from "./http-util.ts";
import type { Reply } from "./reply.ts";
import type { Exchange } from "./run-context.ts";
import type { PuterLine } from "./scenario-types.ts";

/** Resolves after `ms`, or at once when `signal` aborts; the timer never outlives the signal. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}

/** Resolves once the client has gone away (or the double is closing). */
export function untilAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
}

/**
 * One body chunk. The node wrapper hands each chunk to the socket before reading the next, so
 * consecutive writes leave as separate chunks. Gives up quietly when the client is gone.
 */
export function writeChunk(reply: Reply, data: string | Uint8Array, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return reply.write(data);
}

/** Status and headers of a Puter stream (capture 03): NDJSON, chunked, no Content-Length. */
export function startNdjson({ request, reply }: Exchange): void {
  reply.head(200, {
    ...baseHeaders(request),
    "Content-Type": "application/x-ndjson",
    "Transfer-Encoding": "chunked",
  });
}

export const ndjson = (line: PuterLine): string => `${JSON.stringify(line)}\n`;

/** Writes each line separately, `gapMs` apart. Returns false if the client went away first. */
export async function writeLines(
  reply: Reply,
  lines: PuterLine[],
  gapMs: number,
  signal: AbortSignal,
): Promise<boolean> {
  for (const [i, line] of lines.entries()) {
    if (i > 0) await sleep(gapMs, signal);
    await writeChunk(reply, ndjson(line), signal);
    if (signal.aborted) return false;
  }
  return true;
}

/** First index at or after `from` whose byte satisfies `test`, or -1. */
function indexOfByte(bytes: Uint8Array, from: number, test: (b: number) => boolean): number {
  for (let i = from; i < bytes.length; i++) if (test(bytes[i] ?? 0)) return i;
  return -1;
}

/**
 * Awkward cut points: inside the first 2-, 3- and 4-byte UTF-8 characters, right after the
 * first "\n", and in the middle of the JSON that follows it.
 */
export function awkwardCuts(bytes: Uint8Array): number[] {
  const cuts: number[] = [];
  const lead2 = indexOfByte(bytes, 0, (b) => b >= 0xc0 && b < 0xe0);
  const lead3 = indexOfByte(bytes, 0, (b) => b >= 0xe0 && b < 0xf0);
  const lead4 = indexOfByte(bytes, 0, (b) => b >= 0xf0);
  if (lead2 >= 0) cuts.push(lead2 + 1);
  if (lead3 >= 0) cuts.push(lead3 + 2);
  if (lead4 >= 0) cuts.push(lead4 + 3);
  const newline = bytes.indexOf(0x0a);
  if (newline >= 0) cuts.push(newline + 1);
  const nextLine = indexOfByte(bytes, newline + 1, (b) => b === 0x7b);
  cuts.push(nextLine >= 0 ? nextLine + 10 : Math.floor(bytes.length / 2));
  return [...new Set(cuts)].filter((c) => c > 0 && c < bytes.length).sort((a, b) => a - b);
}

/** Writes `bytes` as separate chunks cut at `awkwardCuts`, `gapMs` apart. */
export async function writeSplit(
  reply: Reply,
  bytes: Uint8Array,
  gapMs: number,
  signal: AbortSignal,
): Promise<boolean> {
  let start = 0;
  for (const end of [...awkwardCuts(bytes), bytes.length]) {
    if (start > 0) await sleep(gapMs, signal);
    await writeChunk(reply, bytes.subarray(start, end), signal);
    if (signal.aborted) return false;
    start = end;
  }
  return true;
}

/** NDJSON bytes of `lines` with one blank line after the first, which readers must skip. */
export function ndjsonWithBlankLine(lines: PuterLine[]): Uint8Array {
  const text = lines.map(ndjson);
  text.splice(1, 0, "\n");
  return new TextEncoder().encode(text.join(""));
}
