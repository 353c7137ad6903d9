import type { UpstreamEvent } from "../events.ts";
import type { SseMessage } from "../stream/sse-stream.ts";
import { type AnswerIdentity, type ChunkOutput, ChatTranslator } from "./chat-translator.ts";

function toMessage(output: ChunkOutput): SseMessage {
  return "chunk" in output ? { data: output.chunk } : { data: output.error.toBody() };
}

/**
 * Translates upstream events into OpenAI `chat.completion.chunk` messages, ending with the finish
 * chunk, the usage chunk when asked for, and `[DONE]`. An error event ends the stream with one
 * error message and no `[DONE]`, so the OpenAI SDKs raise instead of returning a short answer.
 */
export class ChatChunkStream extends TransformStream<UpstreamEvent, SseMessage> {
  constructor(identity: AnswerIdentity, includeUsage: boolean) {
    const translator = new ChatTranslator(identity);
    super({
      transform(event, controller) {
        const output = translator.onEvent(event);
        if (!output) return;
        controller.enqueue(toMessage(output));
        if ("error" in output) controller.terminate();
      },
      flush(controller) {
        for (const output of translator.finish(includeUsage)) controller.enqueue(toMessage(output));
        controller.enqueue({ data: "[DONE]" });
      },
    });
  }
}
