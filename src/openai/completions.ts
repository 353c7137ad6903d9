import type { ChatSurface } from "../chat/surface.ts";
import { type CompletionsRequest, parseCompletionsRequest } from "./completions-request.ts";
import { CompletionsTranslator } from "./completions-translator.ts";
import { openAIErrors } from "./error-body.ts";

/** `POST /v1/completions` (legacy) over the chat core: the prompt is one user message. */
export const openAICompletions: ChatSurface<CompletionsRequest> = {
  idPrefix: "cmpl-",
  parse: (body) => parseCompletionsRequest(body),
  translator: (identity, request) => new CompletionsTranslator(identity, request.includeUsage),
  errors: openAIErrors,
};
