import { NotFoundError } from "../errors.ts";
import type { Background, ModelCatalog } from "../upstream/puter/model-catalog.ts";
import type { CatalogModel } from "../upstream/puter/models.ts";
import type { ModelTarget } from "./messages-request.ts";

const DATE_SUFFIX = /-\d{8}$/;
const VERSION_PAIR = /-(\d+)-(\d)(?=$|-)/;

/**
 * The names tried for a model, in order: as given (Puter's ids and aliases), without a `-YYYYMMDD`
 * date (Claude Code's `claude-sonnet-4-5-20250929`), then that with `-latest`, then with the
 * version written with a dot (`claude-opus-4-1` → `claude-opus-4.1`).
 */
export function candidateNames(name: string): string[] {
  const undated = name.replace(DATE_SUFFIX, "");
  const dotted = undated.replace(VERSION_PAIR, "-$1.$2");
  return [...new Set([name, undated, `${undated}-latest`, dotted, `${dotted}-latest`])];
}

/** Whether Puter serves the model through its Claude provider, which reads Anthropic-native parts. */
function isClaude(model: CatalogModel | undefined, name: string): boolean {
  return model ? model.ownedBy === "claude" : /^(anthropic\/)?claude-/i.test(name);
}

/**
 * The Puter model for a client's model name. A name found as given is sent as given (Puter
 * resolves its own aliases); one found only through a variant is sent as the catalogue's id.
 * A `claude-…` name Puter does not have is a 404 naming it; any other unknown name is passed on,
 * since Puter may know models the catalogue does not list yet.
 */
export async function resolveModel(name: string, catalog: ModelCatalog, background?: Background): Promise<ModelTarget> {
  const [, ...variants] = candidateNames(name);
  const found = await catalog.get(name, background);
  if (found) return { model: name, claude: isClaude(found, name) };
  for (const variant of variants) {
    const model = await catalog.get(variant, background);
    if (model) return { model: model.id, claude: isClaude(model, model.id) };
  }
  if (/^claude-/i.test(name)) {
    throw new NotFoundError(`model: ${name}. Puter has no model of that name; GET /v1/models lists the models you can use.`, "model_not_found", "model");
  }
  return { model: name, claude: isClaude(undefined, name) };
}
