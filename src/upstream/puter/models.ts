import { isRecord } from "../../json.ts";

/**
 * Maps Puter's model details (`GET /puterai/chat/models/details`, docs/puter-wire.md §7, plus the
 * legacy `cost` shape, docs/puter-wire.md §7) to neutral catalogue models that each surface renders.
 * Pure: no I/O, total on any input.
 */

/** One model of Puter's catalogue, in neutral form; each API surface renders its own listing. */
export interface CatalogModel {
  id: string;
  /** Unix seconds of the release date; 0 when unknown. */
  created: number;
  /** Puter's vendor key (`openai-completion`, `claude`, `openrouter`, …). */
  ownedBy: string;
  name?: string;
  contextLength?: number;
  maxOutputTokens?: number;
  /** US dollars per million tokens. */
  pricing?: { input?: number; output?: number; cachedInput?: number };
  inputModalities?: string[];
  outputModalities?: string[];
  supportsTools?: boolean;
  /** Every other name Puter resolves to this model. */
  aliases?: string[];
}

type Entry = Record<string, unknown>;
type Pricing = NonNullable<CatalogModel["pricing"]>;

const MILLION = 1_000_000;
const OPENROUTER_PREFIX = "openrouter:";
const OPENROUTER_NAME_SUFFIX = " (OpenRouter)";
// Tried in order when an entry does not say which `costs` key is its input or output price.
const INPUT_KEYS = ["input_tokens", "prompt_tokens", "prompt", "input"];
const OUTPUT_KEYS = ["output_tokens", "completion_tokens", "completion", "output"];
const CACHED_KEYS = ["cached_tokens", "cache_read_input_tokens", "input_cache_read"];
const RELEASE_DATE = /^(\d{4})-(\d{2})(?:-(\d{2}))?/;


const text = (value: unknown): string | undefined =>
  typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;

const count = (value: unknown): number | undefined =>
  typeof value === "number" && Number.isFinite(value) && value > 0 ? value : undefined;

const amount = (value: unknown): number | undefined =>
  typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : undefined;

const texts = (value: unknown): string[] | undefined => {
  if (!Array.isArray(value)) return undefined;
  return value.map(text).filter((item): item is string => item !== undefined);
};

/** Drops `undefined` values so the JSON has no empty keys and deep equality is exact. */
function compact<T extends object>(value: T): T {
  for (const key of Object.keys(value) as Array<keyof T>) {
    if (value[key] === undefined) delete value[key];
  }
  return value;
}

/** Unix seconds of a `YYYY-MM[-DD]` release date (UTC midnight); 0 when unknown, as a stable sort key. */
export function toCreated(releaseDate: unknown): number {
  const match = typeof releaseDate === "string" ? RELEASE_DATE.exec(releaseDate) : null;
  if (!match) return 0;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3] ?? 1)];
  if (month < 1 || month > 12 || day < 1 || day > 31) return 0;
  return Date.UTC(year, month - 1, day) / 1000;
}

/** Puter's own OpenRouter alias rule (docs/puter-wire.md §7), so a snapshot may omit aliases it can rebuild. */
export function openRouterAliases(id: string, name?: string): string[] {
  if (!id.startsWith(OPENROUTER_PREFIX)) return [];
  const slug = id.slice(OPENROUTER_PREFIX.length);
  const display = name?.endsWith(OPENROUTER_NAME_SUFFIX) ? name.slice(0, -OPENROUTER_NAME_SUFFIX.length).trim() : undefined;
  const bare = slug.slice(slug.lastIndexOf("/") + 1);
  return [slug, display, `openrouter/${slug}`, bare].filter((alias): alias is string => Boolean(alias));
}

/** Converts US cents per `tokens` tokens to US dollars per million tokens, without float noise. */
export function usdPerMillion(cents: unknown, tokens: number): number | undefined {
  const value = amount(cents);
  if (value === undefined) return undefined;
  return Number(((value * MILLION) / tokens / 100).toPrecision(12));
}

function buildPricing(tokens: number, input: unknown, output: unknown, cached: unknown): Pricing | undefined {
  const pricing: Pricing = compact({
    input: usdPerMillion(input, tokens),
    output: usdPerMillion(output, tokens),
    cachedInput: usdPerMillion(cached, tokens),
  });
  const priced = pricing.input !== undefined || pricing.output !== undefined || pricing.cachedInput !== undefined;
  return priced ? pricing : undefined;
}

