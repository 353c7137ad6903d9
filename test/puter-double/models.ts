import { FAKE_CATALOGUE } from "./fake-chat.ts";
import { MODELS_FIXTURE } from "./models-fixture.ts";

type Model = Record<string, unknown>;

const str = (v: unknown): string => (typeof v === "string" ? v : "");

/** ChatCompletionDriver `models()`: deduplicated by id, sorted by provider then id. */
function sortModels(models: readonly Model[]): Model[] {
  const seen = new Set<string>();
  return models
    .filter((m) => !seen.has(str(m.id)) && seen.add(str(m.id)))
    .sort((a, b) => str(a.provider).localeCompare(str(b.provider)) || str(a.id).localeCompare(str(b.id)));
}

const listId = (m: Model): string => str(m.puterId) || str(m.id);

/** `GET /puterai/chat/models/details` (the fake-chat models are hidden there). */
export const detailsBody = (): { models: Model[] } => ({ models: sortModels(MODELS_FIXTURE) });

/** `GET /puterai/chat/models`: one sorted string per model, `puterId` when it has one. */
export const idsBody = (): { models: string[] } => ({ models: sortModels(MODELS_FIXTURE).map(listId).sort() });

/** `method:"models"` through /drivers/call: not filtered, so fake-chat's models appear (capture 13). */
export const driverModels = (): Model[] => sortModels([...MODELS_FIXTURE, ...FAKE_CATALOGUE]);

/** `method:"list"`: the ids of `driverModels`, sorted. */
export const driverList = (): string[] => driverModels().map(listId).sort();
