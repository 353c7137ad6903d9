import type { IncomingMessage, ServerResponse } from "node:http";
import { baseHeaders } from "./http-util.ts";
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
 * One `res.write`, awaited until the data has been handed to the socket, so consecutive writes
 * leave as separate chunks. Gives up quietly when the client is gone.
 */
export function writeChunk(res: ServerResponse, data: string | Buffer, signal: AbortSignal): Promise<void> {
  if (signal.aborted || res.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      signal.removeEventListener("abort", done);
      resolve();
    };
    signal.addEventListener("abort", done, { once: true });
    res.write(data, done);
  });
}

/** Status and headers of a Puter stream (capture 03): NDJSON, chunked, no Content-Length. */
export function startNdjson(req: IncomingMessage, res: ServerResponse): void {
  res.socket?.setNoDelay(true);
  res.writeHead(200, {
    ...baseHeaders(req),
    "Content-Type": "application/x-ndjson",
    "Transfer-Encoding": "chunked",
  });
}

export const ndjson = (line: PuterLine): string => `${JSON.stringify(line)}\n`;

/** Writes each line separately, `gapMs` apart. Returns false if the client went away first. */
export async function writeLines(
  res: ServerResponse,
  lines: PuterLine[],
  gapMs: number,
  signal: AbortSignal,
): Promise<boolean> {
  for (const [i, line] of lines.entries()) {
    if (i > 0) await sleep(gapMs, signal);
    await writeChunk(res, ndjson(line), signal);
    if (signal.aborted) return false;
  }
  return true;
}

/** First index at or after `from` whose byte satisfies `test`, or -1. */
function indexOfByte(bytes: Buffer, from: number, test: (b: number) => boolean): number {
  for (let i = from; i < bytes.length; i++) if (test(bytes[i] ?? 0)) return i;
  return -1;
}

/**
 * Awkward cut points: inside the first 2-, 3- and 4-byte UTF-8 characters, right after the
 * first "\n", and in the middle of the JSON that follows it.
 */
export function awkwardCuts(bytes: Buffer): number[] {
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

/** Writes `bytes` as separate socket writes cut at `awkwardCuts`, `gapMs` apart. */
export async function writeSplit(
  res: ServerResponse,
  bytes: Buffer,
  gapMs: number,
  signal: AbortSignal,
): Promise<boolean> {
  res.socket?.setNoDelay(true);
  let start = 0;
  for (const end of [...awkwardCuts(bytes), bytes.length]) {
    if (start > 0) await sleep(gapMs, signal);
    await writeChunk(res, bytes.subarray(start, end), signal);
    if (signal.aborted) return false;
    start = end;
  }
  return true;
}

/** NDJSON bytes of `lines` with one blank line after the first, which readers must skip. */
export function ndjsonWithBlankLine(lines: PuterLine[]): Buffer {
  const text = lines.map(ndjson);
  text.splice(1, 0, "\n");
  return Buffer.from(text.join(""), "utf8");
}
