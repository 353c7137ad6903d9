import type { Stage, StageOutput } from "./stage.ts";

export interface PumpOptions<O, P = O> {
  /** Longest wait for the next output, in ms: a source trickling bytes that make nothing is still cut. */
  idleMs: number;
  /** The error a silent source fails with. */
  idleError(): Error;
  /**
   * Ends the stream after a read or a stage failed, so a response already begun can say what went
   * wrong; `from` tells a broken source from a bug in our own stages, which must not be blamed on it.
   */
  onError(error: unknown, out: StageOutput<P>, from: "source" | "stage"): void;
  /**
   * Emit what is already known before the first read (items read ahead by the caller), one step
   * per pull: what the first step makes leaves before the next step is made, so the first event of
   * a long head reaches the client without waiting for the rest to be translated.
   */
  prefix?: Array<(out: StageOutput<P>) => void>;
  /**
   * Packs what the stage made of one read into one chunk, so what Puter sent at once leaves at once
   * in one write, not as one write per event (nothing is held back for a later read). Without it,
   * each item is a chunk of its own.
   */
  pack?(items: P[]): O;
  /** While the source is silent, `item` is sent every `everyMs` (it does not count as output for `idleMs`). */
  heartbeat?: { everyMs: number; item: O };
  /** Called once when the stream is over: ended, failed, or cancelled by its reader. */
  done?(): void;
}

const BEAT = Symbol("heartbeat");

/** What the pump reads from: a stream's reader, or anything that reads and cancels like one. */
export type PumpSource<I> = Pick<ReadableStreamDefaultReader<I>, "read" | "cancel">;

/**
 * Reads `source` through `stage` as a new stream, one read at a time as the consumer asks. The idle
 * deadline runs from the last output, not the last chunk, so an upstream that trickles bytes
 * without ever finishing a line is cut too. A source that stays silent past it, or fails, is
 * cancelled and the stream ends with what `onError` emits. Cancelling the result cancels the
 * source, which aborts the upstream request.
 */
export function pumpStream<I, O, P = O>(source: ReadableStream<I> | PumpSource<I>, stage: Stage<I, P>, options: PumpOptions<O, P>): ReadableStream<O> {
  const reader = source instanceof ReadableStream ? source.getReader() : source;
  const beatMs = options.heartbeat && options.heartbeat.everyMs > 0 ? options.heartbeat.everyMs : Number.POSITIVE_INFINITY;
  const prefix = [...(options.prefix ?? [])];
  let done = options.done;
  const over = () => {
    const callback = done;
    done = undefined;
    callback?.();
  };
  let finished = false;
  let emitted = false;
  let deadline = Date.now() + options.idleMs;
  // A read outlives a heartbeat: the next pull awaits the same one, so no chunk is lost.
  let pending: Promise<ReadableStreamReadResult<I>> | undefined;
  // What this pull made so far: enqueued once the pull is over, packed when a packer is given.
  let made: P[] = [];
  const release = (controller: ReadableStreamDefaultController<O>) => {
    if (made.length === 0) return;
    const items = made;
    made = [];
    if (options.pack) controller.enqueue(options.pack(items));
    else for (const item of items) controller.enqueue(item as unknown as O);
  };
  // One output object for the whole stream: stages may keep it (see chainStages).
  const out: StageOutput<P> = {
    emit: (chunk) => {
      emitted = true;
      made.push(chunk);
    },
    stop: () => {
      finished = true;
      void reader.cancel().catch(() => {});
    },
  };
  const next = (): Promise<ReadableStreamReadResult<I> | typeof BEAT> => {
    pending ??= reader.read();
    const left = deadline - Date.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const wait = new Promise<typeof BEAT>((resolve, reject) => {
      timer = setTimeout(() => (beatMs < left ? resolve(BEAT) : reject(options.idleError())), Math.max(Math.min(left, beatMs), 0));
    });
    return Promise.race([pending, wait]).finally(() => clearTimeout(timer));
  };
  return new ReadableStream<O>(
    {
      async pull(controller) {
        emitted = false;
        let from: "source" | "stage" = "stage";
        try {
          // Replayed inside the try: a fault in our own stages is reported as ours, not Puter's.
          while (!emitted && prefix.length > 0) (prefix.shift() as (out: StageOutput<P>) => void)(out);
          while (!emitted && !finished) {
            from = "source";
            const result = await next();
            from = "stage";
            if (result === BEAT) {
              controller.enqueue((options.heartbeat as { item: O }).item);
              return;
            }
            pending = undefined;
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
        release(controller);
        deadline = Date.now() + options.idleMs;
        if (finished) {
          controller.close();
          over();
        }
      },
      cancel(reason) {
        over();
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}
