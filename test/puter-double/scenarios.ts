import { openAIAnswer } from "./answer-builders.ts";
import { FAKE_MODELS } from "./fake-chat.ts";
import type { AnswerExpectation, AnswerScenario, BehaviourScenario, Scenario } from "./scenario-types.ts";
import { agentScenarios } from "./scenarios-agent.ts";
import { claudeScenarios } from "./scenarios-claude.ts";
import { badScenarios, errorScenarios } from "./scenarios-errors.ts";
import { legacyScenarios } from "./scenarios-legacy.ts";
import { openAIScenarios } from "./scenarios-openai.ts";
import { streamScenarios } from "./scenarios-stream.ts";

export type * from "./scenario-types.ts";

const TABLE = {
  fake: { kind: "fake" } satisfies BehaviourScenario,
  echo: { kind: "echo" } satisfies BehaviourScenario,
  // A tool call, then text once the conversation ends in its result: for real agents (agent-turns.ts).
  "agent/bash": { kind: "agent" } satisfies BehaviourScenario,
  ...openAIScenarios,
  ...claudeScenarios,
  ...legacyScenarios,
  ...errorScenarios,
  ...streamScenarios,
  ...badScenarios,
  ...agentScenarios,
} satisfies Record<string, Scenario>;

/** Every model name the double answers (besides fake-chat's `costly` and `abuse`). */
export type ScenarioName = keyof typeof TABLE;

/** Scenario names whose stream and non-stream answers are fixed data with an expectation. */
export type AnswerScenarioName = {
  [K in ScenarioName]: (typeof TABLE)[K] extends AnswerScenario ? K : never;
}[ScenarioName];

/** The scenario table, by model name. */
export const SCENARIOS: Readonly<Record<ScenarioName, Scenario>> = TABLE;

export const SCENARIO_NAMES = Object.keys(TABLE) as ScenarioName[];

export const ANSWER_SCENARIO_NAMES = SCENARIO_NAMES.filter(
  (name) => TABLE[name].kind === "answer",
) as AnswerScenarioName[];

/** What each answer scenario means (text, reasoning, tool calls, finish, usage), for assertions. */
export const EXPECTED = Object.fromEntries(
  ANSWER_SCENARIO_NAMES.map((name) => [name, (TABLE[name] as AnswerScenario).expected]),
) as Record<AnswerScenarioName, AnswerExpectation>;

/** Envelope and usage of `echo` answers; their text is `JSON.stringify(args)`. */
export const ECHO = {
  service: "openai-completion",
  providerUsed: "gpt-4o-mini",
  usage: { prompt_tokens: 1, completion_tokens: 1, cached_tokens: 0, usd_cents: 0.000075 },
} as const;

/** Splits by code point so no stream line carries half a surrogate pair. */
function pieces(text: string, size: number): string[] {
  const points = Array.from(text);
  const out: string[] = [];
  for (let i = 0; i < points.length; i += size) out.push(points.slice(i, i + size).join(""));
  return out;
}

/** The `echo` answer for these args: shape (a) whose content is `JSON.stringify(args)`. */
export function echoAnswer(args: Record<string, unknown>): AnswerScenario {
  return openAIAnswer({
    ...ECHO,
    usage: { ...ECHO.usage },
    text: pieces(JSON.stringify(args), 64),
    finish: "stop",
    promptTokens: 1,
    completionTokens: 1,
  });
}

export type ResolvedModel = { kind: "scenario"; name: ScenarioName; scenario: Scenario } | { kind: "fake"; name: string };

const BY_KEY = new Map<string, ScenarioName>(SCENARIO_NAMES.map((name) => [name.toLowerCase(), name]));

/** Puter's model map keys are `trim().toLowerCase()`, so lookups ignore case and surrounding space. */
export function resolveModel(model: unknown): ResolvedModel | undefined {
  if (typeof model !== "string") return undefined;
  const key = model.trim().toLowerCase();
  const name = BY_KEY.get(key);
  if (name && name !== "fake") return { kind: "scenario", name, scenario: TABLE[name] };
  if ((FAKE_MODELS as readonly string[]).includes(key)) return { kind: "fake", name: key };
  return undefined;
}
