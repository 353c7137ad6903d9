import type { Background, ModelCatalog } from "../upstream/puter/model-catalog.ts";
import type { ChatContext } from "./run.ts";

/** What the app hands every API surface when it mounts its routes. */
export interface SurfaceDeps {
  chat: ChatContext;
  catalog: ModelCatalog;
  /** The request's `waitUntil`, where the runtime gives one, for work that outlives the answer. */
  background(request: unknown): Background | undefined;
}
