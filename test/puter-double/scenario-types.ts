/** One NDJSON line of a Puter stream, as an object (written as `JSON.stringify(line) + "\n"`). */
export type PuterLine = Record<string, unknown>;

/** A tool call as the proxy should surface it: `arguments` is the JSON string OpenAI clients expect. */
export interface ToolCallExpectation {
  id: string;
  name: string;
  arguments: string;
}

/**
 * What one answer scenario means, independent of how Puter framed it.
 * The stream lines and the non-stream result of the scenario both describe exactly this.
 */
export interface AnswerExpectation {
  /** The whole assistant text (all text deltas joined); "" when there is none. */
  text: string;
  /** The whole reasoning text; "" when there is none. */
  reasoning: string;
  toolCalls: ToolCallExpectation[];
  /** OpenAI finish_reason the answer maps to (tool calls win, then Claude's stop_reason, then Puter's). */
  finishReason: "stop" | "length" | "tool_calls";
  /** Puter's usage exactly as sent (object, legacy array), or null when Puter sends none. */
  usage: unknown;
  /**
   * OpenAI prompt/completion tokens per the mapping in protocol section 2, knowing the provider
   * (cache counts added back where the provider subtracted them, Gemini thinking added to completion).
   * A stream does not name its provider, so a streaming translation may only approximate these.
   */
  promptTokens: number | null;
  completionTokens: number | null;
  /** `metadata.service_used` of the non-stream envelope. */
  service: string;
  /** `metadata.providerUsed` of the non-stream envelope (a model id, despite the name). */
  providerUsed: string;
  /** Set when the stream ends with an in-band error after the text (no usage line follows). */
  streamError?: string;
  /**
   * Only where the generations differ: what an older server's stream ends with instead of
   * `streamError`; null when it just stops, with neither a usage nor an error line (a broken stream).
   */
  olderStreamError?: string | null;
}

/** A complete JSON response: status, body (serialised as-is) and extra headers. */
export interface JsonResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** How the NDJSON of an answer leaves the socket. */
export type Delivery =
  | "lines" // one write per line, `intervalMs` apart (or `lineGapMs`), then the response ends
  | "split" // the bytes cut at awkward places (inside UTF-8 characters, mid-JSON, after \n), a blank line added
  | "stall" // the lines, then nothing until the client goes away
  | "cut"; // the lines, then the socket is destroyed without the terminating chunk

/** A scenario whose stream lines and non-stream `result` describe one answer. */
export interface AnswerScenario {
  kind: "answer";
  /** Non-stream `result`, without `via_ai_chat_service` (the envelope adds it). */
  result: Record<string, unknown>;
  /** Stream lines, in order, as an older server writes them. */
  lines: PuterLine[];
  /**
   * The stream on a newer server before per-request additions (streamed tool input, the richer
   * usage line); default `lines`. Holds what depends on the answer: error `code`/`status`, Claude's
   * reasoning framing, server tools and safeguards (protocol §10.5, §10.6).
   */
  newerLines?: PuterLine[];
  /** Extra keys for the envelope's `metadata` (e.g. `usage_limited`). */
  metadata?: Record<string, unknown>;
  delivery?: Delivery;
  /** Gap between stream lines; default: the double's `intervalMs`. */
  lineGapMs?: number;
  /** When set, a non-stream request gets this JSON response instead of the answer. */
  nonStream?: JsonResponse;
  expected: AnswerExpectation;
}

/** The same JSON response for stream and non-stream requests (errors, v1 `success:false`). */
export interface JsonScenario {
  kind: "json";
  response: JsonResponse;
}

/** A non-JSON body (a load balancer page, garbage) for both modes. */
export interface TextScenario {
  kind: "text";
  status: number;
  contentType: string;
  body: string;
  /** Only the headers given here: a load balancer does not add Puter's CORS headers. */
  bare?: boolean;
}

/** Behaviours computed at request time rather than described by data. */
export interface BehaviourScenario {
  kind: "fake" | "echo" | "long" | "hang" | "reset" | "agent";
}

export type Scenario = AnswerScenario | JsonScenario | TextScenario | BehaviourScenario;
