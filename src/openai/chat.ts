import type { ChatSurface } from "../chat/surface.ts";
import { type OpenAIChatRequest, parseChatRequest } from "./chat-request.ts";
import { OpenAIChatTranslator } from "./chat-translator.ts";
import { openAIErrors } from "./error-body.ts";

/** `POST /v1/chat/completions` over the chat core: OpenAI's request in, chat completions out. */
export const openAIChat: ChatSurface<OpenAIChatRequest> = {
  idPrefix: "chatcmpl-",
  parse: (body) => parseChatRequest(body),
  translator: (identity, request) => new OpenAIChatTranslator(identity, request.includeUsage, request.stream),
  errors: openAIErrors,
};
