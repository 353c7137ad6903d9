/**
 * Builds the bundled model catalogue `src/upstream/puter/models-snapshot.json` from a Puter
 * `/puterai/chat/models/details` dump, keeping only what `toModel` reads, minified.
 *
 * Usage: node --import tsx scripts/make-models-snapshot.ts [details.json]
 * (default: ../shared/data/puter-models-details.json, relative to the repo root)
 */
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import { toModel } from "../src/upstream/puter/models.ts";
import { isRecord } from "../src/json.ts";

type Entry = Record<string, unknown>;

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DEFAULT_SOURCE = resolve(ROOT, "../shared/data/puter-models-details.json");
const TARGET = resolve(ROOT, "src/upstream/puter/models-snapshot.json");
const KEPT_KEYS = [
  "id", "puterId", "name", "provider", "context", "max_tokens", "costs_currency",
  "input_cost_key", "output_cost_key", "costs", "modalities", "tool_call", "release_date", "aliases",
];
const CACHED_COST_KEYS = ["cached_tokens", "cache_read_input_tokens", "input_cache_read"];


/** Keeps the listed keys, and of `costs` only the unit and the prices the mapper reads. */
function keepReadKeys(entry: Entry): Entry {
  const kept: Entry = {};
  for (const key of KEPT_KEYS) if (entry[key] !== undefined) kept[key] = entry[key];
  if (isRecord(entry.costs)) {
    const costs = entry.costs;
    const priced = ["tokens", entry.input_cost_key, entry.output_cost_key, ...CACHED_COST_KEYS];
    kept.costs = Object.fromEntries(
      priced.filter((key): key is string => typeof key === "string" && costs[key] !== undefined)
        .map((key) => [key, costs[key]]),
    );
  }
  return kept;
}

// Each key the mapper can rebuild (a default, a derivable alias list) is dropped only if the
// entry still maps to exactly the same Model without it: the bytes go, the information stays.
const OPTIONAL_KEYS = ["costs_currency", "input_cost_key", "output_cost_key", "provider", "aliases"];

function withoutKey(entry: Entry, key: string): Entry {
  const { [key]: _dropped, ...rest } = entry;
  return rest;
}

function withoutDefaultUnit(entry: Entry): Entry {
  if (!isRecord(entry.costs) || entry.costs.tokens !== 1_000_000) return entry;
  return { ...entry, costs: withoutKey(entry.costs, "tokens") };
}

// Aliases equal to the id or puterId are re-added by the mapper; the rest may still be needed.
function withoutOwnIds(entry: Entry): Entry {
  if (!Array.isArray(entry.aliases)) return entry;
  const aliases = entry.aliases.filter((alias) => alias !== entry.id && alias !== entry.puterId);
  return aliases.length > 0 ? { ...entry, aliases } : withoutKey(entry, "aliases");
}

function shrink(entry: Entry): Entry {
  const expected = toModel(entry);
  const same = (candidate: Entry) => isDeepStrictEqual(toModel(candidate), expected);
  let slim = keepReadKeys(entry);
  if (!same(slim)) throw new Error(`entry ${String(entry.id)} changed when trimmed to the read keys`);
  for (const candidate of [withoutDefaultUnit, withoutOwnIds]) {
    if (same(candidate(slim))) slim = candidate(slim);
  }
  for (const key of OPTIONAL_KEYS) {
    if (slim[key] !== undefined && same(withoutKey(slim, key))) slim = withoutKey(slim, key);
  }
  return slim;
}

function main(sourceArg: string | undefined): void {
  const source = sourceArg === undefined ? DEFAULT_SOURCE : resolve(sourceArg);
  const body: unknown = JSON.parse(readFileSync(source, "utf8"));
  const entries = Array.isArray(body) ? body : isRecord(body) && Array.isArray(body.models) ? body.models : [];
  const models = entries.filter((entry): entry is Entry => isRecord(entry) && toModel(entry) !== undefined).map(shrink);
  if (models.length === 0) throw new Error(`no models in ${source}`);
  const json = JSON.stringify({ models });
  writeFileSync(TARGET, json);
  console.log(`wrote ${TARGET}: ${models.length} models, ${Buffer.byteLength(json)} bytes`);
}

main(process.argv[2]);
