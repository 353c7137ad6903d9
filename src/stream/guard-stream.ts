/**
 * Wraps a stream so that a read failure becomes one last item instead of an error: an SSE response
 * can still tell the client what went wrong after its status line has been sent.
 */
export function catchStreamErrors<T>(source: ReadableStream<T>, toItem: (error: unknown) => T): ReadableStream<T> {
  const reader = source.getReader();
  return new ReadableStream<T>(
    {
      async pull(controller) {
        try {
          const { done, value } = await reader.read();
          if (done) controller.close();
          else controller.enqueue(value);
        } catch (error) {
          controller.enqueue(toItem(error));
          controller.close();
        }
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * Fails the stream with `makeError()` when no chunk arrives for `idleMs`, and cancels the source,
 * so a stalled upstream cannot hold a client (and a connection) forever.
 */
export function withIdleTimeout<T>(source: ReadableStream<T>, idleMs: number, makeError: () => Error): ReadableStream<T> {
  const reader = source.getReader();
  return new ReadableStream<T>(
    {
      async pull(controller) {
        let timer: ReturnType<typeof setTimeout> | undefined;
        const idle = new Promise<"idle">((resolve) => {
          timer = setTimeout(resolve, idleMs, "idle");
        });
        try {
          const result = await Promise.race([reader.read(), idle]);
          if (result === "idle") {
            const error = makeError();
            controller.error(error);
            void reader.cancel(error).catch(() => {});
          } else if (result.done) controller.close();
          else controller.enqueue(result.value);
        } finally {
          clearTimeout(timer);
        }
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}
