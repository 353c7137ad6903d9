import { isRecord, tokenCount } from "../../../json.ts";
import type { Usage } from "../../events.ts";

/** Vendors whose `prompt_tokens` already include the cached tokens (Puter's `extractMeteredUsage`). */
const CACHE_INCLUDED = new Set(["groq", "deepseek", "mistral", "xai", "together-ai"]);

function first(record: Record<string, unknown>, keys: string[]): number | undefined {
  for (const key of keys) if (typeof record[key] === "number") return tokenCount(record[key]);
  return undefined;
}

/** Legacy (≤ 2025-12) usage: `[{type:'prompt',amount},{type:'completion',amount}]`. */
function fromArray(entries: unknown[]): Usage {
  const usage: Usage = { promptTokens: 0, completionTokens: 0 };
  for (const entry of entries) {
    if (!isRecord(entry)) continue;
    if (entry.type === "prompt" || entry.type === "input") usage.promptTokens += tokenCount(entry.amount);
    if (entry.type === "completion" || entry.type === "output") usage.completionTokens += tokenCount(entry.amount);
  }
  return usage;
}

/**
 * Maps Puter's per-vendor usage keys (docs/puter-wire.md §4) to neutral token counts. Most vendors
 * report prompt tokens with the cached ones taken out, so those are added back; `service` (known
 * only for whole answers) names the vendors that do not. Returns undefined when nothing is counted.
 */
export function toUsage(raw: unknown, service?: string): Usage | undefined {
  if (Array.isArray(raw)) return fromArray(raw);
  if (!isRecord(raw)) return undefined;
  const prompt = first(raw, ["prompt_tokens", "prompt", "input_tokens"]);
  const completion = first(raw, ["completion_tokens", "completion", "output_tokens"]);
  if (prompt === undefined && completion === undefined) return undefined;

  const read = first(raw, ["cached_tokens", "input_cache_read", "cache_read_input_tokens"]) ?? 0;
  const written = tokenCount(raw.ephemeral_5m_input_tokens) + tokenCount(raw.ephemeral_1h_input_tokens);
  const thinking = tokenCount(raw.thinking_tokens);
  // Gemini reports thinking apart from completion_tokens; Claude's output_tokens already hold it.
  const thinkingApart = "completion_tokens" in raw;
  const addBack = service && CACHE_INCLUDED.has(service) ? 0 : read + written;
  return withDetails({ promptTokens: (prompt ?? 0) + addBack, completionTokens: (completion ?? 0) + (thinkingApart ? thinking : 0) }, read, written, thinking);
}

/**
 * The newer servers' `usageDetails` (docs/puter-wire.md §4.2). Exact when it carries Claude's cache
 * keys; for other vendors it is a sum of every key, which counts cached tokens twice for some, so
 * {@link pickUsage} prefers the vendor keys then.
 */
export function fromUsageDetails(details: unknown): Usage | undefined {
  if (!isRecord(details) || (typeof details.inputTokens !== "number" && typeof details.outputTokens !== "number")) return undefined;
  const read = tokenCount(details.cacheReadTokens);
  const written = tokenCount(details.cacheWrite5mTokens) + tokenCount(details.cacheWrite1hTokens);
  const usage = { promptTokens: tokenCount(details.inputTokens) + read + written, completionTokens: tokenCount(details.outputTokens) };
  return withDetails(usage, read, written, tokenCount(details.reasoningTokens));
}

function isExact(details: unknown): boolean {
  return isRecord(details) && ["cacheReadTokens", "cacheWrite5mTokens", "cacheWrite1hTokens", "reasoningTokens"].some((key) => key in details);
}

/** Usage from `usageDetails` where it is exact, else from the vendor keys, else the details' sums. */
export function pickUsage(raw: unknown, details: unknown, service?: string): Usage | undefined {
  if (isExact(details)) return fromUsageDetails(details);
  return toUsage(raw, service) ?? fromUsageDetails(details);
}

function withDetails(usage: Usage, read: number, written: number, reasoning: number): Usage {
  if (read > 0) usage.cachedTokens = read;
  if (written > 0) usage.cacheWriteTokens = written;
  if (reasoning > 0) usage.reasoningTokens = reasoning;
  return usage;
}
