/**
 * How a handler answers one request: the status and headers once, then body chunks. Each write
 * becomes its own chunk of the Response body, so awkward splits survive to the reader.
 */
export interface Reply {
  /** Commits status and headers; the fetch promise resolves with the Response now. */
  head(status: number, headers: Record<string, string>): void;
  readonly headSent: boolean;
  /** Queues one body chunk; resolves at once (the double applies no backpressure). */
  write(data: string | Uint8Array): Promise<void>;
  /** Ends the body normally. */
  end(): void;
  /** The connection breaks after what was written: the reader gets a rejected read, never a clean end. */
  cut(): void;
  /** The connection breaks before any header: the fetch promise rejects as a failed fetch does. */
  reset(): void;
}

export interface PendingReply {
  reply: Reply;
  response: Promise<Response>;
  /** completed=true once the body was read to the end; false when it was aborted, cancelled, cut or reset. */
  closed: Promise<{ completed: boolean }>;
}

/** What undici rejects with when the socket dies; `cause` names the reason as it does. */
export const brokenConnection = (): TypeError =>
  new TypeError("terminated", { cause: new Error("other side closed") });

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/**
 * A Reply backed by a pull-based stream. `signal` is the caller's abort (request signal, response
 * cancel or the double closing); its reason rejects the fetch or errors the body, as fetch does.
 */
export function createReply(signal: AbortSignal, onCancel: () => void): PendingReply {
  const encoder = new TextEncoder();
  const queue: Uint8Array[] = [];
  // ended: no more writes, chunks may still be queued; done: the reader saw the end.
  let state: "open" | "ended" | "done" | "broken" = "open";
  let failure: unknown;
  let wake: (() => void) | undefined;
  let headSent = false;
  let nullBody = false;
  let settleClosed!: (value: { completed: boolean }) => void;
  let resolveResponse!: (r: Response) => void;
  let rejectResponse!: (e: unknown) => void;
  const closed = new Promise<{ completed: boolean }>((r) => (settleClosed = r));
  const response = new Promise<Response>((res, rej) => {
    resolveResponse = res;
    rejectResponse = rej;
  });
  // A rejected fetch that nobody awaits (a test that only watches `closed`) must not crash the run.
  response.catch(() => {});

  const poke = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const breakOff = (error: unknown) => {
    if (state === "done" || state === "broken") return;
    state = "broken";
    failure = error;
    settleClosed({ completed: false });
    if (!headSent) rejectResponse(error);
    poke();
  };

  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        while (queue.length === 0 && state === "open") await new Promise<void>((r) => (wake = r));
        const next = queue.shift();
        if (next) return controller.enqueue(next);
        if (state === "ended") {
          state = "done";
          controller.close();
          settleClosed({ completed: true });
        } else controller.error(failure);
      },
      cancel() {
        breakOff(new Error("cancelled"));
        onCancel();
      },
    },
    { highWaterMark: 0 },
  );

  signal.addEventListener("abort", () => breakOff(signal.reason), { once: true });

  const reply: Reply = {
    head(status, headers) {
      if (headSent || state === "broken") return;
      headSent = true;
      nullBody = NULL_BODY_STATUSES.has(status);
      resolveResponse(new Response(nullBody ? null : body, { status, headers }));
    },
    get headSent() {
      return headSent;
    },
    write(data) {
      if (state === "open") queue.push(typeof data === "string" ? encoder.encode(data) : data);
      poke();
      return Promise.resolve();
    },
    end() {
      if (state !== "open") return;
      state = "ended";
      if (nullBody) {
        state = "done";
        settleClosed({ completed: true });
      }
      poke();
    },
    cut: () => breakOff(brokenConnection()),
    reset: () => breakOff(new TypeError("fetch failed", { cause: new Error("other side closed") })),
  };
  return { reply, response, closed };
}
