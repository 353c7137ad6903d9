import { openAIAnswer } from "./answer-builders.ts";
import type { AnswerScenario, BehaviourScenario } from "./scenario-types.ts";

/**
 * Agent turns for driving a real agent (Codex CLI) through a tool round trip: the first turn calls
 * a tool, the turn after its result answers in text quoting that result. Which turn it is comes
 * from the request: the double keeps no state.
 */
export const agentScenarios = {
  /** Calls Codex's `exec_command` with a harmless command, then reports its output. */
  "agent/shell": { kind: "agent" } satisfies BehaviourScenario,
  /** Calls the free-form `apply_patch` tool (a custom tool, so its input is `{input}`), then says done. */
  "agent/patch": { kind: "agent" } satisfies BehaviourScenario,
};

/** The command `agent/shell` runs; its output is what the final answer quotes. */
export const AGENT_COMMAND = "echo puter-agent-ok";

/** The patch `agent/patch` applies: it adds `hello.txt` in the working directory. */
export const AGENT_PATCH = "*** Begin Patch\n*** Add File: hello.txt\n+hello from the puter double\n*** End Patch\n";

const CALLS: Record<keyof typeof agentScenarios, { name: string; input: Record<string, unknown> }> = {
  "agent/shell": { name: "exec_command", input: { cmd: AGENT_COMMAND } },
  "agent/patch": { name: "apply_patch", input: { input: AGENT_PATCH } },
};

const usage = { prompt_tokens: 10, completion_tokens: 5, cached_tokens: 0, usd_cents: 0.0001 };

/** The answer for this turn: a tool call, or (after a tool result) text that quotes the result. */
export function agentAnswer(name: keyof typeof agentScenarios, args: Record<string, unknown>): AnswerScenario {
  const messages = Array.isArray(args.messages) ? (args.messages as Array<{ role?: string; content?: unknown }>) : [];
  const last = messages.at(-1);
  const base = { service: "openai-completion", providerUsed: "gpt-4o-mini", usage, promptTokens: 10, completionTokens: 5 };
  if (last?.role === "tool") {
    const result = typeof last.content === "string" ? last.content : JSON.stringify(last.content);
    return openAIAnswer({ ...base, text: ["Tool result: ", result.slice(0, 400)], finish: "stop" });
  }
  const call = CALLS[name];
  return openAIAnswer({ ...base, text: [], toolCalls: [{ id: `call_${name.slice(6)}_1`, ...call }], finish: "tool_calls" });
}
