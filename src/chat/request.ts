import type { PuterMessage } from "../upstream/puter/messages.ts";

/**
 * A chat request in neutral form: what every surface's parser yields from its own dialect, and all
 * the chat core needs to call Puter. Surfaces extend it with what only their translator reads.
 */
export interface ChatRequest {
  /** The model as the client named it; Puter resolves aliases. */
  model: string;
  messages: PuterMessage[];
  stream: boolean;
  /**
   * Puter `args` besides model, messages and stream, in the names Puter reads
   * (docs/puter-wire.md §2.2): only those the client set.
   */
  params: Record<string, unknown>;
}
