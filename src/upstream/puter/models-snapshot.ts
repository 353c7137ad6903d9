/**
 * The bundled Puter model catalogue, served when Puter's model list cannot be reached.
 * Provenance and the command that regenerates it: models-snapshot.md.
 */
import { type CatalogModel, toModelList } from "./models.ts";
import data from "./models-snapshot.json" with { type: "json" };

let models: CatalogModel[] | undefined;

/** The bundled catalogue as OpenAI models; mapped on first use, then the same array every call. */
export function loadSnapshot(): CatalogModel[] {
  models ??= toModelList(data);
  return models;
}