// v2: `costs` holds cents per `costs.tokens`; the cost keys name which entries are input and output.
function fromCosts(entry: Entry, costs: Entry): Pricing | undefined {
  if ((entry.costs_currency ?? "usd-cents") !== "usd-cents") return undefined;
  const tokens = count(costs.tokens) ?? MILLION;
  const inputKey = text(entry.input_cost_key) ?? INPUT_KEYS.find((key) => key in costs);
  const outputKey = text(entry.output_cost_key) ?? OUTPUT_KEYS.find((key) => key in costs);
  const cachedKey = CACHED_KEYS.find((key) => amount(costs[key]) !== undefined);
  const pick = (key: string | undefined) => (key === undefined ? undefined : costs[key]);
  return buildPricing(tokens, pick(inputKey), pick(outputKey), pick(cachedKey));
}

// Legacy (until 2025-12): `cost: { currency, tokens, input, output }`.
function fromLegacyCost(cost: Entry): Pricing | undefined {
  if ((cost.currency ?? "usd-cents") !== "usd-cents") return undefined;
  return buildPricing(count(cost.tokens) ?? MILLION, cost.input, cost.output, undefined);
}

function toPricing(entry: Entry): Pricing | undefined {
  if (isRecord(entry.costs)) return fromCosts(entry, entry.costs);
  if (isRecord(entry.cost)) return fromLegacyCost(entry.cost);
  return undefined;
}

// Every other name Puter answers to, first spelling kept; keys compare as Puter's do (trimmed, lowercase).
function toAliases(id: string, names: Array<string | undefined>): string[] | undefined {
  const seen = new Set([id.toLowerCase()]);
  const aliases: string[] = [];
  for (const alias of names) {
    if (alias === undefined || seen.has(alias.toLowerCase())) continue;
    seen.add(alias.toLowerCase());
    aliases.push(alias);
  }
  return aliases.length > 0 ? aliases : undefined;
}

function toModalities(entry: Entry, side: "input" | "output"): string[] | undefined {
  return isRecord(entry.modalities) ? texts(entry.modalities[side]) : undefined;
}

// A missing provider falls back to the id's `vendor:` prefix (`openrouter:…` is OpenRouter's).
function toOwner(entry: Entry, id: string): string {
  const colon = id.indexOf(":");
  return text(entry.provider) ?? (colon > 0 ? id.slice(0, colon) : "puter");
}

/** Maps one Puter details entry to a catalogue model; `undefined` when it has no string id. */
export function toModel(entry: unknown): CatalogModel | undefined {
  if (!isRecord(entry)) return undefined;
  const entryId = text(entry.id);
  if (entryId === undefined) return undefined;
  const puterId = text(entry.puterId);
  // Puter's own /puterai/chat/models lists `puterId || id`, so clients see the same ids here.
  const id = puterId ?? entryId;
  const name = text(entry.name);
  const given = texts(entry.aliases) ?? openRouterAliases(entryId, name);
  return compact<CatalogModel>({
    id,
    created: toCreated(entry.release_date),
    ownedBy: toOwner(entry, id),
    name,
    contextLength: count(entry.context),
    maxOutputTokens: count(entry.max_tokens),
    pricing: toPricing(entry),
    inputModalities: toModalities(entry, "input"),
    outputModalities: toModalities(entry, "output"),
    supportsTools: typeof entry.tool_call === "boolean" ? entry.tool_call : undefined,
    aliases: toAliases(id, [entryId, ...given, puterId]),
  });
}

/** Maps `{"models":[…]}` (or a bare array) to models, skipping bad entries; the first of a duplicate id wins. */
export function toModelList(body: unknown): CatalogModel[] {
  const entries = Array.isArray(body) ? body : isRecord(body) && Array.isArray(body.models) ? body.models : [];
  const byId = new Map<string, CatalogModel>();
  for (const entry of entries) {
    const model = toModel(entry);
    if (model !== undefined && !byId.has(model.id)) byId.set(model.id, model);
  }
  return [...byId.values()];
}
