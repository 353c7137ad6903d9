import type { UpstreamEvent } from "../events.ts";
import type { SseMessage } from "../stream/sse-stage.ts";
import type { Stage } from "../stream/stage.ts";
import { type AnswerIdentity, type ChunkOutput, ChatTranslator } from "./chat-translator.ts";

function toMessage(output: ChunkOutput): SseMessage {
  return "chunk" in output ? { data: output.chunk } : { data: output.error.toBody() };
}

/**
 * Translates upstream events into OpenAI `chat.completion.chunk` messages, ending with the finish
 * chunk, the usage chunk when asked for, and `[DONE]`. An error event ends the stream with one
 * error message and no `[DONE]`, so the OpenAI SDKs raise instead of returning a short answer.
 */
export function chatChunkStage(identity: AnswerIdentity, includeUsage: boolean): Stage<UpstreamEvent, SseMessage> {
  const translator = new ChatTranslator(identity);
  return {
    push(event, out) {
      const output = translator.onEvent(event);
      if (!output) return;
      out.emit(toMessage(output));
      if ("error" in output) out.stop();
    },
    flush(out) {
      for (const output of translator.finish(includeUsage)) out.emit(toMessage(output));
      out.emit({ data: "[DONE]" });
    },
  };
}
