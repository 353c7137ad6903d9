import type { CatalogModel } from "../upstream/puter/models.ts";
import type { Model } from "./types.ts";

/** One catalogue model as an OpenAI `Model`, with Puter's metadata under descriptive names. */
export function toOpenAIModel(model: CatalogModel): Model {
  const rendered: Model = { id: model.id, object: "model", created: model.created, owned_by: model.ownedBy };
  if (model.name !== undefined) rendered.name = model.name;
  if (model.contextLength !== undefined) rendered.context_length = model.contextLength;
  if (model.maxOutputTokens !== undefined) rendered.max_output_tokens = model.maxOutputTokens;
  if (model.pricing) {
    const { input, output, cachedInput } = model.pricing;
    rendered.pricing = { currency: "usd", unit: "per_million_tokens" };
    if (input !== undefined) rendered.pricing.input = input;
    if (output !== undefined) rendered.pricing.output = output;
    if (cachedInput !== undefined) rendered.pricing.cached_input = cachedInput;
  }
  if (model.inputModalities) rendered.input_modalities = model.inputModalities;
  if (model.outputModalities) rendered.output_modalities = model.outputModalities;
  if (model.supportsTools !== undefined) rendered.supports_tools = model.supportsTools;
  if (model.aliases) rendered.aliases = model.aliases;
  return rendered;
}

/** `GET /v1/models`: OpenAI's list shape. */
export function toOpenAIModelList(models: CatalogModel[]): { object: "list"; data: Model[] } {
  return { object: "list", data: models.map(toOpenAIModel) };
}
