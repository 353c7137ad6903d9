/**
 * OpenAI Chat Completions wire types, named as the OpenAI API reference names them. Only the parts
 * this proxy writes are typed; requests are read through the validation in chat-request.ts.
 */

export interface ToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}

export interface CompletionUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details?: { cached_tokens: number };
  completion_tokens_details?: { reasoning_tokens: number };
}

export type FinishReason = "stop" | "length" | "tool_calls" | "content_filter" | "function_call";

export interface ChatCompletionMessage {
  role: "assistant";
  content: string | null;
  refusal: null;
  reasoning_content?: string;
  tool_calls?: ToolCall[];
}

export interface ChatCompletion {
  id: string;
  object: "chat.completion";
  created: number;
  model: string;
  choices: Array<{ index: 0; message: ChatCompletionMessage; logprobs: null; finish_reason: FinishReason }>;
  usage: CompletionUsage;
}

/** A tool call in a chunk: the first delta of a call has id, type and name; later ones only arguments. */
export interface ChunkToolCall {
  index: number;
  id?: string;
  type?: "function";
  function: { name?: string; arguments: string };
}

export interface ChatCompletionChunkDelta {
  role?: "assistant";
  content?: string;
  reasoning_content?: string;
  tool_calls?: ChunkToolCall[];
}

export interface ChatCompletionChunk {
  id: string;
  object: "chat.completion.chunk";
  created: number;
  model: string;
  choices: Array<{ index: 0; delta: ChatCompletionChunkDelta; logprobs: null; finish_reason: FinishReason | null }>;
  usage?: CompletionUsage | null;
}

/** One entry of `GET /v1/models`, with Puter's metadata under descriptive names. */
export interface Model {
  id: string;
  object: "model";
  created: number;
  owned_by: string;
  name?: string;
  context_length?: number;
  max_output_tokens?: number;
  pricing?: { currency: "usd"; unit: "per_million_tokens"; input?: number; output?: number; cached_input?: number };
  input_modalities?: string[];
  output_modalities?: string[];
  supports_tools?: boolean;
  aliases?: string[];
}
