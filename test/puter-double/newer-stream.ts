import { newerUsageLine, type AnswerFacts } from "./newer-usage.ts";
import type { PuterLine } from "./scenario-types.ts";

/**
 * The arguments JSON in the fragments an upstream streams it in: about three pieces, cut by code
 * point; anything longer than a few characters gives at least two.
 */
export function jsonFragments(json: string): string[] {
  const points = Array.from(json);
  if (points.length <= 4) return [json];
  const size = Math.max(2, Math.ceil(points.length / 3));
  const out: string[] = [];
  for (let i = 0; i < points.length; i += size) out.push(points.slice(i, i + size).join(""));
  return out;
}

/** `tool_use_start`, the `tool_input_delta` fragments, then the whole `tool_use` line (docs/puter-wire.md §3.2). */
function streamedToolLines(line: PuterLine): PuterLine[] {
  const canonical = line.canonical_id === undefined ? {} : { canonical_id: line.canonical_id };
  const start = { type: "tool_use_start", id: line.id, name: line.name, ...canonical };
  const json = typeof line.input === "string" ? line.input : JSON.stringify(line.input ?? {});
  const deltas = jsonFragments(json).map((partialJson) => ({ type: "tool_input_delta", id: line.id, partialJson }));
  return [start, ...deltas, line];
}

/**
 * A stream as a newer server writes it: tool arguments streamed when `args.streamToolInput` is
 * true, and the richer final usage line. Error lines and the Claude-only line types are already in
 * the scenario's `newerLines`, since they depend on what failed rather than on the request.
 */
export function toNewerLines(lines: PuterLine[], facts: AnswerFacts, args: Record<string, unknown>): PuterLine[] {
  const streamTools = args.streamToolInput === true;
  return lines.flatMap((line) => {
    if (line.type === "tool_use" && streamTools) return streamedToolLines(line);
    if (line.type === "usage") return [newerUsageLine(line, facts)];
    return [line];
  });
}
