import type { Context, Hono, Next } from "hono";
import { runChat } from "../chat/run.ts";
import type { SurfaceDeps } from "../chat/surface-deps.ts";
import { NotFoundError } from "../errors.ts";
import { readJsonBody } from "../http/json-body.ts";
import { estimateInputTokens } from "./count-tokens.ts";
import { anthropicMessages } from "./messages.ts";
import { messagesSchema } from "./messages-schema.ts";
import { toAnthropicModel, toAnthropicModelList } from "./models.ts";
import { validateBody } from "./validation.ts";

/** Anthropic's SDKs and Claude Code send this header on every call; OpenAI's never do. */
export const isAnthropicRequest = (request: Request) => request.headers.has("anthropic-version");

/** Anthropic's clients log the `request-id` header; the chat core names it `x-request-id`. */
function withRequestId(response: Response): Response {
  response.headers.set("request-id", response.headers.get("x-request-id") ?? `req_${crypto.randomUUID().replaceAll("-", "")}`);
  return response;
}

/** Whether the Anthropic surface owns a request, so its errors are written in Anthropic's envelope. */
export function ownsRequest(request: Request): boolean {
  const path = new URL(request.url).pathname;
  return path === "/v1/messages" || path.startsWith("/v1/messages/") || (path.startsWith("/v1/models") && isAnthropicRequest(request));
}

/**
 * The paths the Anthropic surface serves. Mounted before the OpenAI surface: `/v1/models` answers
 * in Anthropic's shape only for requests with an `anthropic-version` header and passes on the rest.
 */
export function mountAnthropic(app: Hono, deps: SurfaceDeps): void {
  // Claude Code adds `?beta=true`; the query does not change the route.
  app.post("/v1/messages", async (c) => withRequestId(await runChat(c.req.raw, anthropicMessages(deps.catalog, deps.background(c)), deps.chat)));
  app.post("/v1/messages/count_tokens", async (c) => {
    await deps.chat.credentials.authorize(c.req.raw);
    const parsed = validateBody(messagesSchema, await readJsonBody(c.req.raw, deps.chat.maxBodyBytes));
    return withRequestId(c.json({ input_tokens: estimateInputTokens(parsed) }));
  });
  app.get("/v1/models", async (c: Context, next: Next) => {
    if (!isAnthropicRequest(c.req.raw)) return next();
    return withRequestId(c.json(toAnthropicModelList(await deps.catalog.list(deps.background(c)))));
  });
  app.get("/v1/models/:id{.+}", async (c: Context, next: Next) => {
    if (!isAnthropicRequest(c.req.raw)) return next();
    const id = c.req.param("id") ?? "";
    const model = await deps.catalog.get(id, deps.background(c));
    if (!model) throw new NotFoundError(`model: ${id}. GET /v1/models lists the models you can use.`, "model_not_found", "model");
    return withRequestId(c.json(toAnthropicModel(model)));
  });
}
