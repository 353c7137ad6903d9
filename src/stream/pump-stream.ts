import type { Stage, StageOutput } from "./stage.ts";

export interface PumpOptions<O> {
  /** Longest wait for the next source chunk, in ms. */
  idleMs: number;
  /** The error a silent source fails with. */
  idleError(): Error;
  /** The last item when reading fails, so a response already begun can still say what went wrong. */
  errorItem(error: unknown): O;
}

async function readWithin<T>(reader: ReadableStreamDefaultReader<T>, ms: number, idleError: () => Error) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const idle = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(idleError()), ms);
  });
  try {
    return await Promise.race([reader.read(), idle]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Reads `source` through `stage` as a new stream, one read at a time as the consumer asks. A source
 * that stays silent for `idleMs`, or fails, is cancelled and ends the stream with `errorItem`, so a
 * stalled upstream can hold neither a client nor a connection. Cancelling the result cancels the
 * source, which aborts the upstream request.
 */
export function pumpStream<I, O>(source: ReadableStream<I>, stage: Stage<I, O>, options: PumpOptions<O>): ReadableStream<O> {
  const reader = source.getReader();
  let finished = false;
  let emitted = false;
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
        try {
          while (!emitted && !finished) {
            const result = await readWithin(reader, options.idleMs, options.idleError);
            if (result.done) {
              finished = true;
              stage.flush?.(out);
            } else stage.push(result.value, out);
          }
        } catch (error) {
          finished = true;
          controller.enqueue(options.errorItem(error));
          void reader.cancel(error).catch(() => {});
        }
        if (finished) controller.close();
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}
