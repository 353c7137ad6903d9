import type { Usage } from "../../events.ts";

/** Vendors whose `prompt_tokens` already include the cached tokens (Puter's `extractMeteredUsage`). */
const CACHE_INCLUDED = new Set(["groq", "deepseek", "mistral", "xai", "together-ai"]);

function count(value: unknown): number {
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? Math.round(value) : 0;
}

function first(record: Record<string, unknown>, keys: string[]): number | undefined {
  for (const key of keys) if (typeof record[key] === "number") return count(record[key]);
  return undefined;
}

/** Legacy (≤ 2025-12) usage: `[{type:'prompt',amount},{type:'completion',amount}]`. */
function fromArray(entries: unknown[]): Usage {
  const usage: Usage = { promptTokens: 0, completionTokens: 0 };
  for (const entry of entries) {
    if (!entry || typeof entry !== "object") continue;
    const { type, amount } = entry as { type?: unknown; amount?: unknown };
    if (type === "prompt" || type === "input") usage.promptTokens += count(amount);
    if (type === "completion" || type === "output") usage.completionTokens += count(amount);
  }
  return usage;
}

/**
 * Maps Puter's per-vendor usage keys (protocol section 2) to neutral token counts. Most vendors
 * report prompt tokens with the cached ones taken out, so those are added back; `service` (known
 * only for whole answers) names the vendors that do not. Returns undefined when nothing is counted.
 */
export function toUsage(raw: unknown, service?: string): Usage | undefined {
  if (Array.isArray(raw)) return fromArray(raw);
  if (!raw || typeof raw !== "object") return undefined;
  const record = raw as Record<string, unknown>;

  const prompt = first(record, ["prompt_tokens", "prompt", "input_tokens"]);
  const completion = first(record, ["completion_tokens", "completion", "output_tokens"]);
  if (prompt === undefined && completion === undefined) return undefined;

  const cached =
    first(record, ["cached_tokens", "input_cache_read"]) ??
    count(record.cache_read_input_tokens) + count(record.ephemeral_5m_input_tokens) + count(record.ephemeral_1h_input_tokens);
  const thinking = count(record.thinking_tokens);
  // Gemini reports thinking apart from completion_tokens; Claude's output_tokens already hold it.
  const thinkingApart = "completion_tokens" in record;

  const usage: Usage = {
    promptTokens: (prompt ?? 0) + (service && CACHE_INCLUDED.has(service) ? 0 : cached),
    completionTokens: (completion ?? 0) + (thinkingApart ? thinking : 0),
  };
  if (cached > 0) usage.cachedTokens = cached;
  if (thinking > 0) usage.reasoningTokens = thinking;
  return usage;
}
