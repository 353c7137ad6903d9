/**
 * The message vocabulary Puter's chat driver reads (docs/puter-wire.md §2): OpenAI-style messages,
 * which every surface translates its own dialect into and the modes shape. Only the parts the proxy
 * reads or writes are typed; unknown fields are carried through untouched.
 */

export type PuterRole = "system" | "developer" | "user" | "assistant" | "tool" | "function";

/** A content part. Parts other than text (images, Anthropic blocks) are carried as they are. */
export type PuterContentPart =
  | { type: "text"; text: string }
  | { type: "image_url"; image_url: { url: string; detail?: string } }
  | { type: string; [key: string]: unknown };

export interface PuterToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}

export interface PuterMessage {
  role: PuterRole;
  /** A string, an array of parts, or null (an assistant turn that only calls tools). */
  content?: string | PuterContentPart[] | null;
  name?: string;
  tool_calls?: PuterToolCall[];
  tool_call_id?: string;
  [key: string]: unknown;
}

/** A function tool in the OpenAI form Puter reads. */
export interface PuterTool {
  type: "function";
  function: { name: string; description?: string; parameters?: Record<string, unknown>; strict?: boolean };
}
