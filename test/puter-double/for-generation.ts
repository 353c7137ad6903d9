import type { Generation } from "./generation.ts";
import { toNewerResult } from "./newer-result.ts";
import { toNewerLines } from "./newer-stream.ts";
import type { AnswerFacts } from "./newer-usage.ts";
import type { AnswerScenario, PuterLine } from "./scenario-types.ts";

/**
 * An answer scenario as the given backend answers this request. Older: as declared. Newer: its
 * `newerLines` with the per-request additions, and the result with `stopReason`/`usageDetails`
 * (OpenAI-shaped with `args.normalize: true`). The meaning (`expected`) stays the same.
 */
export function scenarioFor(
  scenario: AnswerScenario,
  generation: Generation,
  args: Record<string, unknown>,
): AnswerScenario {
  if (generation === "older") return scenario;
  const facts: AnswerFacts = {
    service: scenario.expected.service,
    result: scenario.result,
    ...(scenario.metadata ? { metadata: scenario.metadata } : {}),
  };
  return {
    ...scenario,
    lines: toNewerLines(scenario.newerLines ?? scenario.lines, facts, args),
    result: toNewerResult(facts, args.normalize === true),
  };
}

/** Lines computed at request time (fake, long) as the given backend writes them. */
export function linesFor(
  lines: PuterLine[],
  facts: AnswerFacts,
  generation: Generation,
  args: Record<string, unknown>,
): PuterLine[] {
  return generation === "older" ? lines : toNewerLines(lines, facts, args);
}
