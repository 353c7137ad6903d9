import { UpstreamError, UpstreamTimeoutError } from "../../errors.ts";

/** What a speech call asks Puter for, in neutral terms. */
export interface SpeechRequest {
  text: string;
  voice: string;
  model: string;
  /** mp3, opus, aac, flac, wav or pcm. */
  format: string;
  instructions?: string;
  speed?: number;
}

const OPENAI_MODELS = new Set(["tts-1", "tts-1-hd", "gpt-4o-mini-tts"]);
const OPENAI_VOICES = new Set(["alloy", "ash", "ballad", "coral", "echo", "fable", "nova", "onyx", "sage", "shimmer", "verse", "marin", "cedar"]);

/**
 * Puter's `synthesize` args (protocol §6). An OpenAI model or voice pins `provider: "openai"`, since
 * Puter otherwise defaults to AWS Polly; any other pair is Puter's to route.
 */
export function speechArgs(request: SpeechRequest): Record<string, unknown> {
  const args: Record<string, unknown> = { text: request.text, voice: request.voice, model: request.model, response_format: request.format };
  if (OPENAI_MODELS.has(request.model) || OPENAI_VOICES.has(request.voice)) args.provider = "openai";
  if (request.instructions !== undefined) args.instructions = request.instructions;
  if (request.speed !== undefined) args.speed = request.speed;
  return args;
}

/**
 * Puter's raw audio, passed on chunk by chunk as it arrives. A source that breaks off or stays
 * silent past `idleMs` errors the stream, so the client's read fails instead of seeing a clean,
 * truncated end; cancelling the result cancels the source, which aborts the Puter call.
 */
export function passAudio(body: ReadableStream<Uint8Array>, idleMs: number, done: () => void = () => {}): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let timer: ReturnType<typeof setTimeout> | undefined;
        const idle = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new UpstreamTimeoutError(`Puter's audio stream was silent for more than ${idleMs} ms.`)), idleMs);
        });
        try {
          const next = await Promise.race([reader.read(), idle]);
          if (next.done) {
            controller.close();
            done();
          } else controller.enqueue(next.value);
        } catch (error) {
          done();
          void reader.cancel(error).catch(() => {});
          controller.error(error instanceof UpstreamTimeoutError ? error : new UpstreamError("The connection to Puter broke off in the middle of the audio.", "upstream_disconnected"));
        } finally {
          clearTimeout(timer);
        }
      },
      cancel(reason) {
        done();
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}
