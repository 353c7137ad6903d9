import type { Hono } from "hono";
import { runChat } from "../chat/run.ts";
import type { SurfaceDeps } from "../chat/surface-deps.ts";
import { NotFoundError } from "../errors.ts";
import { openAIChat } from "./chat.ts";
import { openAICompletions } from "./completions.ts";
import { editImages } from "./image-edits.ts";
import { createImages } from "./images.ts";
import { toOpenAIModel, toOpenAIModelList } from "./models.ts";
import { openAIResponses } from "./responses.ts";
import { createSpeech } from "./speech.ts";
import { transcribe } from "./transcriptions.ts";

/** The paths the OpenAI surface serves, each with and without the `/v1` prefix. */
export function mountOpenAI(app: Hono, deps: SurfaceDeps): void {
  for (const prefix of ["/v1", ""]) {
    app.post(`${prefix}/chat/completions`, (c) => runChat(c.req.raw, openAIChat, deps.chat));
    app.post(`${prefix}/responses`, (c) => runChat(c.req.raw, openAIResponses, deps.chat));
    app.post(`${prefix}/completions`, (c) => runChat(c.req.raw, openAICompletions, deps.chat));
    app.post(`${prefix}/images/generations`, (c) => createImages(c.req.raw, deps.chat));
    app.post(`${prefix}/images/edits`, (c) => editImages(c.req.raw, deps.chat));
    app.post(`${prefix}/audio/speech`, (c) => createSpeech(c.req.raw, deps.chat));
    app.post(`${prefix}/audio/transcriptions`, (c) => transcribe(c.req.raw, deps.chat, "transcribe"));
    app.post(`${prefix}/audio/translations`, (c) => transcribe(c.req.raw, deps.chat, "translate"));
    app.get(`${prefix}/models`, async (c) => c.json(toOpenAIModelList(await deps.catalog.list(deps.background(c)))));
    app.get(`${prefix}/models/:id{.+}`, async (c) => {
      const id = c.req.param("id");
      const model = await deps.catalog.get(id, deps.background(c));
      if (!model) throw new NotFoundError(`The model \`${id}\` does not exist. GET /v1/models lists the models you can use.`, "model_not_found", "model");
      return c.json(toOpenAIModel(model));
    });
  }
}
