/**
 * Reads and throws away the rest of a request body no route read, for at most `maxBytes` and
 * `timeoutMs`. A server that closes a `Connection: close` socket while request bytes are still
 * unread makes the kernel send a reset, which can destroy the answer before the client reads it;
 * reading the body first lets the answer arrive. Where the runtime hides the body (a GET's, on
 * Node and Bun) there is nothing to read here: the Node entry drains those itself.
 */
export async function discardUnreadBody(request: Request, maxBytes: number, timeoutMs: number): Promise<void> {
  // Most bodies were read by their route: that check first, before `body` (which may build a stream).
  if (request.bodyUsed || !request.body) return;
  // A body declared over the limit was refused unread: waiting for it would only hold the answer back.
  if (Number(request.headers.get("content-length")) > maxBytes) return;
  const reader = request.body.getReader();
  let size = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
  const drain = async () => {
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      size += next.value.byteLength;
      if (size > maxBytes) return;
    }
  };
  try {
    await Promise.race([drain(), late]);
  } catch {
    // A client that went away mid-upload: nothing left to protect.
  } finally {
    clearTimeout(timer);
    void reader.cancel().catch(() => {});
  }
}
