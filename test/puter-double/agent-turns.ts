import { claudeAnswer } from "./answer-builders.ts";
import type { AnswerScenario } from "./scenario-types.ts";

/** The command the `agent/bash` scenario asks an agent to run, harmless anywhere. */
export const AGENT_COMMAND = "echo puter-double-tool-ok";

const CLAUDE = { service: "claude", providerUsed: "claude-haiku-4-5-20251001" };
const USAGE = { input_tokens: 20, ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 10, thinking_tokens: 0, usd_cents: 0.01 };

function lastToolResult(args: Record<string, unknown>): string | undefined {
  const messages = Array.isArray(args.messages) ? (args.messages as Array<Record<string, unknown>>) : [];
  const last = messages.at(-1);
  if (last?.role !== "tool") return undefined;
  return typeof last.content === "string" ? last.content : JSON.stringify(last.content);
}

/**
 * A two-turn agent exchange for real coding agents: the first turn calls the `Bash` tool with
 * {@link AGENT_COMMAND}; once the conversation ends with a tool result, the answer is text quoting it.
 */
export function agentAnswer(args: Record<string, unknown>): AnswerScenario {
  const result = lastToolResult(args);
  if (result !== undefined) {
    return claudeAnswer({ ...CLAUDE, text: ["The command printed: ", result.trim()], usage: USAGE, finish: "end_turn", promptTokens: 20, completionTokens: 10 });
  }
  const input = { command: AGENT_COMMAND, description: "Print a marker" };
  return claudeAnswer({ ...CLAUDE, text: ["Running it."], toolCalls: [{ id: "toolu_01AgentBash", name: "Bash", input }], usage: USAGE, finish: "tool_use", promptTokens: 20, completionTokens: 10 });
}
