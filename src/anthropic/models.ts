import type { CatalogModel } from "../upstream/puter/models.ts";

/** One model as Anthropic's Models API lists it. */
export interface AnthropicModel {
  type: "model";
  id: string;
  display_name: string;
  /** RFC 3339; the Unix epoch when Puter gives no release date. */
  created_at: string;
}

/** One catalogue model in Anthropic's shape. */
export function toAnthropicModel(model: CatalogModel): AnthropicModel {
  return { type: "model", id: model.id, display_name: model.name ?? model.id, created_at: new Date(model.created * 1000).toISOString().replace(".000Z", "Z") };
}

/** `GET /v1/models` for Anthropic clients: the whole catalogue in one page. */
export function toAnthropicModelList(models: CatalogModel[]) {
  const data = models.map(toAnthropicModel);
  return { data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null };
}
