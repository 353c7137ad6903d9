/**
 * The bundled Puter model catalogue, served when Puter's model list cannot be reached.
 * Provenance and the command that regenerates it: models-snapshot.md.
 */
import { type CatalogModel, toModelList } from "./models.ts";
import { snapshotData } from "./models-snapshot-data.ts";

let models: Promise<CatalogModel[]> | undefined;

/** The bundled catalogue as catalogue models; read and mapped on first use, then the same array every call. */
export function loadSnapshot(): Promise<CatalogModel[]> {
  models ??= snapshotData().then(toModelList);
  return models;
}
