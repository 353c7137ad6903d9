import type { Stage, StageOutput } from "./stage.ts";

export interface PumpOptions<O> {
  /** Longest wait for the next output, in ms: a source trickling bytes that make nothing is still cut. */
  idleMs: number;
  /** The error a silent source fails with. */
  idleError(): Error;
  /**
   * Ends the stream after a read or a stage failed, so a response already begun can say what went
   * wrong; `from` tells a broken source from a bug in our own stages, which must not be blamed on it.
   */
  onError(error: unknown, out: StageOutput<O>, from: "source" | "stage"): void;
  /** Emits what is already known before the first read (items read ahead by the caller). */
  prefix?(out: StageOutput<O>): void;
}

async function readWithin<T>(reader: ReadableStreamDefaultReader<T>, ms: number, idleError: () => Error) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const idle = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(idleError()), Math.max(ms, 0));
  });
  try {
    return await Promise.race([reader.read(), idle]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Reads `source` through `stage` as a new stream, one read at a time as the consumer asks. The idle
 * deadline runs from the last output, not the last chunk, so an upstream that trickles bytes
 * without ever finishing a line is cut too. A source that stays silent past it, or fails, is
 * cancelled and the stream ends with what `onError` emits. Cancelling the result cancels the
 * source, which aborts the upstream request.
 */
export function pumpStream<I, O>(source: ReadableStream<I> | ReadableStreamDefaultReader<I>, stage: Stage<I, O>, pumpOptions: PumpOptions<O>): ReadableStream<O> {
  const options = { ...pumpOptions };
  const reader = source instanceof ReadableStream ? source.getReader() : source;
  let finished = false;
  let emitted = false;
  let deadline = Date.now() + options.idleMs;
  let target: ReadableStreamDefaultController<O> | undefined;
  // One output object for the whole stream: stages may keep it (see chainStages).
  const out: StageOutput<O> = {
    emit: (chunk) => {
      emitted = true;
      target?.enqueue(chunk);
    },
    stop: () => {
      finished = true;
      void reader.cancel().catch(() => {});
    },
  };
  return new ReadableStream<O>(
    {
      async pull(controller) {
        target = controller;
        emitted = false;
        let from: "source" | "stage" = "stage";
        try {
          const prefix = options.prefix;
          if (prefix) {
            options.prefix = undefined;
            prefix(out);
          }
          while (!emitted && !finished) {
            from = "source";
            const result = await readWithin(reader, deadline - Date.now(), options.idleError);
            from = "stage";
            if (result.done) {
              finished = true;
              stage.flush?.(out);
            } else stage.push(result.value, out);
          }
        } catch (error) {
          finished = true;
          void reader.cancel(error).catch(() => {});
          options.onError(error, out, from);
        }
        deadline = Date.now() + options.idleMs;
        if (finished) controller.close();
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}
