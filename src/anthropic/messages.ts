import type { ChatSurface } from "../chat/surface.ts";
import type { Background, ModelCatalog } from "../upstream/puter/model-catalog.ts";
import { anthropicErrors } from "./error-body.ts";
import { type AnthropicRequest, toChatRequest } from "./messages-request.ts";
import { messagesSchema } from "./messages-schema.ts";
import { AnthropicMessagesTranslator } from "./messages-translator.ts";
import { resolveModel } from "./model-name.ts";
import { validateBody } from "./validation.ts";

/** `POST /v1/messages` over the chat core: Anthropic's request in, Anthropic messages out. */
export function anthropicMessages(catalog: ModelCatalog, background?: Background): ChatSurface<AnthropicRequest> {
  return {
    idPrefix: "msg_",
    async parse(body) {
      const parsed = validateBody(messagesSchema, body);
      return toChatRequest(parsed, await resolveModel(parsed.model, catalog, background));
    },
    translator: (identity, request) => new AnthropicMessagesTranslator(identity, request.stopSequences),
    errors: anthropicErrors,
    keepalive: { event: "ping", data: { type: "ping" } },
  };
}
