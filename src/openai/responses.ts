import type { ChatSurface } from "../chat/surface.ts";
import { openAIErrors } from "./error-body.ts";
import { parseResponsesRequest, type ResponsesRequest } from "./responses-request.ts";
import { ResponsesTranslator } from "./responses-translator.ts";

/** `POST /v1/responses` over the chat core: OpenAI's Responses request in, a Response out. */
export const openAIResponses: ChatSurface<ResponsesRequest> = {
  idPrefix: "resp_",
  parse: (body) => parseResponsesRequest(body),
  translator: (identity, request) => new ResponsesTranslator(identity, request),
  errors: openAIErrors,
};
