/** Helpers for testing stream stages: feed chunks in, collect what comes out. */

/** A readable that yields these chunks, one per pull. */
export function streamOf<T>(chunks: Iterable<T>): ReadableStream<T> {
  const iterator = chunks[Symbol.iterator]();
  return new ReadableStream<T>({
    pull(controller) {
      const next = iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
  });
}

/**
 * Stream messages as a translator emitted them, checked: a message serialised from a template
 * (`json`) must be exactly its `data` serialised, and at least one must be, when `templated`.
 */
export function checkTemplated<M extends { data: unknown; json?: string }>(messages: M[], templated: boolean): M[] {
  for (const m of messages) if (m.json !== undefined && m.json !== JSON.stringify(m.data)) throw new Error(`a templated frame differs from its data:\n${m.json}\n${JSON.stringify(m.data)}`);
  if (templated && !messages.some((m) => m.json !== undefined)) throw new Error("no frame was serialised from a template");
  return messages;
}

export async function collect<T>(stream: ReadableStream<T>): Promise<T[]> {
  const out: T[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return out;
    out.push(value);
  }
}

/**
 * The same bytes cut in deliberately awkward ways: whole, one byte at a time, at every single
 * cut point (mid-line, mid-UTF-8 sequence, between \r and \n), and in chunks of 2, 3 and 7 bytes.
 */
export function awkwardSplits(text: string): Array<{ name: string; chunks: Uint8Array<ArrayBuffer>[] }> {
  const bytes = new TextEncoder().encode(text);
  const splits: Array<{ name: string; chunks: Uint8Array<ArrayBuffer>[] }> = [
    { name: "whole", chunks: [bytes] },
    { name: "byte by byte", chunks: Array.from(bytes, (b) => Uint8Array.of(b)) },
  ];
  for (const size of [2, 3, 7]) {
    const chunks: Uint8Array<ArrayBuffer>[] = [];
    for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.slice(i, i + size));
    splits.push({ name: `chunks of ${size}`, chunks });
  }
  for (let cut = 1; cut < bytes.length; cut++) {
    splits.push({ name: `cut at byte ${cut}`, chunks: [bytes.slice(0, cut), bytes.slice(cut)] });
  }
  return splits;
}
